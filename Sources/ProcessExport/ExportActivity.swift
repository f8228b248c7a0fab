import Records

/// What an exported event says happened to a dossier: one vocabulary for the events of dossier
/// tables and for the steps of step logs, so a model mined from either reads the same.
public enum ExportActivity: UInt8, CaseIterable, Sendable {
    case submitted, received, refused, processing, supplementRequested, supplementReceived, waitingForFees
    case withdrawn, processingStopped, processingFinished, resultReturned

    /// The event's name (`concept:name` in XES, the event type in OCEL).
    public var name: String {
        switch self {
        case .submitted: return "submitted"
        case .received: return "received"
        case .refused: return "refused"
        case .processing: return "processing"
        case .supplementRequested: return "supplement requested"
        case .supplementReceived: return "supplement received"
        case .waitingForFees: return "waiting for fees"
        case .withdrawn: return "withdrawn"
        case .processingStopped: return "processing stopped"
        case .processingFinished: return "processing finished"
        case .resultReturned: return "result returned"
        }
    }

    /// The activity of a step with status `status` (`TrangThai`): a step is recorded when it
    /// ends, so a step with status 5 is the supplement request, one with 9 the end of processing.
    public init(stepStatus status: DossierStatus) {
        switch status {
        case .new: self = .submitted
        case .received: self = .received
        case .notAccepted: self = .refused
        case .processing: self = .processing
        case .waitingForSupplement: self = .supplementRequested
        case .waitingForFinancialObligation: self = .waitingForFees
        case .withdrawn: self = .withdrawn
        case .stopped: self = .processingStopped
        case .finished: self = .processingFinished
        case .returned: self = .resultReturned
        }
    }
}

/// Where a dossier stands under the 766 progress rules at the run's as-of time, as exported
/// (the trace's `progress` attribute).
public enum ExportProgress: UInt8, CaseIterable, Sendable {
    case notReceived, withdrawn, early, onTime, late, finishedWithoutDue, inProgress, inProgressOverdue
    case inProgressWithoutDue

    public var name: String {
        switch self {
        case .notReceived: return "not received"
        case .withdrawn: return "withdrawn"
        case .early: return "early"
        case .onTime: return "on time"
        case .late: return "late"
        case .finishedWithoutDue: return "finished without due"
        case .inProgress: return "in progress"
        case .inProgressOverdue: return "in progress overdue"
        case .inProgressWithoutDue: return "in progress without due"
        }
    }

    /// Finished by its due (early or on time): true; finished late: false; nil otherwise.
    public var onTime: Bool? {
        switch self {
        case .early, .onTime: return true
        case .late: return false
        default: return nil
        }
    }
}

/// `KenhThucHien` as exported.
public func exportChannelName(_ code: UInt8) -> String? {
    switch Channel(rawValue: code) {
    case .inPerson: return "in person"
    case .online: return "online"
    case .postal: return "postal"
    case nil: return nil
    }
}

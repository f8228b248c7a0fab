/// `TrangThaiHoSo`, the DVCQG status code of a dossier.
public enum DossierStatus: UInt8, CaseIterable, Sendable {
    case new = 1  // registered online, not yet received
    case received = 2
    case notAccepted = 3
    case processing = 4
    case waitingForSupplement = 5
    case waitingForFinancialObligation = 6
    case withdrawn = 7
    case stopped = 8
    case finished = 9
    case returned = 10

    /// Statuses 1 and 3: the dossier never entered processing.
    @inlinable public var isReceived: Bool { self != .new && self != .notAccepted }

    /// Received and not withdrawn: the dossiers the 766 judge gives a progress class (on time,
    /// late, in progress...); the others are only counted as not received or withdrawn.
    @inlinable public var isJudged: Bool { isReceived && self != .withdrawn }

    /// Statuses 8, 9, 10: processing has ended and the record must carry an end time.
    @inlinable public var isFinished: Bool { self == .stopped || self == .finished || self == .returned }
}

/// `KenhThucHien`: how the dossier was submitted.
public enum Channel: UInt8, CaseIterable, Sendable {
    case inPerson = 1
    case online = 2
    case postal = 3
}

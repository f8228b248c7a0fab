import Records

/// How a dossier's folded steps can contradict themselves. Each is bad input like a malformed
/// record: reported with the dossier, the file and the line of the step at fault, counted and
/// left out with `--skip-invalid`. `Guides/Steps.md` explains each.
public enum StepContradiction: Sendable, Hashable, CustomStringConvertible {
    /// Steps past reception (status 4 to 10) but none received (status 2).
    case noReceivedStep
    /// A finished step (8, 9 or 10) earlier in time than the received step.
    case finishedBeforeReceived
    /// A step of a status other than finished (8, 9, 10) after the end, the first finished step.
    case stepAfterEnd(DossierStatus)

    public var description: String {
        switch self {
        case .noReceivedStep:
            return "the dossier has steps past reception but no received step (TrangThai 2): add the step "
                + "that received it, or map the system's code for it with --status-map FILE"
        case .finishedBeforeReceived:
            return "a finished step (TrangThai 8, 9 or 10) earlier in time than the received step: "
                + "check the two steps' ThoiDiemXuLy"
        case .stepAfterEnd(let status):
            return "a step with TrangThai \(status.rawValue) after the dossier's end (its first step with "
                + "TrangThai 8, 9 or 10): processing cannot go on once it has ended; check the steps' ThoiDiemXuLy"
        }
    }

    /// The first contradiction of a history in time order, and the index of the step at fault.
    public static func first(in history: DossierHistory) -> (StepContradiction, step: Int)? {
        let steps = history.steps
        guard let received = steps.firstIndex(where: { $0.status == .received }) else {
            let past = steps.firstIndex { $0.status.rawValue >= DossierStatus.processing.rawValue }
            return past.map { (.noReceivedStep, $0) }
        }
        var end: Int?
        for (index, step) in steps.enumerated() {
            if step.status.isFinished {
                if index < received { return (.finishedBeforeReceived, index) }
                if end == nil { end = index }
            } else if end != nil {
                return (.stepAfterEnd(step.status), index)
            }
        }
        return nil
    }
}

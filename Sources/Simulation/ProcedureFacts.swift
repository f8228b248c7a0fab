import WorkingTime

/// The per-dossier facts of a procedure, as plain values for the hot path.
struct ProcedureFacts {
    var feeShare: Double
    var onlinePaymentShare: Double
    var fullOnlineShare: Double
    var digitizedShare: Double
    var electronicResultShare: Double
    var supplementProbability: Double
    var reworkShare: Double
    var supplementStep: Int32
    var stepCount: Int32
    var priority: Double
    var level: Int
    var deadline: Deadline?
    var afternoonCutoff: Int?
    /// Every share is 0 or 1: no attribute draws needed.
    var deterministicAttributes = false
    var counterPaymentShare = 0.0
    var missingDueShare = 0.0
    var repeatProbability = 0.0
    /// A third attribute draw is needed (counter payment or missing due shares strictly between 0 and 1).
    var extraDraw = false
}

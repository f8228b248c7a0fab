/// One dossier in the system, in the event loop's storage.
struct Entity {
    var procedure: Int32 = 0
    var step: Int32 = 0
    var channel: UInt8 = 1
    var attributes: DossierAttributes = []
    var supplementPending = false
    var supplementsDone: UInt8 = 0
    var observed = false
    var waited = false
    var sequence = 0
    var arrival = 0.0
    var stepEntry = 0.0
    var totalWait = 0.0
    var due = Double.nan
    var processingEnd = Double.nan
    var pauseStart = Double.nan
    var pauseEnd = Double.nan
    /// A second supplement request (late under the 766 rule) follows the first.
    var secondSupplement = false
    var pause2Start = Double.nan
    var pause2End = Double.nan
    var supplementDelay = 0.0
    var rework = 0.0
    var pendingWork = 0.0

}

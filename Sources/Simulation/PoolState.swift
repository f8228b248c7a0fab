/// A staff pool's state and its running statistics.
struct PoolState {
    var size: Int
    var busy = 0
    var queued = 0
    var wakePending = false
    var queueArea = 0.0
    var lastChange = 0.0
    var maxQueue = 0
    /// The lowest queue since the last quarter mark (`EventLoop.markQuarter`).
    var lowestQueue = 0
    /// Staff-seconds of work done inside the measured window (working seconds on a calendar):
    /// each job's part of the window, so utilization never exceeds 1.
    var busyArea = 0.0
    var waitSum = 0.0
    var waitCount = 0
    var waitedCount = 0
}

/// A staff pool's state and its running statistics.
struct PoolState {
    var size: Int
    var busy = 0
    var queued = 0
    var wakePending = false
    var queueArea = 0.0
    var lastChange = 0.0
    var maxQueue = 0
    var work = 0.0
    var waitSum = 0.0
    var waitCount = 0
    var waitedCount = 0
}

/// A pool's waiting line: a ring buffer for FIFO, a binary heap on (key, sequence) otherwise.
struct WaitingLine {
    var discipline: QueueDiscipline
    var ring = UnsafeMutablePointer<Int32>.allocate(capacity: 16)
    var ringCapacity = 16
    var head = 0
    var ringCount = 0
    var heap: [(key: Double, sequence: UInt64, entity: Int32)] = []
    var nextSequence: UInt64 = 0

    init(discipline: QueueDiscipline) { self.discipline = discipline }

    func release() { ring.deallocate() }

    var count: Int { discipline == .fifo ? ringCount : heap.count }

    @inline(__always)
    mutating func push(_ e: Int32, key: Double) {
        if discipline == .fifo {
            if ringCount == ringCapacity { growRing() }
            ring[(head + ringCount) & (ringCapacity - 1)] = e
            ringCount += 1
            return
        }
        pushOrdered(e, key: key)
    }

    mutating func growRing() {
        let grown = UnsafeMutablePointer<Int32>.allocate(capacity: ringCapacity * 2)
        for i in 0..<ringCount { grown[i] = ring[(head + i) & (ringCapacity - 1)] }
        ring.deallocate()
        ring = grown
        ringCapacity *= 2
        head = 0
    }

    mutating func pushOrdered(_ e: Int32, key: Double) {
        let item = (key: key, sequence: nextSequence, entity: e)
        nextSequence += 1
        heap.append(item)
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard item.key < heap[parent].key || (item.key == heap[parent].key && item.sequence < heap[parent].sequence)
            else { break }
            heap[i] = heap[parent]
            i = parent
        }
        heap[i] = item
    }

    @inline(__always)
    mutating func pop() -> Int32 {
        if discipline == .fifo {
            let e = ring[head]
            head = (head + 1) & (ringCapacity - 1)
            ringCount -= 1
            return e
        }
        return popOrdered()
    }

    mutating func popOrdered() -> Int32 {
        let top = heap[0].entity
        let last = heap.removeLast()
        if heap.isEmpty { return top }
        var i = 0
        let n = heap.count
        while true {
            var c = 2 * i + 1
            if c >= n { break }
            if c + 1 < n
                && (heap[c + 1].key < heap[c].key
                    || (heap[c + 1].key == heap[c].key && heap[c + 1].sequence < heap[c].sequence))
            {
                c += 1
            }
            guard heap[c].key < last.key || (heap[c].key == last.key && heap[c].sequence < last.sequence) else { break }
            heap[i] = heap[c]
            i = c
        }
        heap[i] = last
        return top
    }
}

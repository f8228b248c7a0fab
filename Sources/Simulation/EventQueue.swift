/// One scheduled event: what happens (`kind`, `target`) at `time`, with `sequence` breaking ties
/// in scheduling order so simultaneous events always run in the same order.
public struct Event: Sendable {
    public var time: Double
    public var sequence: UInt64
    public var kind: Int32
    public var target: Int32

    @inlinable @inline(__always)
    init(time: Double, sequence: UInt64, kind: Int32, target: Int32) {
        self.time = time
        self.sequence = sequence
        self.kind = kind
        self.target = target
    }

    @inlinable @inline(__always)
    public func precedes(_ other: Event) -> Bool {
        time < other.time || (time == other.time && sequence < other.sequence)
    }
}

/// The future event list: a binary min-heap ordered by (time, sequence number).
///
/// `takeFirst` hands out the earliest event but leaves its slot in place until the next
/// operation: when that operation schedules an event (a service end starting the next service,
/// the common case), the new event replaces the root with a single sift-down instead of a
/// removal and an insertion. The order of events is exactly that of `pop` + `schedule`.
///
/// - Complexity: `schedule`, `pop` and `takeFirst` are O(log n).
public struct EventQueue: Sendable {
    @usableFromInline var heap: [Event] = []
    @usableFromInline var nextSequence: UInt64 = 0
    /// The root was handed out by `takeFirst` and is no longer pending.
    @usableFromInline var rootTaken = false

    public init() { heap.reserveCapacity(64) }

    public var count: Int { heap.count - (rootTaken ? 1 : 0) }
    public var isEmpty: Bool { count == 0 }

    /// Schedules an event; among events at the same time, earlier calls run first.
    @inlinable
    public mutating func schedule(at time: Double, kind: Int32, target: Int32) {
        let event = Event(time: time, sequence: nextSequence, kind: kind, target: target)
        nextSequence &+= 1
        if rootTaken {
            rootTaken = false
            siftDownFromRoot(event)
            return
        }
        heap.append(event)
        heap.withUnsafeMutableBufferPointer { h in
            var i = h.count - 1
            while i > 0 {
                let parent = (i - 1) >> 1
                guard event.precedes(h[parent]) else { break }
                h[i] = h[parent]
                i = parent
            }
            h[i] = event
        }
    }

    /// An event that is kept outside the heap (e.g. the next arrival of a stream) but takes its
    /// sequence number now, so it orders exactly as if it had been scheduled.
    @inlinable
    public mutating func detachedEvent(at time: Double, kind: Int32, target: Int32) -> Event {
        defer { nextSequence &+= 1 }
        return Event(time: time, sequence: nextSequence, kind: kind, target: target)
    }

    /// The earliest pending event, without removing it.
    @inlinable
    public mutating func peek() -> Event? {
        settle()
        return heap.first
    }

    /// Removes and returns the earliest event.
    @inlinable
    public mutating func pop() -> Event? {
        settle()
        guard let top = heap.first else { return nil }
        removeRoot()
        return top
    }

    /// Returns the earliest event and removes it lazily (see the type's discussion).
    @inlinable
    public mutating func takeFirst() -> Event? {
        settle()
        guard let top = heap.first else { return nil }
        rootTaken = true
        return top
    }

    @inlinable @inline(__always)
    mutating func settle() {
        if rootTaken {
            rootTaken = false
            removeRoot()
        }
    }

    @inlinable
    mutating func removeRoot() {
        let last = heap.removeLast()
        if !heap.isEmpty { siftDownFromRoot(last) }
    }

    /// Puts `item` at the root and restores the heap order.
    @inlinable
    mutating func siftDownFromRoot(_ item: Event) {
        heap.withUnsafeMutableBufferPointer { h in
            let n = h.count
            var i = 0
            while true {
                var child = 2 * i + 1
                if child >= n { break }
                if child + 1 < n && h[child + 1].precedes(h[child]) { child += 1 }
                guard h[child].precedes(item) else { break }
                h[i] = h[child]
                i = child
            }
            h[i] = item
        }
    }
}

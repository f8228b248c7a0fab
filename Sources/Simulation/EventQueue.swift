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
/// (time, sequence) is a total order, so the events come out in the same order whatever the
/// heap's shape: the order of a simulation never depends on how this type is implemented.
///
/// `takeFirst` hands out the earliest event but leaves its slot in place until the next
/// operation: when that operation schedules an event (a service end starting the next service,
/// the common case), the new event replaces the root with a single sift-down instead of a
/// removal and an insertion. The order of events is exactly that of `pop` + `schedule`.
///
/// The heap lives in raw storage (freed with its owner object), so the event loop pays no
/// copy-on-write uniqueness check and no bounds check. A queue is one engine's: copies share
/// the storage, so a copied queue must not be used.
///
/// - Complexity: `schedule`, `pop` and `takeFirst` are O(log n).
public struct EventQueue {
    /// Frees the heap's storage when the last copy of the queue goes away.
    @usableFromInline final class Storage {
        @usableFromInline var pointer: UnsafeMutablePointer<Event>
        init(_ pointer: UnsafeMutablePointer<Event>) { self.pointer = pointer }
        deinit { pointer.deallocate() }
    }

    @usableFromInline let storage: Storage
    @usableFromInline var heap: UnsafeMutablePointer<Event>
    @usableFromInline var capacity: Int
    /// Slots in use, the taken root included.
    @usableFromInline var used = 0
    @usableFromInline var nextSequence: UInt64 = 0
    /// The root was handed out by `takeFirst` and is no longer pending.
    @usableFromInline var rootTaken = false

    public init() {
        capacity = 64
        heap = .allocate(capacity: capacity)
        storage = Storage(heap)
    }

    public var count: Int { used - (rootTaken ? 1 : 0) }
    public var isEmpty: Bool { count == 0 }

    /// Schedules an event; among events at the same time, earlier calls run first.
    @inlinable @inline(__always)
    public mutating func schedule(at time: Double, kind: Int32, target: Int32) {
        let event = Event(time: time, sequence: nextSequence, kind: kind, target: target)
        nextSequence &+= 1
        if rootTaken {
            rootTaken = false
            siftDownFromRoot(event)
            return
        }
        if used == capacity { grow() }
        var i = used
        used += 1
        while i > 0 {
            let parent = (i - 1) >> 1
            guard event.precedes(heap[parent]) else { break }
            heap[i] = heap[parent]
            i = parent
        }
        heap[i] = event
    }

    @usableFromInline
    mutating func grow() {
        let grown = UnsafeMutablePointer<Event>.allocate(capacity: capacity * 2)
        grown.moveInitialize(from: heap, count: used)
        heap.deallocate()
        heap = grown
        storage.pointer = grown
        capacity *= 2
    }

    /// An event that is kept outside the heap (e.g. the next arrival of a stream) but takes its
    /// sequence number now, so it orders exactly as if it had been scheduled.
    @inlinable @inline(__always)
    public mutating func detachedEvent(at time: Double, kind: Int32, target: Int32) -> Event {
        defer { nextSequence &+= 1 }
        return Event(time: time, sequence: nextSequence, kind: kind, target: target)
    }

    /// The earliest pending event, without removing it.
    @inlinable
    public mutating func peek() -> Event? {
        settle()
        return used > 0 ? heap[0] : nil
    }

    /// Removes and returns the earliest event.
    @inlinable
    public mutating func pop() -> Event? {
        settle()
        guard used > 0 else { return nil }
        let top = heap[0]
        removeRoot()
        return top
    }

    /// Returns the earliest event and removes it lazily (see the type's discussion).
    @inlinable
    public mutating func takeFirst() -> Event? {
        settle()
        guard used > 0 else { return nil }
        rootTaken = true
        return heap[0]
    }

    /// The event loop's form of `peek`: after it, `first` is the earliest pending event when
    /// `hasPending` is true.
    @inlinable @inline(__always)
    mutating func settle() {
        if rootTaken {
            rootTaken = false
            removeRoot()
        }
    }

    @inlinable @inline(__always)
    var hasPending: Bool { used > 0 }

    /// The root; valid only after `settle()` when `hasPending`.
    @inlinable @inline(__always)
    var first: Event { heap[0] }

    /// Calls `body` with every pending event, in no particular order.
    func forEachPending(_ body: (Event) -> Void) {
        for i in (rootTaken ? 1 : 0)..<max(used, rootTaken ? 1 : 0) { body(heap[i]) }
    }

    /// Marks the settled root as taken (the event loop's form of `takeFirst`).
    @inlinable @inline(__always)
    mutating func markFirstTaken() { rootTaken = true }

    @inlinable
    mutating func removeRoot() {
        used -= 1
        if used > 0 { siftDownFromRoot(heap[used]) }
    }

    /// Puts `item` at the root and restores the heap order.
    @inlinable @inline(__always)
    mutating func siftDownFromRoot(_ item: Event) {
        let n = used
        var i = 0
        while true {
            var child = 2 * i + 1
            if child >= n { break }
            if child + 1 < n && heap[child + 1].precedes(heap[child]) { child += 1 }
            guard heap[child].precedes(item) else { break }
            heap[i] = heap[child]
            i = child
        }
        heap[i] = item
    }
}

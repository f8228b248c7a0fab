import CivilTime
import Records

/// A span of a trace's text arena: names are copied into the trace once, so events refer to
/// them without a `String` each.
public struct TextSpan: Hashable, Sendable {
    public var start: Int32
    public var count: Int32

    public static let empty = TextSpan(start: 0, count: 0)

    public init(start: Int32, count: Int32) {
        self.start = start
        self.count = count
    }
}

/// One event of an exported trace.
public struct ExportEvent: Sendable {
    public enum Lifecycle: UInt8, Sendable {
        case start, complete

        public var name: String { self == .start ? "start" : "complete" }
    }

    public var activity: ExportActivity
    public var time: Timestamp
    public var lifecycle: Lifecycle
    /// The trace's citizen request (index into `ExportTrace.requests`) this event opens or
    /// closes; -1 for none.
    public var request: Int32
    /// `PhongBanXuLy`, `NguoiXuLy` (already a pseudonym unless personal names were asked for),
    /// `ChucDanh` and `NoiDungXuLy` of a step; empty for the events of a dossier table.
    public var department: TextSpan
    public var handler: TextSpan
    public var title: TextSpan
    public var content: TextSpan
    /// `NgayKetThucTheoQuyDinh` of a step.
    public var plannedEnd: Timestamp?

    public init(
        activity: ExportActivity, time: Timestamp, lifecycle: Lifecycle = .complete, request: Int32 = -1,
        department: TextSpan = .empty, handler: TextSpan = .empty, title: TextSpan = .empty,
        content: TextSpan = .empty, plannedEnd: Timestamp? = nil
    ) {
        self.activity = activity
        self.time = time
        self.lifecycle = lifecycle
        self.request = request
        self.department = department
        self.handler = handler
        self.title = title
        self.content = content
        self.plannedEnd = plannedEnd
    }
}

/// One dossier as exported: its attributes, its citizen requests (supplement requests: asked
/// for, received back) and its events in time order. Reused from dossier to dossier (`reset`),
/// so a writer allocates nothing per dossier once warm.
public struct ExportTrace: Sendable {
    /// The text the spans point into.
    public var text: [UInt8] = []
    /// `MaHoSo`, `MaTTHC`, `DonViXuLy` and `ChuHoSo` (already a pseudonym unless asked for).
    public var id = TextSpan.empty
    public var procedure = TextSpan.empty
    public var agency = TextSpan.empty
    public var owner = TextSpan.empty
    /// `KenhThucHien`, 0 when absent.
    public var channel: UInt8 = 0
    /// The dossier's last status.
    public var status: DossierStatus?
    /// The due after supplement pauses moved it (the 766 judge's effective due), else the legal due.
    public var due: Timestamp?
    public var progress: ExportProgress?
    public var requests: [PauseInterval] = []
    public var events: [ExportEvent] = []

    public init() {}

    public mutating func reset() {
        text.removeAll(keepingCapacity: true)
        id = .empty
        procedure = .empty
        agency = .empty
        owner = .empty
        channel = 0
        status = nil
        due = nil
        progress = nil
        requests.removeAll(keepingCapacity: true)
        events.removeAll(keepingCapacity: true)
    }

    /// Copies `bytes` into the arena.
    public mutating func store(_ bytes: UnsafeRawBufferPointer) -> TextSpan {
        guard bytes.count > 0 else { return .empty }
        let start = text.count
        text.append(contentsOf: bytes)
        return TextSpan(start: Int32(start), count: Int32(bytes.count))
    }

    public mutating func store(_ string: String) -> TextSpan {
        var s = string
        return s.withUTF8 { store(UnsafeRawBufferPointer($0)) }
    }

    /// The bytes of `span`, valid during `body`.
    @inline(__always)
    public func withBytes<R>(_ span: TextSpan, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        text.withUnsafeBytes { all in
            body(UnsafeRawBufferPointer(rebasing: all[Int(span.start)..<Int(span.start + span.count)]))
        }
    }

    /// Orders the events by time, ties in the order they were added (a stable insertion sort:
    /// a trace holds a handful of events, nearly always in order already).
    public mutating func sortEvents() {
        var i = 1
        while i < events.count {
            let item = events[i]
            var j = i - 1
            while j >= 0 && events[j].time > item.time {
                events[j + 1] = events[j]
                j -= 1
            }
            events[j + 1] = item
            i += 1
        }
    }
}

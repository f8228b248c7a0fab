import CivilTime
import Metrics
import WorkingTime

/// The facts the daily monitor needs about one dossier, after the 766 classification.
public struct MonitoredDossier: Hashable, Sendable {
    public var id: String
    public var agency: String
    public var procedure: String
    /// `TenTTHC` from the log, else the catalog's name; empty when neither has one.
    public var procedureName = ""
    public var received: Timestamp?
    /// The effective due: `NgayHenTra` (or the catalog deadline) moved later by supplement pauses.
    public var due: Timestamp?
    /// `NgayKetThucXuLy`, else `NgayTra`; nil while in progress.
    public var end: Timestamp?
    /// The classifier's verdict that a finished dossier is late (end after due, or more than one
    /// supplement request).
    public var finishedLate: Bool
    /// `XinLoi`.
    public var apology: Bool
    /// Status 5, or a supplement request still open: the clock is stopped.
    public var waitingForSupplement: Bool
    /// More than one supplement request: overdue under the 766 rule whatever its due.
    public var lateBySupplements = false

    public init(
        id: String, agency: String, procedure: String, received: Timestamp?, due: Timestamp?, end: Timestamp?,
        finishedLate: Bool = false, apology: Bool = false, waitingForSupplement: Bool = false
    ) {
        self.id = id
        self.agency = agency
        self.procedure = procedure
        self.received = received
        self.due = due
        self.end = end
        self.finishedLate = finishedLate
        self.apology = apology
        self.waitingForSupplement = waitingForSupplement
    }
}

/// The `limit` first elements of a stream under an order, and how many there were in all.
/// Merging two lists keeps the same `limit` first elements, so the result does not depend on
/// how the stream was split between workers.
public struct BoundedList<Element: Sendable>: Sendable {
    public private(set) var items: [Element] = []
    public private(set) var total = 0
    /// 0 keeps everything.
    public let limit: Int
    let precedes: @Sendable (Element, Element) -> Bool

    public init(limit: Int, by precedes: @escaping @Sendable (Element, Element) -> Bool) {
        self.limit = limit
        self.precedes = precedes
    }

    /// After a trim that filled the list, its last kept element: an element that does not
    /// precede it can never be kept, so a producer may count it (`countSkipped`) without making it.
    public private(set) var worstKept: Element?

    /// Counts an element that falls after `worstKept`, without keeping it.
    public mutating func countSkipped() { total += 1 }

    public mutating func append(_ element: Element) {
        total += 1
        items.append(element)
        if limit > 0 && items.count >= 2 * limit + 64 { trim() }
    }

    public mutating func merge(_ other: BoundedList<Element>) {
        total += other.total
        items += other.items
        trim()
    }

    /// Sorts and keeps the first `limit`.
    public mutating func trim() {
        items.sort(by: precedes)
        if limit > 0 && items.count > limit { items.removeLast(items.count - limit) }
        if limit > 0 && items.count == limit { worstKept = items.last }
    }

    /// The first `limit` elements (all when `limit` is 0), sorted.
    public var sorted: [Element] {
        let all = items.sorted(by: precedes)
        return limit > 0 && all.count > limit ? Array(all.prefix(limit)) : all
    }
}

/// What needs action now: dossiers falling due soon, overdue dossiers, late dossiers without an
/// apology letter.
public struct DailyMonitor: Sendable {
    public struct Item: Hashable, Sendable {
        public var dossier: MonitoredDossier
        /// Working seconds from as-of to due (due soon), from due to as-of (overdue), or from due
        /// to end (finished late).
        public var workingSeconds: Int64
    }

    public var asOf: Timestamp
    /// Dossiers in progress whose due falls in `[asOf, horizonEnd]` are "due soon".
    public var horizonEnd: Timestamp
    public var dueSoon: BoundedList<Item>
    public var overdue: BoundedList<Item>
    public var lateWithoutApology: BoundedList<Item>
    /// Overdue dossiers that already have an apology letter recorded.
    public var overdueWithApology = 0

    /// The default horizon: the rest of today and the whole next working day.
    public static func defaultHorizon(asOf: Timestamp, calendar: WorkCalendar) -> Timestamp {
        var day = asOf.dayNumber + 1
        while !calendar.isWorkingDay(dayNumber: day) { day += 1 }
        let start = calendar.nextWorkingInstant(atOrAfter: Timestamp(seconds: Int64(day) * Timestamp.secondsPerDay))
        // `advance` stops on the end of the last office interval of that day.
        return calendar.advance(start, byWorkingSeconds: calendar.workingSecondsPerDay)
    }

    public init(asOf: Timestamp, horizonEnd: Timestamp, limit: Int) {
        self.asOf = asOf
        self.horizonEnd = horizonEnd
        let byDue: @Sendable (Item, Item) -> Bool = {
            ($0.dossier.due!, $0.dossier.id) < ($1.dossier.due!, $1.dossier.id)
        }
        dueSoon = BoundedList(limit: limit, by: byDue)
        overdue = BoundedList(limit: limit, by: byDue)
        // The most recently finished first: those letters are still worth sending.
        lateWithoutApology = BoundedList(limit: limit) {
            ($0.dossier.end!, $1.dossier.id) > ($1.dossier.end!, $0.dossier.id)
        }
    }

    /// Sorts one dossier into the lists it belongs to.
    public mutating func consume(_ dossier: MonitoredDossier, calendar: WorkCalendar) {
        guard let due = dossier.due else { return }
        if let received = dossier.received, received > asOf { return }
        if let end = dossier.end, end <= asOf {
            if dossier.finishedLate && !dossier.apology {
                lateWithoutApology.append(
                    Item(dossier: dossier, workingSeconds: calendar.workingSeconds(from: due, to: end)))
            }
            return
        }
        // In progress as of `asOf`.
        if due < asOf || dossier.lateBySupplements {
            overdue.append(Item(dossier: dossier, workingSeconds: calendar.workingSeconds(from: due, to: asOf)))
            if dossier.apology { overdueWithApology += 1 }
        } else if due <= horizonEnd {
            dueSoon.append(Item(dossier: dossier, workingSeconds: calendar.workingSeconds(from: asOf, to: due)))
        }
    }

    public mutating func merge(_ other: DailyMonitor) {
        dueSoon.merge(other.dueSoon)
        overdue.merge(other.overdue)
        lateWithoutApology.merge(other.lateWithoutApology)
        overdueWithApology += other.overdueWithApology
    }
}

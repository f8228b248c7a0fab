import CivilTime
import WorkingTime

extension EventLoop {
    @inline(__always) func timestamp(_ t: Double) -> Timestamp { Timestamp(seconds: Int64(t.rounded(.up))) }

    @inline(__always) func isWorking(_ t: Double) -> Bool {
        guard hasCalendar, let calendar else { return true }
        let ts = timestamp(t)
        return calendar.nextWorkingInstant(atOrAfter: ts) == ts
    }

    // The helpers below take the calendar as a parameter: as methods of the engine, every call
    // from a mutating method copied the whole engine (over a kilobyte) first.

    @inline(__always)
    func nextWorking(_ t: Double) -> Double { EventLoop.nextWorking(t, calendar) }

    @inline(never)
    static func nextWorking(_ t: Double, _ calendar: WorkCalendar?) -> Double {
        guard let calendar else { return t }
        return Double(calendar.nextWorkingInstant(atOrAfter: Timestamp(seconds: Int64(t.rounded(.up)))).seconds)
    }

    @inline(__always)
    func completion(start: Double, work: Double) -> Double {
        overtime ? start + work : EventLoop.completion(start: start, work: work, calendar)
    }

    @inline(never)
    static func completion(start: Double, work: Double, _ calendar: WorkCalendar?) -> Double {
        guard let calendar else { return start + work }
        let from = Timestamp(seconds: Int64(start.rounded(.up)))
        return Double(calendar.advance(from, byWorkingSeconds: Int64(work.rounded())).seconds)
    }

    @inline(__always)
    func capacitySeconds(from a: Double, to b: Double) -> Double { EventLoop.capacitySeconds(from: a, to: b, calendar) }

    @inline(never)
    static func capacitySeconds(from a: Double, to b: Double, _ calendar: WorkCalendar?) -> Double {
        guard b > a else { return 0 }
        guard let calendar else { return b - a }
        return Double(
            calendar.workingSeconds(
                from: Timestamp(seconds: Int64(a.rounded(.up))), to: Timestamp(seconds: Int64(b.rounded(.up)))))
    }
}

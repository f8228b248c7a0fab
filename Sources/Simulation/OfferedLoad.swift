import CivilTime
import WorkingTime

/// A pool's offered load before a run: the work that arrives at it against the work its staff
/// can do on the calendar.
///
/// The expected arrivals of each procedure over the window come from its pattern (monthly
/// multipliers included); each step sends a share of them (its channels) to its pool with the
/// step's mean work content, plus the rework of supplement requests. Dividing by the working
/// hours of the window gives arrivals and work per working hour; `utilization` (rho) is that work
/// over the staff. Above 1 no number of replications makes the queue settle: it grows as long
/// as the run lasts.
public struct PoolLoad: Sendable, Hashable {
    public var pool: String
    public var staff: Int
    /// Visits per working hour of the window.
    public var arrivalsPerWorkingHour: Double
    /// Mean work content of a visit, in (working) hours.
    public var workHoursPerVisit: Double
    /// Work arriving per working hour, in hours: the staff it keeps busy full time.
    public var offeredStaff: Double { arrivalsPerWorkingHour * workHoursPerVisit }
    /// rho: the offered work over the staff's capacity.
    public var utilization: Double { offeredStaff / Double(staff) }

    /// The smallest staff that brings rho below `target`.
    public func staff(forUtilizationBelow target: Double) -> Int {
        max(1, Int((offeredStaff / target).rounded(.down)) + 1)
    }
}

extension PoolLoad {
    /// The loads of every pool of `scenario` over `window` seconds from `start` (a year when
    /// the window is open-ended, so the monthly multipliers average out).
    public static func of(_ scenario: Scenario, start: Timestamp, window: Double?) -> [PoolLoad] {
        let seconds = min(window ?? 365 * 86_400, 366 * 86_400)
        let calendar = scenario.calendar
        let end = Timestamp(seconds: start.seconds + Int64(seconds))
        let workingSeconds =
            calendar.map { Double($0.workingSeconds(from: start, to: end)) } ?? seconds
        var visits = [Double](repeating: 0, count: scenario.pools.count)
        var work = [Double](repeating: 0, count: scenario.pools.count)
        for procedure in scenario.procedures {
            let arrivals = expectedArrivals(procedure, start: start, end: end, calendar: calendar)
            let deadlineSeconds = procedure.deadline.map { deadline -> Double in
                let perDay = Double(calendar?.workingSecondsPerDay ?? 86_400)
                switch deadline {
                case .workingDays(let n): return Double(n) * perDay
                case .workingHours(let n): return Double(n) * 3600
                // Received at a random time of the day: half a day left on average.
                case .sameDay: return perDay / 2
                }
            }
            let supplements = procedure.supplementProbability * (1 + procedure.supplementRepeatProbability)
            for (k, step) in procedure.steps.enumerated() {
                var share = 0.0
                for channel in SimChannel.allCases where step.channelMask & (1 << UInt8(channel.rawValue)) != 0 {
                    share += procedure.channelMix[channel.rawValue]
                }
                var mean = step.service.mean
                if k == procedure.supplementStep, let harder = step.serviceWithSupplement {
                    mean = (1 - procedure.supplementProbability) * mean + procedure.supplementProbability * harder.mean
                }
                if k == procedure.supplementStep { mean += supplements * procedure.reworkShare * step.service.mean }
                if step.relativeToDue { mean *= deadlineSeconds ?? 0 }
                visits[step.pool] += arrivals * share
                work[step.pool] += arrivals * share * mean
            }
        }
        return scenario.pools.enumerated().map { i, pool in
            PoolLoad(
                pool: pool.name, staff: pool.size,
                arrivalsPerWorkingHour: workingSeconds > 0 ? visits[i] / (workingSeconds / 3600) : 0,
                workHoursPerVisit: visits[i] > 0 ? work[i] / visits[i] / 3600 : 0)
        }
    }

    /// The expected number of arrivals of `procedure` in [start, end).
    static func expectedArrivals(_ procedure: ProcedureSpec, start: Timestamp, end: Timestamp, calendar: WorkCalendar?)
        -> Double
    {
        if case .fixed(let times) = procedure.arrivals {
            return Double(times.filter { $0 >= Double(start.seconds) && $0 < Double(end.seconds) }.count)
        }
        var total = 0.0
        var dayStart = start
        while dayStart < end {
            let next = min(end, Timestamp(seconds: (Int64(dayStart.dayNumber) + 1) * 86_400))
            let length = Double(next.seconds - dayStart.seconds)
            let month = procedure.monthly[dayStart.date.month - 1]
            switch procedure.arrivals {
            case .constant(let rate): total += rate * length * month
            case .weekly(let counter, let online):
                let working = calendar.map { Double($0.workingSeconds(from: dayStart, to: next)) } ?? length
                total += (counter * working + online * length) * month
            case .hourOfWeek(let table):
                var t = dayStart.seconds
                while t < next.seconds {
                    let hourEnd = min(next.seconds, (t / 3600 + 1) * 3600)
                    let stamp = Timestamp(seconds: t)
                    let hour = (CivilDate.isoWeekday(dayNumber: stamp.dayNumber) - 1) * 24 + stamp.secondOfDay / 3600
                    total += table[hour] * Double(hourEnd - t) * month
                    t = hourEnd
                }
            case .fixed: break
            }
            dayStart = next
        }
        return total
    }
}

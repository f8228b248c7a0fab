import CivilTime
import WorkingTime

/// One generated dossier, all numbers: the encoders turn it into CSV or JSONL bytes.
/// Timestamps are `Timestamp.seconds`; `SyntheticDossier.absent` marks a missing one.
public struct SyntheticDossier: Sendable {
    public static let absent: Int64 = .min

    /// Serial of the dossier in the log (the `MaHoSo` suffix).
    public var serial: Int = 0
    /// When the citizen submitted (dates the `MaHoSo` when the dossier was never received).
    public var submitted: Int64 = absent
    public var unit: Int = 0
    public var procedure: Int = 0
    public var channel: UInt8 = 1
    public var status: UInt8 = 10
    public var received: Int64 = absent
    public var due: Int64 = absent
    public var processingEnd: Int64 = absent
    public var returned: Int64 = absent
    public var level: UInt8 = 3
    public var fullOnline = false
    public var feeBearing = false
    public var fee = 0
    public var paidOnline: UInt8 = 0
    public var digitized = false
    /// Submitted documents (JSONL `TaiLieuNop`), of which `digitized` says whether any is digitized.
    public var documents: UInt8 = 1
    public var electronicResult = false
    public var apology = false
    /// Up to three supplement requests `(start, end)`; `end` may be `absent` (still waiting).
    public var pauseCount = 0
    public var pauses: (Int64, Int64, Int64, Int64, Int64, Int64) = (0, 0, 0, 0, 0, 0)

    public init() {}

    public func pause(_ i: Int) -> (start: Int64, end: Int64) {
        switch i {
        case 0: return (pauses.0, pauses.1)
        case 1: return (pauses.2, pauses.3)
        default: return (pauses.4, pauses.5)
        }
    }

    mutating func addPause(_ start: Int64, _ end: Int64) {
        switch pauseCount {
        case 0: pauses.0 = start; pauses.1 = end
        case 1: pauses.2 = start; pauses.3 = end
        default: pauses.4 = start; pauses.5 = end
        }
        pauseCount += 1
    }
}

/// Shared, read-only tables for drawing dossiers: built once per run.
struct SynthesisPlan: Sendable {
    let options: SynthesisOptions
    let calendar: WorkCalendar
    let workingDays: [Int]
    let firstDay: Int
    let lastDay: Int
    let snapshot: Int64
    let statusChoice: WeightedChoice
    let unitChoice: WeightedChoice
    let procedureChoice: WeightedChoice
    let procedureDeadlineSeconds: [Int64]
    let officeStart: Int
    let officeEnd: Int

    init(_ options: SynthesisOptions) {
        precondition(options.from <= options.to, "from must not be after to")
        precondition(!options.units.isEmpty && !options.procedures.isEmpty)
        self.options = options
        calendar = options.calendar
        firstDay = options.from.dayNumber
        lastDay = options.to.dayNumber
        var days: [Int] = []
        for day in firstDay...lastDay where options.calendar.isWorkingDay(dayNumber: day) { days.append(day) }
        if days.isEmpty { days = [firstDay] }
        workingDays = days
        snapshot = options.snapshot.seconds
        statusChoice = WeightedChoice(options.profile.statusWeights)
        unitChoice = WeightedChoice(options.units.map(\.weight))
        procedureChoice = WeightedChoice(options.procedures.map(\.weight))
        let perDay = options.calendar.workingSecondsPerDay
        procedureDeadlineSeconds = options.procedures.map {
            switch $0.deadline {
            case .sameDay: return perDay
            case .workingDays(let n): return Int64(n) * perDay
            case .workingHours(let n): return Int64(n) * 3600
            }
        }
        officeStart = options.calendar.officeIntervals.first?.start ?? 8 * 3600
        officeEnd = options.calendar.officeIntervals.last?.end ?? 17 * 3600
    }
}

/// Draws dossiers for one block from its own generator.
struct DossierDrawer {
    let plan: SynthesisPlan
    var random: SeededRandom

    init(plan: SynthesisPlan, block: Int) {
        self.plan = plan
        random = SeededRandom(seed: plan.options.seed, stream: UInt64(block))
    }

    private var calendar: WorkCalendar { plan.calendar }
    private var profile: SynthesisProfile { plan.options.profile }

    @inline(__always)
    private func ts(_ seconds: Int64) -> Timestamp { Timestamp(seconds: seconds) }

    /// A time inside office hours of a working day in `from...to`, mornings busier.
    mutating func officeArrival() -> Int64 {
        let day = plan.workingDays[random.below(plan.workingDays.count)]
        return officeTime(onDay: day)
    }

    mutating func officeTime(onDay day: Int) -> Int64 {
        let intervals = calendar.officeIntervals
        let interval = intervals.count > 1 && random.chance(0.4) ? intervals[1] : intervals[0]
        return Int64(day) * 86_400 + Int64(interval.start) + random.below64(Int64(interval.end - interval.start))
    }

    /// An online submission: any day (weekends half as busy), mostly 07:00-22:00.
    mutating func onlineSubmission() -> Int64 {
        var day = plan.firstDay + random.below(plan.lastDay - plan.firstDay + 1)
        if !calendar.isWorkingDay(dayNumber: day) && random.chance(0.5) {
            day = plan.workingDays[random.below(plan.workingDays.count)]
        }
        let second: Int64 = random.chance(0.82) ? 7 * 3600 + random.below64(15 * 3600) : random.below64(86_400)
        return Int64(day) * 86_400 + second
    }

    /// An officer receives an online submission at the next working instant, within two working hours.
    mutating func receiveOnline(_ submitted: Int64) -> Int64 {
        let start = calendar.nextWorkingInstant(atOrAfter: ts(submitted))
        return calendar.advance(start, byWorkingSeconds: 60 + random.below64(7200)).seconds
    }

    /// A working instant uniformly placed in the working time between `a` and `b`, or nil.
    mutating func workingInstant(between a: Int64, and b: Int64) -> Int64? {
        guard b > a else { return nil }
        let span = calendar.workingSeconds(from: ts(a), to: ts(b))
        guard span > 0 else { return nil }
        let start = calendar.nextWorkingInstant(atOrAfter: ts(a))
        return calendar.advance(start, byWorkingSeconds: random.below64(span)).seconds
    }

    /// Fills `d` with a fresh dossier numbered `serial`.
    mutating func draw(serial: Int, into d: inout SyntheticDossier) {
        d = SyntheticDossier()
        d.serial = serial
        d.unit = plan.unitChoice.draw(&random)
        d.procedure = plan.procedureChoice.draw(&random)
        let status = UInt8(plan.statusChoice.draw(&random) + 1)
        // Dossiers still open at the export are mostly those of the longer procedures.
        var tries = 0
        while (2...6).contains(status) && status != 3 && tries < 3
            && plan.procedureDeadlineSeconds[d.procedure] <= plan.calendar.workingSecondsPerDay
        {
            d.procedure = plan.procedureChoice.draw(&random)
            tries += 1
        }
        let unit = plan.options.units[d.unit]
        let procedure = plan.options.procedures[d.procedure]
        d.status = status
        d.level = procedure.level

        // Channel: the unit's online share, tilted by the procedure; status 1 exists only online.
        let onlineP = min(0.97, unit.onlineShare * procedure.onlineBias)
        if status == 1 || random.chance(onlineP) {
            d.channel = 2
        } else {
            d.channel = random.chance(profile.postalShare / max(0.01, 1 - onlineP)) ? 3 : 1
        }
        let online = d.channel == 2

        // Fees and digitization are properties of the submission, whatever happened next.
        if procedure.fee > 0 && !random.chance(profile.feeExemptShare) {
            d.feeBearing = true
            d.fee = procedure.fee * (1 + random.below(3))
            d.paidOnline =
                random.chance(online ? profile.paidOnlineShare : profile.paidInPersonShare)
                ? (random.chance(0.7) ? 1 : 2) : 0
        }
        d.documents = UInt8(1 + random.below(4))
        d.digitized = random.chance(profile.digitizedShare)
        d.fullOnline = online && procedure.level == 4 && random.chance(profile.fullOnlineShare)

        switch status {
        case 1:
            d.submitted = onlineSubmission()  // registered online, never received: no timestamps
            return
        case 3:
            if random.chance(0.5) { d.received = arrival(online: online) } else { d.submitted = onlineSubmission() }
            return
        case 2, 4, 5, 6:
            drawInProgress(&d, procedure: procedure, unit: unit)
        case 7:
            d.received = arrival(online: online)
            d.due = dueTime(d.received, procedure: procedure, unit: unit)
            if random.chance(0.2) {
                let s = workingInstant(between: d.received, and: plan.snapshot) ?? d.received
                let e = min(
                    plan.snapshot,
                    calendar.nextWorkingInstant(atOrAfter: ts(s + 86_400 * Int64(1 + random.below(5)))).seconds)
                d.addPause(s, e > s ? e : SyntheticDossier.absent)
            }
        default:
            drawFinished(&d, procedure: procedure, unit: unit, online: online)
        }
        if d.received != SyntheticDossier.absent && d.due != SyntheticDossier.absent
            && random.chance(profile.missingDueShare)
        {
            d.due = SyntheticDossier.absent
        }
    }

    /// When the dossier was received: online ones submitted late on the last day would be
    /// received after the export, so those are drawn again.
    mutating func arrival(online: Bool) -> Int64 {
        guard online else { return officeArrival() }
        for _ in 0..<4 {
            let received = receiveOnline(onlineSubmission())
            if received <= plan.snapshot { return received }
        }
        return officeArrival()
    }

    func dueTime(_ received: Int64, procedure: SyntheticProcedure, unit: SyntheticUnit) -> Int64 {
        calendar.due(
            received: ts(received), deadline: procedure.deadline, afternoonCutoff: procedure.afternoonCutoff,
            mode: unit.dueAtEndOfDay ? .endOfDay : .exact
        ).seconds
    }

    /// In progress at the export: received in the last stretch before it, some already overdue.
    mutating func drawInProgress(_ d: inout SyntheticDossier, procedure: SyntheticProcedure, unit: SyntheticUnit) {
        let deadline = plan.procedureDeadlineSeconds[d.procedure]
        let perDay = max(1, calendar.workingSecondsPerDay)
        // Received within the last ~1.15 deadlines (same-day procedures: mostly today), so a
        // minority is already overdue at the export.
        let deadlineDays = Double(deadline) / Double(perDay)
        let backDays =
            deadline <= perDay
            ? (random.chance(0.85) ? 1 : 3) : max(1, Int((deadlineDays * 1.15).rounded(.up)))
        let days = plan.workingDays
        let chosen = days[max(0, days.count - 1 - random.below(backDays))]
        d.received = officeTime(onDay: chosen)
        d.due = dueTime(d.received, procedure: procedure, unit: unit)
        if d.status == 5 || (d.status == 4 && random.chance(0.03)) {
            // Waiting for a supplement (status 4 sometimes has a closed earlier one).
            if let s = workingInstant(between: d.received, and: plan.snapshot) {
                if d.status == 5 {
                    d.addPause(s, SyntheticDossier.absent)
                } else {
                    let e = calendar.nextWorkingInstant(atOrAfter: ts(s + 86_400)).seconds
                    if e < plan.snapshot { d.addPause(s, e) }
                }
            } else if d.status == 5 {
                d.status = 4
            }
        }
    }

    /// Finished (8, 9, 10): pick the outcome first, then place the end time to produce it.
    mutating func drawFinished(
        _ d: inout SyntheticDossier, procedure: SyntheticProcedure, unit: SyntheticUnit, online: Bool
    ) {
        let r = random.unit()
        let outcome = r < profile.lateShare ? 2 : (r < profile.lateShare + profile.earlyShare ? 0 : 1)
        let supplements =
            random.chance(profile.twoSupplementShare) ? 2 : (random.chance(profile.oneSupplementShare) ? 1 : 0)
        for _ in 0..<4 {
            d.pauseCount = 0
            d.received = arrival(online: online)
            d.due = dueTime(d.received, procedure: procedure, unit: unit)
            if let end = placeEnd(&d, outcome: outcome, supplements: supplements), end <= plan.snapshot {
                finish(&d, end: end, online: online)
                return
            }
        }
        // Could not finish before the export: still processing.
        d.status = 4
        d.processingEnd = SyntheticDossier.absent
        d.returned = SyntheticDossier.absent
        d.pauseCount = 0
    }

    /// Adds the supplement pauses and returns an end time realizing `outcome` (0 early, 1 on time,
    /// 2 late) against the due moved by the paused working time.
    mutating func placeEnd(_ d: inout SyntheticDossier, outcome: Int, supplements: Int) -> Int64? {
        var last = d.received
        var paused: Int64 = 0
        for _ in 0..<supplements {
            guard let s = workingInstant(between: last, and: max(last + 3600, d.due)) else { break }
            let back = s + 86_400 * Int64(1 + random.below(8)) + random.below64(86_400)
            let e = calendar.advance(
                calendar.nextWorkingInstant(atOrAfter: ts(back)), byWorkingSeconds: random.below64(3 * 3600)
            ).seconds
            d.addPause(s, e)
            paused += calendar.workingSeconds(from: ts(s), to: ts(e))
            last = e
        }
        let effectiveDue = paused > 0 ? calendar.advance(ts(d.due), byWorkingSeconds: paused).seconds : d.due
        let dueDayStart = Int64(Timestamp(seconds: effectiveDue).dayNumber) * 86_400
        let earliest = last + 600
        var kind = outcome
        if kind == 0 {
            if let e = workingInstant(between: earliest, and: dueDayStart) { return e }
            kind = 1
        }
        if kind == 1 {
            let lo = max(earliest, dueDayStart)
            if lo <= effectiveDue {
                return workingInstant(between: lo, and: effectiveDue) ?? effectiveDue
            }
        }
        // Late: from a few minutes to several working days past the due.
        let perDay = calendar.workingSecondsPerDay
        let over = random.chance(0.5) ? 60 + random.below64(perDay) : 60 + random.below64(6 * perDay)
        var end = calendar.advance(ts(effectiveDue), byWorkingSeconds: over).seconds
        if end <= earliest { end = calendar.advance(ts(earliest), byWorkingSeconds: over).seconds }
        if end <= effectiveDue { end = effectiveDue + 60 }
        d.apology = true  // provisional: kept with probability `apologyShare` in `finish`
        return end
    }

    mutating func finish(_ d: inout SyntheticDossier, end: Int64, online: Bool) {
        if d.apology { d.apology = random.chance(profile.apologyShare) }
        if d.pauseCount > 1 && !d.apology { d.apology = random.chance(profile.apologyShare * 0.5) }
        d.electronicResult = random.chance(online ? profile.electronicResultShare : profile.electronicResultShare * 0.6)
        switch d.status {
        case 8:
            d.processingEnd = end
            d.electronicResult = false
        case 9:
            d.processingEnd = end
        default:
            var returned = end
            if !d.electronicResult || random.chance(0.3) {
                returned =
                    calendar.advance(ts(end), byWorkingSeconds: random.below64(2 * calendar.workingSecondsPerDay))
                    .seconds
                if returned > plan.snapshot { returned = end }
            }
            if random.chance(profile.missingProcessingEndShare) {
                d.returned = end  // only NgayTra: the end comes from it
            } else {
                d.processingEnd = end
                d.returned = returned
            }
        }
    }

    /// The first version of `final` that a sync log wrote before the final one: just received.
    func earlierVersion(of final: SyntheticDossier) -> SyntheticDossier {
        var early = final
        guard final.received != SyntheticDossier.absent else {
            return early
        }
        early.status = 2
        early.processingEnd = SyntheticDossier.absent
        early.returned = SyntheticDossier.absent
        early.electronicResult = false
        early.apology = false
        early.pauseCount = 0
        return early
    }
}

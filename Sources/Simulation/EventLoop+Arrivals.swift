import CivilTime
import WorkingTime

extension EventLoop {
    func monthly(_ p: Int32, _ t: Double) -> Double {
        let m = scenario.procedures[Int(p)].monthly
        return m[Timestamp(seconds: Int64(t)).date.month - 1]
    }

    /// The next arrival time of stream `i` after `t` (thinning against the stream's peak rate).
    @inline(__always)
    mutating func nextArrival(stream i: Int) -> Double? {
        var t = streams[i].clock
        let maxRate = streams[i].maxRate
        let pattern = streams[i].pattern
        guard maxRate > 0 else { return nil }
        if pattern == .fixedTimes {
            // Fixed instants: `rate` counts the ones already used.
            let next = Int(streams[i].rate) - 1
            guard next < streams[i].table.count else { return nil }
            streams[i].rate += 1
            streams[i].clock = max(t, streams[i].table[next])
            return streams[i].clock
        }
        while true {
            let gap = ziggurat.sample(&streams[i].rng) / maxRate
            if pattern == .officeTime, let calendar {
                t = Double(calendar.advance(timestamp(t), byWorkingSeconds: max(0, Int64(gap.rounded()))).seconds)
            } else {
                t += gap
            }
            let accept: Double
            switch pattern {
            case .hourOfWeek:
                let ts = Timestamp(seconds: Int64(t))
                let hour = (CivilDate.isoWeekday(dayNumber: ts.dayNumber) - 1) * 24 + ts.secondOfDay / 3600
                let month = streams[i].flatMonthly ? streams[i].monthlyMax : monthly(streams[i].procedure, t)
                accept = streams[i].table[hour] * month / maxRate
            default:
                let monthlyMax = streams[i].monthlyMax
                accept =
                    monthlyMax == 1 || streams[i].flatMonthly ? 1 : monthly(streams[i].procedure, t) / monthlyMax
            }
            if accept >= 1 || streams[i].rng.uniform() < accept {
                streams[i].clock = t
                return calendar == nil ? t : t.rounded(.up)
            }
        }
    }

    @inline(__always)
    mutating func arrive(stream i: Int) {
        let cumulative = streams[i].cumulative
        let p = Int(streams[i].procedure)
        // The channel comes from the procedure's attribute stream, not the arrival stream, so
        // arrival times stay aligned between scenarios whatever their channel mixes.
        let channel: UInt8
        if cumulative.0 >= 1 {
            channel = 1
        } else if cumulative.0 <= 0 && cumulative.1 >= 1 {
            channel = 2
        } else {
            let draw = attributeRNG[p].uniform()
            channel = draw < cumulative.0 ? 1 : (draw < cumulative.1 ? 2 : 3)
        }
        if let t = nextArrival(stream: i), t < arrivalCutoff {
            pendingArrivals[i] = events.detachedEvent(at: t, kind: EventKind.arrival, target: Int32(i))
        } else {
            pendingArrivals[i].time = .infinity
            pendingArrivals[i].sequence = .max
        }
        chooseNextStream()
        arrivalsTotal += 1
        if warmupCustomers > 0 && arrivalsTotal == warmupCustomers + 1 {
            observationStart = now
            closeAreas(at: now)
            recountJobsInService(sign: 1)
        }
        let observed = now >= observationStart && now < observationEnd
        if observed {
            arrivalsObserved += 1
            if let limit = customerLimit, arrivalsObserved >= limit { stopArrivals() }
        }
        let id = allocate()
        let i = Int(id)
        // The record is filled in place (no copy of the whole entity).
        entities[i].procedure = Int32(p)
        entities[i].step = -1
        entities[i].channel = channel
        entities[i].attributes = []
        entities[i].supplementPending = false
        entities[i].supplementsDone = 0
        entities[i].observed = observed
        entities[i].waited = false
        entities[i].sequence = arrivalsTotal
        entities[i].arrival = now
        entities[i].stepEntry = now
        entities[i].totalWait = 0
        entities[i].due = .nan
        entities[i].processingEnd = .nan
        entities[i].pauseStart = .nan
        entities[i].pauseEnd = .nan
        entities[i].secondSupplement = false
        entities[i].pause2Start = .nan
        entities[i].pause2End = .nan
        entities[i].supplementDelay = 0
        entities[i].rework = 0
        // Attributes: two draws per dossier (six 21-bit uniforms), skipped when every share is
        // 0 or 1. Arrival times and work contents have their own streams, so this never shifts
        // them between compared scenarios (common random numbers).
        var attributes = fixedAttributes[p * 4 + Int(channel)]
        if attributes == .drawn {
            let deterministic = procs[p].deterministicAttributes
            let r1 = deterministic ? 0 : attributeRNG[p].next(), r2 = deterministic ? 0 : attributeRNG[p].next()
            let r3 = procs[p].extraDraw ? attributeRNG[p].next() : 0
            attributes = .drawn(for: procs[p], channel: channel, r1, r2, r3)
        }
        // Supplement draws only for procedures that can have supplements.
        let hasSupplements = procs[p].supplementProbability > 0
        if hasSupplements { entities[i].supplementDelay = delays[p].sample(&attributeRNG[p]) }
        // Work contents on their own stream, so attribute draws never shift them.
        let base = p * stride
        // The supplement step of a dossier with a supplement request may have its own work content.
        let supplementStep = attributes.contains(.supplement) ? Int(procs[p].supplementStep) : -1
        for k in 0..<Int(procs[p].stepCount) {
            let mean = exponentialMean[base + k]
            if k == supplementStep && hasSupplementService[base + k] {
                work[i * stride + k] = supplementServices[base + k].sample(&serviceRNG[p], ziggurat: ziggurat)
            } else {
                work[i * stride + k] =
                    mean.isNaN
                    ? services[base + k].sample(&serviceRNG[p], ziggurat: ziggurat)
                    : ziggurat.sample(&serviceRNG[p]) * mean
            }
        }
        if hasSupplements {
            entities[i].rework =
                services[base + Int(procs[p].supplementStep)].sample(&serviceRNG[p]) * procs[p].reworkShare
        }
        entities[i].attributes = attributes.intersection(.recorded)
        entities[i].supplementPending = attributes.contains(.supplement)
        entities[i].secondSupplement = attributes.contains(.secondSupplement)
        if !attributes.contains(.missingDue), let deadline = procs[p].deadline {
            if let calendar {
                entities[i].due = Double(
                    calendar.due(
                        received: timestamp(now), deadline: deadline, afternoonCutoff: procs[p].afternoonCutoff
                    ).seconds)
            } else {
                switch deadline {
                case .workingDays(let n): entities[i].due = now + Double(n) * 86_400
                case .workingHours(let n): entities[i].due = now + Double(n) * 3600
                case .sameDay: entities[i].due = Double(Timestamp(seconds: Int64(now)).dayNumber + 1) * 86_400
                }
            }
        }
        changeInSystem(by: 1)
        advance(id)
    }

    mutating func chooseNextStream() {
        nextStream = -1
        guard !arrivalsStopped else { return }
        if pendingArrivals.count == 1 {
            if pendingArrivals[0].time.isFinite { nextStream = 0 }
            return
        }
        for i in 0..<pendingArrivals.count where pendingArrivals[i].time.isFinite {
            if nextStream < 0 || pendingArrivals[i].precedes(pendingArrivals[nextStream]) { nextStream = i }
        }
    }

    mutating func stopArrivals() {
        arrivalsStopped = true
        nextStream = -1
        recountJobsInService(sign: -1)
        observationEnd = now
        closeAreas(at: now)
    }

    @inline(__always)
    mutating func allocate() -> Int32 {
        if free.count > 0 {
            free.count -= 1
            return free[free.count]
        }
        entities.append(Entity())
        for _ in 0..<stride { work.append(0) }
        return Int32(entities.count - 1)
    }
}

import CivilTime
import Metrics
import Records

/// How the event loop counts the dossiers that leave or are still inside at the end.
extension EventLoop {
    func dossier(_ e: Entity, returned: Double?) -> SimulatedDossier {
        let spec = scenario.procedures[Int(e.procedure)]
        var pauses: [PauseInterval] = []
        if e.attributes.contains(.backlog), let prior = priorPauses[e.sequence] { pauses = prior }
        if !e.pauseStart.isNaN {
            pauses.append(.init(start: timestamp(e.pauseStart), end: e.pauseEnd.isNaN ? nil : timestamp(e.pauseEnd)))
        }
        if !e.pause2Start.isNaN {
            pauses.append(.init(start: timestamp(e.pause2Start), end: e.pause2End.isNaN ? nil : timestamp(e.pause2End)))
        }
        return SimulatedDossier(
            sequence: e.sequence, procedure: Int(e.procedure),
            channel: SimChannel(rawValue: Int(e.channel)) ?? .inPerson,
            received: timestamp(e.arrival), due: e.due.isNaN ? nil : timestamp(e.due),
            processingEnd: e.processingEnd.isNaN ? nil : timestamp(e.processingEnd),
            returned: returned.map { Timestamp(seconds: Int64($0.rounded(.up))) },
            pauses: pauses, level: spec.level, fullOnline: e.attributes.contains(.fullOnline),
            feeBearing: e.attributes.contains(.feeBearing), paidOnline: e.attributes.contains(.paidOnline),
            digitized: e.attributes.contains(.digitized), electronicResult: e.attributes.contains(.electronicResult),
            apology: e.attributes.contains(.apology))
    }

    /// Counts `d` as the classifier judges it at `asOf`, with its processing time.
    mutating func judge(_ d: SimulatedDossier, asOf: Timestamp) {
        if let days = judge.count(d, asOf: asOf, into: &byProcedure[d.procedure].counts) {
            processingDaysSum += days
            processingDaysCount += 1
            if !singleProcedure {
                byProcedure[d.procedure].processingDaysSum += days
                byProcedure[d.procedure].processingDaysCount += 1
            }
        }
    }

    /// Counts a dossier that has left: it is judged now, since nothing about it changes later.
    @inline(__always)
    mutating func countDeparted(_ id: Int32) {
        let i = Int(id)
        let procedure = Int(entities[i].procedure)
        let arrival = entities[i].arrival, processingEnd = entities[i].processingEnd
        let pauseStart = entities[i].pauseStart, dueTime = entities[i].due
        let recorded = entities[i].attributes.intersection(.recorded)
        if calendar == nil && dueTime.isNaN && pauseStart.isNaN {
            // Fast path (no calendar, no deadline, no pause): the dossier is finished, no due,
            // so its counts depend only on its channel, level and recorded flags: one tally slot each,
            // added to `counts` at the end (`foldTally`).
            let key = Int(entities[i].channel & 3) | (procs[procedure].level == 4 ? 4 : 0) | Int(recorded.rawValue) << 3
            tally[procedure &* 256 &+ key] += 1
            let days = (processingEnd - arrival) / 86_400
            processingDaysSum += days
            processingDaysCount += 1
            if !singleProcedure {
                byProcedure[procedure].processingDaysSum += days
                byProcedure[procedure].processingDaysCount += 1
            }
            return
        }
        countJudged(id)
    }

    /// `countDeparted` for a dossier with a calendar, a due date or a pause.
    @inline(never)
    mutating func countJudged(_ id: Int32) {
        let e = entities[Int(id)]
        judge(dossier(e, returned: nil), asOf: timestamp(e.processingEnd))
    }

    /// Adds the fast path's tally (see `countDeparted`) to `counts`: the dossiers of one slot
    /// count alike, so one of them is judged and counted as many times as the slot holds.
    mutating func foldTally() {
        for slot in 0..<tally.count where tally[slot] > 0 {
            let key = slot & 255
            let flags = DossierAttributes(rawValue: UInt16(key >> 3))
            let instant = Timestamp(seconds: 0)
            // Finished at once, no due, no pause; level 4 or not is all the counts look at.
            let representative = SimulatedDossier(
                sequence: 0, procedure: 0, channel: SimChannel(rawValue: key & 3) ?? .inPerson, received: instant,
                due: nil, processingEnd: instant, returned: nil, pauses: [], level: key & 4 != 0 ? 4 : 3,
                fullOnline: flags.contains(.fullOnline), feeBearing: flags.contains(.feeBearing),
                paidOnline: flags.contains(.paidOnline), digitized: flags.contains(.digitized),
                electronicResult: flags.contains(.electronicResult))
            var one = KPICounts()
            _ = judge.count(representative, asOf: instant, into: &one)
            byProcedure[slot >> 8].counts.add(one, times: tally[slot])
            tally[slot] = 0
        }
    }
}

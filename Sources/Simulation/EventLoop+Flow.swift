extension EventLoop {

    /// Moves dossier `id` to its next step (or out of the system).
    @inline(__always)
    mutating func advance(_ id: Int32) {
        let i = Int(id)
        let procedure = Int(entities[i].procedure)
        let channelBit: UInt8 = 1 &<< entities[i].channel
        let base = procedure * stride
        let stepCount = Int(procs[procedure].stepCount)
        var k = Int(entities[i].step) + 1
        while k < stepCount && stepMask[base + k] & channelBit == 0 { k += 1 }
        if k < stepCount && stepReturns[base + k] && entities[i].processingEnd.isNaN { entities[i].processingEnd = now }
        guard k < stepCount else {
            if entities[i].processingEnd.isNaN { entities[i].processingEnd = now }
            depart(id)
            return
        }
        entities[i].step = Int32(k)
        entities[i].pendingWork = work[i * stride + k]
        if stepRelative[base + k] {
            // A share of the working time left until the due (moved by any pause so far).
            let due = entities[i].due
            if due.isNaN {
                entities[i].pendingWork = 0
            } else {
                let pauseStart = entities[i].pauseStart, pauseEnd = entities[i].pauseEnd
                let paused = pauseStart.isNaN || pauseEnd.isNaN ? 0 : capacitySeconds(from: pauseStart, to: pauseEnd)
                var movedDue = due + paused
                if let calendar, paused > 0 {
                    movedDue = Double(calendar.advance(timestamp(due), byWorkingSeconds: Int64(paused)).seconds)
                }
                let left = capacitySeconds(from: nextWorking(now), to: movedDue)
                entities[i].pendingWork *= max(left, 0)
            }
        }
        enter(id, pool: Int(stepPool[base + k]))
    }

    @inline(__always)
    mutating func enter(_ id: Int32, pool p: Int) {
        entities[Int(id)].stepEntry = now
        if pools[p].busy < pools[p].size && pools[p].queued == 0 && isWorking(now) {
            start(id, pool: p)
            return
        }
        touchQueue(p)
        let key: Double
        switch disciplines[p] {
        case .fifo: key = 0
        case .earliestDueFirst: key = entities[Int(id)].due.isNaN ? .infinity : entities[Int(id)].due
        case .priority: key = procs[Int(entities[Int(id)].procedure)].priority
        }
        lines[p].push(id, key: key)
        pools[p].queued += 1
        if now >= observationStart && now < observationEnd {
            pools[p].maxQueue = max(pools[p].maxQueue, pools[p].queued)
        }
        if pools[p].busy < pools[p].size { scheduleWake(p) }
    }

    mutating func scheduleWake(_ p: Int) {
        guard !pools[p].wakePending else { return }
        pools[p].wakePending = true
        events.schedule(at: max(now, nextWorking(now)), kind: EventKind.wake, target: Int32(p))
    }

    @inline(__always)
    mutating func start(_ id: Int32, pool p: Int) {
        let i = Int(id)
        let entry = entities[i].stepEntry
        let pending = entities[i].pendingWork
        let wait = now - entry
        if entry >= observationStart && entry < observationEnd {
            pools[p].waitSum += wait
            pools[p].waitCount += 1
            if wait > 0 { pools[p].waitedCount += 1 }
        }
        if wait > 0 {
            entities[i].totalWait += wait
            entities[i].waited = true
        }
        pools[p].busy += 1
        let end = hasCalendar ? completion(start: now, work: pending) : now + pending
        pools[p].busyArea += busySpan(now, end)
        events.schedule(at: end, kind: EventKind.serviceEnd, target: id)
    }

    /// Starts queued work on free staff if the pool is at work now, else wakes it at the next
    /// working instant.
    @inline(__always)
    mutating func dispatch(_ p: Int) {
        guard pools[p].queued > 0 && pools[p].busy < pools[p].size else { return }
        guard isWorking(now) else {
            scheduleWake(p)
            return
        }
        touchQueue(p)
        while pools[p].busy < pools[p].size && pools[p].queued > 0 {
            pools[p].queued -= 1
            pools[p].lowestQueue = min(pools[p].lowestQueue, pools[p].queued)
            start(lines[p].pop(), pool: p)
        }
    }

    @inline(__always)
    mutating func serviceEnd(_ id: Int32) {
        let i = Int(id)
        let procedure = Int(entities[i].procedure)
        let step = entities[i].step
        let p = Int(stepPool[procedure * stride + Int(step)])
        pools[p].busy -= 1
        if entities[i].supplementPending && step == procs[procedure].supplementStep {
            entities[i].supplementPending = false
            if entities[i].pauseStart.isNaN { entities[i].pauseStart = now } else { entities[i].pause2Start = now }
            events.schedule(at: now + max(0, entities[i].supplementDelay), kind: EventKind.supplementReturn, target: id)
        } else {
            advance(id)
        }
        dispatch(p)
    }

    mutating func supplementReturn(_ id: Int32) {
        var e = entities[Int(id)]
        let back = calendar == nil ? now : now.rounded(.up)
        if e.pause2Start.isNaN { e.pauseEnd = back } else { e.pause2End = back }
        e.supplementsDone += 1
        if e.secondSupplement && e.supplementsDone == 1 { e.supplementPending = true }
        e.pendingWork = e.rework
        entities[Int(id)] = e
        enter(id, pool: Int(stepPool[Int(e.procedure) * stride + Int(e.step)]))
    }

    @inline(__always)
    mutating func depart(_ id: Int32) {
        let i = Int(id)
        changeInSystem(by: -1)
        if entities[i].attributes.contains(.backlog) {
            if collect { deliver(dossier(entities[i], returned: now)) }
            judge(dossier(entities[i], returned: nil), asOf: timestamp(now))
        } else if entities[i].observed {
            completed += 1
            waitSum += entities[i].totalWait
            if entities[i].waited { waitedCustomers += 1 }
            sojournSum += now - entities[i].arrival
            if !singleProcedure {
                let p = Int(entities[i].procedure)
                byProcedure[p].completed += 1
                byProcedure[p].waitSum += entities[i].totalWait
                byProcedure[p].sojournSum += now - entities[i].arrival
            }
            if collect { deliver(dossier(entities[i], returned: now)) }
            countDeparted(id)
        }
        free.append(id)
    }
}

import _TextSupport

extension ProcedureSample {
    /// The scenario procedure (its JSON members) for code `code` of field `field`, processed
    /// by `pool`, over days in which each weekday occurs `occurrences[weekday - 1]` times.
    /// - Parameter workMinutes: the staffing model's work content of one dossier: the step
    ///   then queues for the pool's staff with that mean (exponential), instead of fitting the
    ///   elapsed processing time (the delay model).
    func members(
        code: String, field: String, pool: String, occurrences: [Double], perDay: Double, workMinutes: Double? = nil
    )
        -> [JSONValue.Member]
    {
        var members: [JSONValue.Member] = [
            .init("code", .string(code)), .init("field", .string(field)),
            .init(
                "hour_of_week",
                .array(
                    hours.enumerated().map { h, count in
                        .number((count / max(1, occurrences[h / 24]) * 10_000).rounded() / 10_000)
                    })),
            .init(
                "channels",
                .object([
                    .init("in_person", Calibration.share(channels[1], count)),
                    .init("online", Calibration.share(channels[2], count)),
                    .init("postal", Calibration.share(channels[3], count)),
                ])),
        ]
        if !deadlines.isEmpty || eitherDayOrWithin > 0 {
            // The dossiers that tell one day from "within the day" decide; when none does, the
            // two deadlines give every observed due alike and "within the day" is taken.
            let sorted = deadlines.sorted()
            let days = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
            members.append(.init("deadline_days", .number(Double(days))))
            if missingDue > 0 { members.append(.init("missing_due_share", Calibration.share(missingDue, count))) }
            if afternoonCount > 0 && cutoffCount * 2 > afternoonCount {
                members.append(.init("afternoon_cutoff", .string("15:00")))
            }
        }
        let level = levels.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key ?? 3
        members += [
            .init("level", .number(Double(level))), .init("full_online_share", Calibration.share(fullOnline, onlineL4)),
            .init(
                "fee",
                .object([
                    .init("share", Calibration.share(fee, count)),
                    .init("online_payment", Calibration.share(paid, onlineFee)),
                    .init("counter_online_payment", Calibration.share(counterPaid, fee - onlineFee)),
                ])),
            .init("digitized", Calibration.share(digitized, count)),
            .init("e_result", Calibration.share(eResult, finished)),
        ]
        if withPause > 0 {
            // The probabilities come from the finished dossiers when there are any: the
            // processing times are estimated from them too, so the mix of dossiers with and
            // without a request matches the population the on-time rate is measured on.
            let (pauses, twice, base) =
                finished > 0 ? (finishedWithPause, finishedWithTwo, finished) : (withPause, withTwo, count)
            members.append(
                .init(
                    "supplement",
                    .object([
                        .init("probability", Calibration.share(pauses, base)), .init("rework_share", .number(0)),
                        .init("repeat_probability", Calibration.share(twice, pauses)),
                        .init(
                            "delay",
                            delays.isEmpty
                                ? .object([
                                    .init("dist", .string("constant")), .init("value", .number(2)),
                                    .init("unit", .string("days")),
                                ])
                                : .object([
                                    .init("dist", .string("empirical")),
                                    .init("values", .array(Calibration.quantiles(delays))),
                                    .init("unit", .string("days")),
                                ])),
                    ])))
        }
        if let workMinutes {
            members.append(
                .init(
                    "steps",
                    .array([
                        .object([
                            .init("name", .string("processing")), .init("pool", .string(pool)),
                            .init(
                                "service",
                                .object([
                                    .init("dist", .string("exponential")),
                                    .init("mean", .number((workMinutes * 1000).rounded() / 1000)),
                                    .init("unit", .string("minutes")),
                                ])),
                        ])
                    ])))
            return members
        }
        let shareCount = shares[0].count + shares[1].count
        let relative = !deadlines.isEmpty && shareCount * 2 >= processing.count && shareCount > 0
        /// Shares of a group (0 without, 1 with a supplement request; nil: both), split at
        /// the due date (share 1) so the late share is exact.
        func shareDistribution(_ groups: [Int]) -> JSONValue {
            let masses = Calibration.kaplanMeierMasses(
                events: groups.flatMap { shares[$0] + stuckShares[$0] },
                censored: groups.flatMap { censoredShares[$0] })
            return Calibration.splitQuantiles(masses, at: 1, count: 1001, digits: 10_000)
        }
        // Dossiers with a supplement request get their own distribution when there are
        // enough of them to estimate one.
        let ownSupplementShares = relative && withPause > 0 && shares[1].count >= 30 && shares[0].count >= 30
        let service: JSONValue =
            relative
            ? shareDistribution(ownSupplementShares ? [0] : [0, 1])
            : processing.isEmpty
                ? .object([
                    .init("dist", .string("constant")), .init("value", .number(perDay / 3600)),
                    .init("unit", .string("hours")),
                ])
                : .object([
                    .init("dist", .string("empirical")),
                    .init(
                        "values",
                        .array(
                            Calibration.kaplanMeierQuantiles(
                                events: processing, censored: censoredProcessing, count: 201))),
                    .init("unit", .string("hours")),
                ])
        members.append(
            .init(
                "steps",
                .array([
                    .object(
                        [
                            .init("name", .string("processing")), .init("pool", .string(pool)),
                            .init("relative_to_due", .bool(relative)),
                            .init("service", service),
                        ]
                            + (ownSupplementShares
                                ? [.init("service_with_supplement", shareDistribution([1]))] : []))
                ])))
        return members
    }
}

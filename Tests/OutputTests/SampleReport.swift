import CivilTime
import Engine
import Ingest

@testable import Metrics

/// The 20 count names of the JSON schema (README, "JSON output"), in the documented order.
let countNames = [
    "not_received", "received", "withdrawn", "finished", "early", "on_time", "late", "in_progress",
    "in_progress_within", "in_progress_overdue", "no_due", "online", "postal", "full_online_eligible",
    "full_online", "fee_bearing", "paid_online", "digitized", "e_result", "late_with_apology",
]

/// The eight rates with the counts they add up above and below the line, from the README's formula
/// table, written out here so the tests do not borrow the formulas of the code they test.
let rateFormulas: [(name: String, numerator: [String], denominator: [String])] = [
    (
        "progress", ["early", "on_time", "in_progress_within"],
        ["early", "on_time", "late", "in_progress_within", "in_progress_overdue"]
    ),
    ("on_time", ["early", "on_time"], ["early", "on_time", "late"]),
    ("online", ["online"], ["received"]),
    ("full_online", ["full_online"], ["full_online_eligible"]),
    ("online_payment", ["paid_online"], ["fee_bearing"]),
    ("digitization", ["digitized"], ["received"]),
    ("e_result", ["e_result"], ["finished"]),
    ("apology", ["late_with_apology"], ["late"]),
]

/// The numerator and denominator of the rate `name` over counts given by JSON name.
func expectedRate(_ name: String, _ counts: [String: Int]) -> (numerator: Int, denominator: Int) {
    let formula = rateFormulas.first { $0.name == name }!
    return (
        formula.numerator.reduce(0) { $0 + counts[$1, default: 0] },
        formula.denominator.reduce(0) { $0 + counts[$1, default: 0] }
    )
}

/// `numerator / denominator` to `decimals` places, halves rounded away from zero, in integers only:
/// the reference for every percentage and duration the renderer prints (non-negative inputs).
func exactDecimal(_ numerator: Int, _ denominator: Int, decimals: Int) -> String {
    var scale = 1
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (2 * numerator * scale + denominator) / (2 * denominator)
    guard decimals > 0 else { return String(rounded) }
    let fraction = String(rounded % scale)
    return String(rounded / scale) + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
}

/// A rate as a percentage text, truncated toward zero in integers only (the one rule every output
/// shows a rate by), or nil when nothing is below the line (non-negative inputs).
func expectedPercent(_ numerator: Int, _ denominator: Int, decimals: Int) -> String? {
    guard denominator != 0 else { return nil }
    var scale = 1
    for _ in 0..<decimals { scale *= 10 }
    let units = numerator * 100 * scale / denominator
    guard decimals > 0 else { return String(units) }
    let fraction = String(units % scale)
    return String(units / scale) + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
}

/// `value` with a comma every three digits from the right, built from the digits' reversed order.
func thousands(_ value: Int) -> String {
    var reversed: [Character] = []
    for (i, digit) in String(value.magnitude).reversed().enumerated() {
        if i > 0 && i % 3 == 0 { reversed.append(",") }
        reversed.append(digit)
    }
    return (value < 0 ? "-" : "") + String(reversed.reversed())
}

/// Counts given by JSON name, stored field by field (names outside the schema are a test bug).
func kpiCounts(_ values: [String: Int]) -> KPICounts {
    precondition(Set(values.keys).isSubset(of: countNames), "unknown count in \(values.keys)")
    var c = KPICounts()
    c.notReceived = values["not_received", default: 0]
    c.received = values["received", default: 0]
    c.withdrawn = values["withdrawn", default: 0]
    c.finished = values["finished", default: 0]
    c.early = values["early", default: 0]
    c.onTime = values["on_time", default: 0]
    c.late = values["late", default: 0]
    c.inProgress = values["in_progress", default: 0]
    c.inProgressWithin = values["in_progress_within", default: 0]
    c.inProgressOverdue = values["in_progress_overdue", default: 0]
    c.noDue = values["no_due", default: 0]
    c.online = values["online", default: 0]
    c.postal = values["postal", default: 0]
    c.fullOnlineEligible = values["full_online_eligible", default: 0]
    c.fullOnline = values["full_online", default: 0]
    c.feeBearing = values["fee_bearing", default: 0]
    c.paidOnline = values["paid_online", default: 0]
    c.digitized = values["digitized", default: 0]
    c.electronicResult = values["e_result", default: 0]
    c.lateWithApology = values["late_with_apology", default: 0]
    return c
}

/// One group as the tests state it: its key, its counts by JSON name and the processing times of
/// its finished dossiers (whole minutes below 64, which the histogram keeps exactly).
struct SampleGroup {
    var key: [String?]
    var counts: [String: Int]
    var durations: [(minutes: Int, dossiers: Int)] = []

    var aggregate: KPIAggregate {
        var aggregate = KPIAggregate()
        aggregate.counts = kpiCounts(counts)
        for (minutes, dossiers) in durations {
            for _ in 0..<dossiers { aggregate.processingMinutes.add(minutes: minutes) }
        }
        return aggregate
    }
}

/// A small report by agency and channel whose every number is chosen here, so the expected text of
/// each format can be worked out from these inputs alone.
enum Sample {
    /// An eight-hour working day.
    static let secondsPerDay = 8 * 3600
    static let asOf = Timestamp(year: 2026, month: 3, day: 31, hour: 16, minute: 58, second: 36)
    static let asOfText = "2026-03-31T16:58:36"
    /// The same instant as Vietnamese tables write it (day first, to the minute).
    static let asOfTextVietnamese = "31/03/2026 16:58"
    static let dimensions: [GroupDimension] = [.agency, .channel]

    /// In the order the engine would hand them over: by agency, absent last.
    static let groups: [SampleGroup] = [
        SampleGroup(
            key: ["Bộ phận \"Một cửa\", xã Thanh Trì", "in_person"],
            counts: [
                "not_received": 2, "received": 120, "withdrawn": 5, "finished": 100, "early": 40, "on_time": 57,
                "late": 3, "in_progress": 15, "in_progress_within": 12, "in_progress_overdue": 2, "no_due": 1,
                "online": 80, "postal": 4, "full_online_eligible": 50, "full_online": 31, "fee_bearing": 40,
                "paid_online": 0, "digitized": 120, "e_result": 64, "late_with_apology": 1,
            ],
            durations: [(12, 30), (24, 30), (48, 35), (60, 5)]),
        // Nothing received: every rate has a zero denominator, and there is no processing time.
        SampleGroup(key: ["Công an xã", "online"], counts: ["not_received": 3]),
        // A line break inside a key, as a quoted CSV field can hold one.
        SampleGroup(
            key: ["Phòng\r\nKinh tế", "postal"],
            counts: [
                "received": 7, "finished": 7, "early": 1, "on_time": 5, "late": 1, "postal": 7, "fee_bearing": 3,
                "paid_online": 1, "digitized": 2, "e_result": 7,
            ],
            durations: [(9, 7)]),
        // Vietnamese in decomposed form (o + combining grave), and no channel.
        SampleGroup(
            key: ["UBND xã Dân Ho\u{300}a", nil],
            counts: ["received": 1, "in_progress": 1, "in_progress_overdue": 1, "fee_bearing": 1]),
        // No agency; counts past a thousand.
        SampleGroup(
            key: [nil, "online"],
            counts: [
                "received": 1240, "withdrawn": 10, "finished": 1200, "early": 1000, "on_time": 160, "late": 40,
                "in_progress": 30, "in_progress_within": 30, "online": 1240, "full_online_eligible": 1240,
                "full_online": 1000, "fee_bearing": 300, "paid_online": 299, "digitized": 1100, "e_result": 1200,
                "late_with_apology": 40,
            ],
            durations: [(48, 600), (60, 600)]),
    ]

    /// The totals, added up name by name.
    static var totalCounts: [String: Int] {
        var totals: [String: Int] = [:]
        for group in groups { totals.merge(group.counts, uniquingKeysWith: +) }
        return totals
    }

    static var totalDurations: [(minutes: Int, dossiers: Int)] { groups.flatMap(\.durations) }

    static var input: InputSummary {
        var input = InputSummary()
        input.records = 1395
        input.rejected = 4
        input.duplicates = 2
        input.replaced = 1
        var first = InputSummary.FileSummary(path: "logs/xã Dân Hòa, \"T3\".csv")
        first.records = 1000
        first.rejected = 3
        var second = InputSummary.FileSummary(path: "b.jsonl")
        second.records = 395
        second.rejected = 1
        input.files = [first, second]
        return input
    }

    static let outsideSelection = 5

    static func result(asOf: Timestamp? = Sample.asOf) -> ReportResult {
        let totals = SampleGroup(key: [], counts: totalCounts, durations: totalDurations)
        return ReportResult(
            dimensions: dimensions, totals: totals.aggregate,
            groups: groups.map { group in
                GroupResult(
                    key: GroupKey(values: group.key, ranks: group.key.map { _ in 0 }), aggregate: group.aggregate)
            },
            input: input, outsideSelection: outsideSelection, asOf: asOf,
            workingSecondsPerDay: Int64(secondsPerDay))
    }

    /// The nearest-rank percentile of `durations` in working days, as text with `decimals` places.
    static func processingDays(
        _ durations: [(minutes: Int, dossiers: Int)], percentile q: Double, decimals: Int
    ) -> String? {
        let minutes = durations.flatMap { Array(repeating: $0.minutes, count: $0.dossiers) }.sorted()
        guard !minutes.isEmpty else { return nil }
        let rank = Int((q * Double(minutes.count)).rounded(.up))
        return exactDecimal(minutes[rank - 1] * 60, secondsPerDay, decimals: decimals)
    }
}

/// Identical Unicode scalars: stricter than `==`, which equates composed and decomposed text.
func sameScalars(_ a: String?, _ b: String?) -> Bool {
    a.map { Array($0.unicodeScalars) } == b.map { Array($0.unicodeScalars) }
}

// Measures ns per call of the hot working-time questions on random instants of 2020–2027,
// the way the report engine asks them (one call per dossier, cross-module, no inlining).
import CivilTime
import Foundation
import WorkingTime

struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func measure(_ label: String, calls: Int, _ body: () -> Int64) {
    var best = Double.infinity
    var sink: Int64 = 0
    for _ in 0..<5 {
        let start = ContinuousClock.now
        sink &+= body()
        let elapsed = ContinuousClock.now - start
        let ns = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        best = min(best, ns / Double(calls))
    }
    print(
        label.padding(toLength: 44, withPad: " ", startingAt: 0), String(format: "%7.1f ns/call", best),
        "(checksum \(sink % 1000))")
}

var start = ContinuousClock.now
let lunar = LunarCalendar(utcOffsetHours: 7, gregorianYears: 1900...2100)
print("lunar calendar 1900-2100 built in", ContinuousClock.now - start, "months:", lunar.supportedDays.count / 29)
start = ContinuousClock.now
let calendar = WorkCalendar(overlays: [], includeShippedSchedules: true)
print("work calendar tables 1900-2100 built in", ContinuousClock.now - start)

let n = 1_000_000
var rng = SplitMix64(state: 42)
let base = Int64(CivilDate.dayNumber(year: 2020, month: 1, day: 1)) * 86_400
let a = (0..<n).map { _ in Timestamp(seconds: base + Int64.random(in: 0..<(8 * 365 * 86_400), using: &rng)) }
let b = a.map { Timestamp(seconds: $0.seconds + Int64.random(in: 0..<(30 * 86_400), using: &rng)) }
let amounts = (0..<n).map { _ in Int64.random(in: 1..<(20 * 28_800), using: &rng) }
let deadlines: [Deadline] = (0..<n).map { i in i % 10 == 0 ? .sameDay : .workingDays(Int(amounts[i] % 30) + 1) }

measure("workingSeconds(from:to:)", calls: n) {
    var s: Int64 = 0
    for i in 0..<n { s &+= calendar.workingSeconds(from: a[i], to: b[i]) }
    return s
}
measure("advance(_:byWorkingSeconds:)", calls: n) {
    var s: Int64 = 0
    for i in 0..<n { s &+= calendar.advance(a[i], byWorkingSeconds: amounts[i]).seconds }
    return s
}
measure("nextWorkingInstant(atOrAfter:)", calls: n) {
    var s: Int64 = 0
    for i in 0..<n { s &+= calendar.nextWorkingInstant(atOrAfter: a[i]).seconds }
    return s
}
measure("due(received:deadline:) exact", calls: n) {
    var s: Int64 = 0
    for i in 0..<n { s &+= calendar.due(received: a[i], deadline: deadlines[i]).seconds }
    return s
}
measure("due(... afternoonCutoff: 15:00, end-of-day)", calls: n) {
    var s: Int64 = 0
    for i in 0..<n {
        s &+= calendar.due(received: a[i], deadline: deadlines[i], afternoonCutoff: 54_000, mode: .endOfDay).seconds
    }
    return s
}
measure("isWorkingDay(dayNumber:)", calls: n) {
    var s: Int64 = 0
    for i in 0..<n where calendar.isWorkingDay(dayNumber: a[i].dayNumber) { s &+= 1 }
    return s
}
measure("lunar solarToLunar (binary search)", calls: n) {
    var s: Int64 = 0
    for i in 0..<n { s &+= Int64(lunar.lunarDate(dayNumber: a[i].dayNumber)!.day) }
    return s
}

/// `8h`, `90m`, `2d` (working days), `1d4h`: working seconds for `--within`.
public func parseWorkingDuration(_ text: String, perDay: Int64) -> Int64? {
    var total: Int64 = 0
    var number: Int64?
    var sawUnit = false
    for c in text.lowercased() {
        if let digit = c.wholeNumberValue, c.isASCII {
            number = (number ?? 0) * 10 + Int64(digit)
            guard number! < 1_000_000 else { return nil }
            continue
        }
        guard let n = number else { return nil }
        switch c {
        case "d": total += n * perDay
        case "h": total += n * 3600
        case "m": total += n * 60
        default: return nil
        }
        number = nil
        sawUnit = true
    }
    guard number == nil, sawUnit else { return nil }
    return total
}

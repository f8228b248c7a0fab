/// `2d 3h20m` of working time, with `perDay` working seconds in a day; `0m` for zero.
public func formatWorkingDuration(_ seconds: Int64, perDay: Int64) -> String {
    var rest = max(0, seconds)
    var parts: [String] = []
    if perDay > 0, rest >= perDay {
        parts.append("\(rest / perDay)d")
        rest %= perDay
    }
    let hours = rest / 3600
    let minutes = (rest % 3600) / 60
    if hours > 0 {
        parts.append("\(hours)h" + (minutes > 0 ? "\(minutes)m" : ""))
    } else if minutes > 0 || parts.isEmpty {
        parts.append("\(minutes)m")
    }
    return parts.joined(separator: " ")
}

/// `2d 3h20m` of working time, with `perDay` working seconds in a day; `0m` for zero. In
/// Vietnamese, as times are written there: `2 ngày 3h20`, `3h`, `45 phút`.
public func formatWorkingDuration(_ seconds: Int64, perDay: Int64, language: Language = .en) -> String {
    var rest = max(0, seconds)
    var days: Int64 = 0
    if perDay > 0, rest >= perDay {
        days = rest / perDay
        rest %= perDay
    }
    let hours = rest / 3600
    let minutes = (rest % 3600) / 60
    let showMinutes = minutes > 0 || (days == 0 && hours == 0)
    if language == .vi {
        var parts: [String] = []
        if days > 0 { parts.append("\(days) ngày") }
        if hours > 0 {
            parts.append("\(hours)h" + (minutes > 0 ? (minutes < 10 ? "0" : "") + "\(minutes)" : ""))
        } else if showMinutes {
            parts.append("\(minutes) phút")
        }
        return parts.joined(separator: " ")
    }
    var parts: [String] = []
    if days > 0 { parts.append("\(days)d") }
    if hours > 0 {
        parts.append("\(hours)h" + (minutes > 0 ? "\(minutes)m" : ""))
    } else if showMinutes {
        parts.append("\(minutes)m")
    }
    return parts.joined(separator: " ")
}

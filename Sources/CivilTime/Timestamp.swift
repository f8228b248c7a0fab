/// An instant in Vietnam time (UTC+7, no daylight saving), as whole seconds since
/// 1970-01-01 00:00:00 *Vietnam local time*.
///
/// Keeping the local wall clock as the origin makes `seconds / 86_400` the local day number,
/// so every calendar question is integer arithmetic. Convert from UTC by adding 7 hours.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var seconds: Int64

    @inlinable public init(seconds: Int64) { self.seconds = seconds }

    public static let secondsPerDay: Int64 = 86_400
    /// Vietnam's offset from UTC, in seconds.
    public static let vietnamOffset: Int64 = 7 * 3600

    @inlinable
    public init(date: CivilDate, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        seconds = Int64(date.dayNumber) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    @inlinable
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        seconds =
            Int64(CivilDate.dayNumber(year: year, month: month, day: day)) * 86_400
            + Int64(hour * 3600 + minute * 60 + second)
    }

    /// The instant given as seconds since the Unix epoch (UTC).
    @inlinable public init(unixSeconds: Int64) { seconds = unixSeconds + Timestamp.vietnamOffset }

    @inlinable public var unixSeconds: Int64 { seconds - Timestamp.vietnamOffset }

    /// Local day number (days since 1970-01-01 in Vietnam time).
    @inlinable public var dayNumber: Int {
        Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    }

    /// Seconds since local midnight.
    @inlinable public var secondOfDay: Int { Int(seconds - Int64(dayNumber) * 86_400) }

    public var date: CivilDate { CivilDate(dayNumber: dayNumber) }

    @inlinable public func adding(seconds delta: Int64) -> Timestamp { Timestamp(seconds: seconds + delta) }

    @inlinable public static func < (a: Timestamp, b: Timestamp) -> Bool { a.seconds < b.seconds }

    /// `yyyy-MM-ddTHH:mm:ss` in Vietnam time.
    public var description: String { iso8601 }

    public var iso8601: String {
        let s = secondOfDay
        return date.description + "T" + pad(s / 3600, 2) + ":" + pad(s / 60 % 60, 2) + ":" + pad(s % 60, 2)
    }

    /// `HH:mm` of the local time.
    public var clockText: String {
        let s = secondOfDay
        return pad(s / 3600, 2) + ":" + pad(s / 60 % 60, 2)
    }
}

extension Timestamp {
    /// Appends `yyyy-MM-ddTHH:mm:ss+07:00`, the instant in ISO 8601 with Vietnam's offset, as
    /// bytes: writers that stream millions of timestamps make no `String` for each. Years outside
    /// 0...9999 are written with as many digits as they have.
    public func appendISO8601WithOffset(to out: inout [UInt8]) {
        let date = self.date
        let s = secondOfDay
        func digits(_ value: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var v = value
            if v >= divisor * 10 {
                out.append(contentsOf: String(v).utf8)
                return
            }
            while divisor > 0 {
                out.append(UInt8(48 + v / divisor))
                v %= divisor
                divisor /= 10
            }
        }
        digits(date.year, 4)
        out.append(45)  // -
        digits(date.month, 2)
        out.append(45)
        digits(date.day, 2)
        out.append(84)  // T
        digits(s / 3600, 2)
        out.append(58)  // :
        digits(s / 60 % 60, 2)
        out.append(58)
        digits(s % 60, 2)
        out.append(contentsOf: "+07:00".utf8)
    }
}

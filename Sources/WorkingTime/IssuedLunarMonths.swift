/// The months of `LunarCalendar(issuedInVietnam: 1900...2100)`, as that computation gives
/// them, in two bits each: every run builds the working calendar, whose Tết and Hùng Kings
/// holidays need the lunar months of 1900-2100, and computing them (about 2,500 new moons of
/// 39 sines each) was a quarter of a small run's instructions. `LunarCalendarTests` checks this
/// table against the computation month by month, and prints the table to paste when they differ.
enum IssuedLunarMonths {
    /// The Gregorian years the table covers (`LunarCalendar.vietnamese`).
    static let years = 1900...2100
    /// Day number (from 1970-01-01) of the first month's first day.
    static let firstStart = -25_951
    /// The label of the first month (never a leap month).
    static let firstYear = 1_898
    static let firstMonth = 11
    /// The number of months.
    static let count = 2_511
    /// Month `i` in bits 2(i % 32) and 2(i % 32) + 1 of word i / 32: the low bit set for a
    /// 30-day month (else 29 days), the high bit for a leap month (which repeats the number of
    /// the month before; any other month follows it by one).
    static let bits: [UInt64] = [
        0x4111_6510_4445_1111, 0x4506_1115_1104_4544, 0x1344_4441_4514_1045, 0x9114_4504_4451_1111,
        0x5241_1151_1044_5444, 0x1151_0411_5141_0454, 0x1114_4504_4451_4413, 0x0411_4511_0445_1461,
        0x1510_4115_4410_4547, 0x1145_1104_4514_4185, 0x4114_5110_4451_c411, 0x5104_1154_4124_5444,
        0x1151_1044_5144_9051, 0x1144_5110_44d1_4441, 0x1041_1514_3045_1444, 0x1511_0415_14c1_0515,
        0x4445_1110_c514_4411, 0x0414_5131_1111_4444, 0x5110_4951_4410_5151, 0x1451_1184_5144_4111,
        0x4445_3111_1111_4444, 0x110c_4514_4111_1450, 0x1511_9044_5444_1115, 0x4465_1111_1114_4441,
        0x1844_5144_1111_4444, 0x5141_0445_4441_1151, 0x6451_4110_5145_0419, 0x0445_1441_1114_4504,
        0x1410_4514_4411_1519, 0x4454_4105_1510_4915, 0x0451_1441_1114_5124, 0x4104_5144_4111_4d11,
        0x4544_1045_5106_1151, 0x0451_4441_11c5_1044, 0x1045_1444_411c_5111, 0x5441_0455_1241_1514,
        0x4454_4411_9451_0414, 0x1111_4444_4c44_5110, 0x4410_5145_8414_5111, 0x4544_4191_4510_4145,
        0x1111_6444_1145_1104, 0x4111_1650_4444_5111, 0x5444_9115_1104_1454, 0x1194_4441_1451_1044,
        0x1119_4444_4445_1111, 0x44c1_1145_1044_4544, 0x6545_0411_4541_0445, 0x1111_4444_4445_1410,
        0x6411_1451_0444_5149, 0x5450_4114_5410_4454, 0x1114_5104_4451_4124, 0x4111_4511_0445_1c41,
        0x4504_1145_4104_6544, 0x1145_1041_4544_3045, 0x4114_4511_0465_1441, 0x5041_1451_1244_5444,
        0x1151_0411_5461_0454, 0x4114_5110_4c51_4411, 0x0441_4513_1051_1444, 0x1510_4145_6410_4545,
        0x1145_110c_4514_4105, 0x4444_5311_1111_4444, 0x5106_1454_4111_1444, 0x1151_1844_5444_1051,
        0x4446_5111_1051_4441, 0x1244_4514_1111_1444, 0x1519_0445_4441_1115, 0x4645_1410_4515_0411,
        0x8444_5111_1111_4444, 0x5110_4454_4411_1451, 0x4451_4104_5151_0191, 0x0444_5111_1111_4506,
        0x1104_4514_4411_44d1, 0x1514_4045_1510_9115, 0x0445_1441_1115_1241, 0x1104_5144_4111_c511,
        0x5144_0451_5061_1151, 0x4451_4441_1951_1011, 0x0000_0000_0194_4510,
    ]

    /// The calendar's storage read from the table.
    static func storage() -> LunarCalendar.Storage {
        storage(firstStart: firstStart, firstYear: firstYear, firstMonth: firstMonth, count: count, bits: bits)
    }

    /// The storage that a table of `count` months gives: the one place that says how a month's
    /// label follows the one before.
    static func storage(firstStart: Int, firstYear: Int, firstMonth: Int, count: Int, bits: [UInt64])
        -> LunarCalendar.Storage
    {
        var starts: [Int] = []
        var labels: [(year: Int, month: Int, leap: Bool)] = []
        starts.reserveCapacity(count + 1)
        labels.reserveCapacity(count)
        var day = firstStart
        var year = firstYear
        var month = firstMonth
        for i in 0..<count {
            let code = Int(truncatingIfNeeded: bits[i >> 5] >> UInt64(2 * (i & 31))) & 3
            let leap = code & 2 != 0
            if i > 0 && !leap {
                month += 1
                if month > 12 {
                    month = 1
                    year += 1
                }
            }
            starts.append(day)
            labels.append((year, month, leap))
            day += 29 + code & 1
        }
        starts.append(day)
        return LunarCalendar.storage(starts: starts, labels: labels, firstYear: years.lowerBound - 1)
    }

    /// The table's contents for `calendar`: its first start and label and the two bits of each
    /// month; nil when a month is not 29 or 30 days or the first is a leap month. (Whether the
    /// labels follow one another as `storage` reads them is checked by decoding the bits.)
    static func encode(_ calendar: LunarCalendar) -> (firstStart: Int, firstYear: Int, firstMonth: Int, bits: [UInt64])?
    {
        let starts = calendar.storage.starts
        let labels = calendar.storage.labels
        guard let first = labels.first, !first.leap else { return nil }
        var bits = [UInt64](repeating: 0, count: (labels.count + 31) / 32)
        for i in labels.indices {
            let length = starts[i + 1] - starts[i]
            guard length == 29 || length == 30 else { return nil }
            let code = UInt64(length - 29) | (labels[i].leap ? 2 : 0)
            bits[i >> 5] |= code << UInt64(2 * (i & 31))
        }
        return (starts[0], first.year, first.month, bits)
    }
}

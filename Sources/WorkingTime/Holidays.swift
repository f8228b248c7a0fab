import CivilTime

/// Public holidays by the rules of the Labor Code 2019 (Bộ luật Lao động 45/2019/QH14), Art. 112.
///
/// The law fixes the holidays; each year the government fixes the exact Tết days and any swaps,
/// which the shipped schedules (`Datasets/calendars/`) give for the years they cover. For the
/// other years these rules are the best prediction:
/// - Tết Dương lịch: 1 January.
/// - Tết Nguyên đán: 5 days, taken here as the last day of the lunar year and days 1–4 of the
///   new year (the usual government choice, for example 2026: 16–20 February).
/// - Giỗ Tổ Hùng Vương: 10th day of the 3rd lunar month.
/// - Ngày Chiến thắng: 30 April. Ngày Quốc tế Lao động: 1 May.
/// - Quốc khánh: 2 September and one adjacent day, chosen to join a weekend where possible
///   (1 September when the 2nd is a Tuesday, Wednesday, Friday or Saturday; 3 September when it
///   is a Monday, Thursday or Sunday), as in the schedules of 2021–2026.
/// Compensation (Art. 111(3)): a holiday on a weekly rest day moves to the next working day;
/// `WorkCalendar` applies it because it depends on the office week.
public enum LaborCodeHolidays {
    public static let newYear = "Tết Dương lịch"
    public static let tet = "Tết Nguyên đán"
    public static let hungKings = "Giỗ Tổ Hùng Vương"
    public static let victoryDay = "Ngày Chiến thắng (30/4)"
    public static let labourDay = "Ngày Quốc tế Lao động (1/5)"
    public static let nationalDay = "Quốc khánh (2/9)"
    public static let nationalDayAdjacent = "Quốc khánh (ngày liền kề)"

    /// The holidays of Gregorian year `year` (day numbers and names), before compensation.
    public static func days(year: Int, lunar: LunarCalendar = .vietnamese) -> [(dayNumber: Int, name: String)] {
        var days: [(Int, String)] = []
        days.append((CivilDate.dayNumber(year: year, month: 1, day: 1), newYear))
        if let tetDay = lunar.newYearDayNumber(lunarYear: year) {
            for offset in -1...3 { days.append((tetDay + offset, tet)) }
        }
        if let hung = lunar.dayNumber(of: LunarDate(day: 10, month: 3, year: year)) {
            days.append((hung, hungKings))
        }
        days.append((CivilDate.dayNumber(year: year, month: 4, day: 30), victoryDay))
        days.append((CivilDate.dayNumber(year: year, month: 5, day: 1), labourDay))
        let second = CivilDate.dayNumber(year: year, month: 9, day: 2)
        let adjacent: Int
        switch CivilDate.isoWeekday(dayNumber: second) {
        case 1, 4, 7: adjacent = second + 1
        default: adjacent = second - 1
        }
        days.append((min(second, adjacent), min(second, adjacent) == second ? nationalDay : nationalDayAdjacent))
        days.append((max(second, adjacent), max(second, adjacent) == second ? nationalDay : nationalDayAdjacent))
        return days.sorted { $0.0 < $1.0 }
    }
}

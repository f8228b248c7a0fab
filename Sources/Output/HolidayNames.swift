import WorkingTime

/// The names of days off and make-up days in English. The calendars name them in Vietnamese (the
/// government's own words, kept as they are in JSON, CSV and Vietnamese text); an English table
/// says the same in English, so no Vietnamese day name shows in an English output. A name this
/// does not know (a local overlay's) is data and stays as written.
enum HolidayNames {
    static func text(_ name: String, _ language: Language) -> String {
        language == .vi ? name : english(name)
    }

    static let fixed: [String: String] = [
        LaborCodeHolidays.newYear: "New Year's Day", LaborCodeHolidays.tet: "Lunar New Year (Tết)",
        LaborCodeHolidays.hungKings: "Hùng Kings' Commemoration Day",
        LaborCodeHolidays.victoryDay: "Reunification Day (30/4)",
        LaborCodeHolidays.labourDay: "International Labour Day (1/5)",
        LaborCodeHolidays.nationalDay: "National Day (2/9)",
        LaborCodeHolidays.nationalDayAdjacent: "National Day (adjacent day)", "Quốc khánh": "National Day",
        "Giỗ Tổ Hùng Vương (10/3 âm lịch)": "Hùng Kings' Commemoration Day (10/3 lunar)",
        "Ngày Văn hóa Việt Nam (24/11)": "Vietnam Culture Day (24/11)",
    ]

    static let weekdays: [String: String] = [
        "thứ Hai": "Monday", "thứ Ba": "Tuesday", "thứ Tư": "Wednesday", "thứ Năm": "Thursday", "thứ Sáu": "Friday",
        "thứ Bảy": "Saturday", "Chủ nhật": "Sunday", "chủ nhật": "Sunday",
    ]

    static func english(_ name: String) -> String {
        if let known = fixed[name] { return known }
        if name.hasPrefix(LaborCodeHolidays.tet + " ") {
            return "Lunar New Year (Tết " + name.dropFirst(LaborCodeHolidays.tet.count + 1) + ")"
        }
        if let rest = name.dropping(prefix: "Nghỉ bù ") { return "Day off in lieu of " + english(String(rest)) }
        if let rest = name.dropping(prefix: "Kỳ nghỉ "), rest.hasSuffix(" (cuối tuần)") {
            return english(String(rest.dropLast(" (cuối tuần)".count))) + " (weekend)"
        }
        if let rest = name.dropping(prefix: "Nghỉ hoán đổi (làm bù "), rest.hasSuffix(")") {
            return "Day off swapped (worked on " + dayText(String(rest.dropLast())) + ")"
        }
        if let rest = name.dropping(prefix: "Làm bù cho ") { return "Working day in place of " + dayText(String(rest)) }
        return name
    }

    /// `thứ Bảy 10/01` as `Saturday 10/01`.
    static func dayText(_ text: String) -> String {
        for (vi, en) in weekdays where text.hasPrefix(vi) { return en + text.dropFirst(vi.count) }
        return text
    }
}

extension String {
    fileprivate func dropping(prefix: String) -> Substring? {
        hasPrefix(prefix) ? dropFirst(prefix.count) : nil
    }
}

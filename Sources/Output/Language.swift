import _TextSupport

/// The language layer's number style and nouns. Words are `Labels.phrase(key, language)`; a
/// figure is written in English style by `NumberText` and restyled here, so both languages show
/// the same digits by the same rule: `3,000` and `95.26%` in English, `3.000` and `95,26%` in
/// Vietnamese (the decree on administrative documents writes numbers that way).
extension Labels {
    /// English-style number text (`1,234.5`) in `language`'s style: Vietnamese swaps the
    /// thousands separator and the decimal mark (`1.234,5`).
    public static func number(_ english: String, _ language: Language) -> String {
        guard language == .vi else { return english }
        return String(english.map { $0 == "," ? "." : $0 == "." ? "," : $0 })
    }

    /// A count with grouped thousands: `3,000`, `3.000`.
    public static func grouped(_ value: Int, _ language: Language) -> String {
        number(NumberText.grouped(value), language)
    }

    /// A rate by the one rule with a percent sign (`98.99%`, `98,99%`); `n/a` (`-` in
    /// Vietnamese) without a denominator.
    public static func percentText(_ numerator: Int, of denominator: Int, _ language: Language) -> String {
        guard let text = NumberText.percent(numerator, of: denominator, decimals: 2) else {
            return language == .vi ? "-" : "n/a"
        }
        return number(text, language) + "%"
    }

    /// The things the tool counts, for counts that agree with their noun.
    public enum Noun: String, CaseIterable, Sendable {
        case dossier, target, record, day, workingDay, workingHour, unit, procedure, group, file, replication
        case customer
    }

    /// `1 dossier`, `2 dossiers`, `3,000 dossiers`; Vietnamese nouns do not change (`1 hồ sơ`,
    /// `3.000 hồ sơ`).
    public static func counted(_ count: Int, _ noun: Noun, _ language: Language) -> String {
        grouped(count, language) + " " + nounText(noun, count: count, language)
    }

    /// The noun alone, singular for 1 (and -1) in English.
    public static func nounText(_ noun: Noun, count: Int, _ language: Language) -> String {
        let (one, many, vietnamese): (String, String, String)
        switch noun {
        case .dossier: (one, many, vietnamese) = ("dossier", "dossiers", "hồ sơ")
        case .target: (one, many, vietnamese) = ("target", "targets", "chỉ tiêu")
        case .record: (one, many, vietnamese) = ("record", "records", "bản ghi")
        case .day: (one, many, vietnamese) = ("day", "days", "ngày")
        case .workingDay: (one, many, vietnamese) = ("working day", "working days", "ngày làm việc")
        case .workingHour: (one, many, vietnamese) = ("working hour", "working hours", "giờ làm việc")
        case .unit: (one, many, vietnamese) = ("unit", "units", "đơn vị")
        case .procedure: (one, many, vietnamese) = ("procedure", "procedures", "thủ tục")
        case .group: (one, many, vietnamese) = ("group", "groups", "nhóm")
        case .file: (one, many, vietnamese) = ("file", "files", "tệp")
        case .replication: (one, many, vietnamese) = ("replication", "replications", "lần lặp")
        case .customer: (one, many, vietnamese) = ("customer", "customers", "lượt khách")
        }
        if language == .vi { return vietnamese }
        return abs(count) == 1 ? one : many
    }
}

extension Labels {
    /// `Mon` ... `Sun`; `T2` ... `T7`, `CN` (ISO weekday 1 is Monday).
    public static func weekdayShort(_ isoWeekday: Int, _ language: Language) -> String {
        let names =
            language == .vi
            ? ["T2", "T3", "T4", "T5", "T6", "T7", "CN"] : ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        return names[isoWeekday - 1]
    }

    /// `Monday` ... `Sunday`; `thứ Hai` ... `Chủ nhật`.
    public static func weekday(_ isoWeekday: Int, _ language: Language) -> String {
        let names =
            language == .vi
            ? ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]
            : ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        return names[isoWeekday - 1]
    }

    /// `Jan` ... `Dec`; `T1` ... `T12`.
    public static func monthShort(_ month: Int, _ language: Language) -> String {
        language == .vi
            ? "T\(month)"
            : ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][month - 1]
    }
}

import Engine

// MARK: - Where the time goes (`tthc steps`)

extension Labels {
    /// A word or sentence of `tthc steps` (table, CSV headers in words, documents); `{name}` is
    /// filled as `phrase(_:_:_:)` fills it; the key itself when unknown.
    public static func steps(_ key: String, _ language: Language, _ values: KeyValuePairs<String, String> = [:])
        -> String
    {
        var text = stepWords[key].map { language == .vi ? $0.vi : $0.en } ?? key
        for (name, value) in values { text = text.replacingOccurrences(of: "{" + name + "}", with: value) }
        return text
    }

    /// The heading of a dimension's column(s).
    public static func stepColumns(_ dimension: StepDimension, _ language: Language) -> [String] {
        switch dimension {
        case .department: return [steps("department", language)]
        case .handler: return [steps("department", language), steps("handler", language)]
        case .procedure: return [steps("procedure", language), steps("department", language)]
        case .transition: return [steps("from", language), steps("to", language)]
        }
    }

    static let stepWords: [String: (en: String, vi: String)] = [
        "title": ("Where the time goes", "Thời gian xử lý hồ sơ nằm ở đâu"),
        "department": ("Department", "Phòng ban"), "handler": ("Handler", "Người xử lý"),
        "procedure": ("Procedure", "Thủ tục"), "from": ("From", "Từ"), "to": ("To", "Đến"),
        "dossiers": ("Dossiers", "Hồ sơ"), "steps": ("Steps", "Bước"),
        "median": ("Median", "Trung vị"), "p90": ("P90", "P90"),
        "time_held": ("Working time held", "Thời gian giữ hồ sơ"),
        "share": ("Share of time", "Tỷ trọng thời gian"), "late": ("Late", "Trễ hạn"),
        "late_over_plan": ("Late, over plan here", "Trễ hạn, vượt hạn bước tại đây"),
        "over_plan": ("Over plan", "Vượt hạn bước"),
        "handovers_out": ("Hand-overs out", "Chuyển đi"), "returns": ("Returns", "Quay lại"),
        "reworked": ("Dossiers reworked", "Hồ sơ phải làm lại"),
        "handlers_per_day": ("Handlers/day", "Người xử lý/ngày"),
        "handovers": ("Hand-overs", "Chuyển giao giữa phòng ban"), "count": ("Times", "Lượt"),
        "none": ("(none)", "(không có)"), "total": ("Total", "Tổng"),
        "more_rows": ("... {n} more rows (--top 0 shows all)", "... còn {n} dòng (--top 0 hiện tất cả)"),
        "dossiers_line": (
            "Dossiers: {analysed} on the clock ({late} late); per dossier median {median}, p90 {p90} of working time",
            "Hồ sơ: {analysed} tính thời gian ({late} trễ hạn); mỗi hồ sơ trung vị {median}, P90 {p90} thời gian làm việc"
        ),
        "left_out_line": (
            "Left out: {without} without a received step, {outside} outside the dates, {after} received after the as-of time",
            "Không tính: {without} không có bước tiếp nhận, {outside} ngoài khoảng ngày, {after} tiếp nhận sau thời điểm tính"
        ),
        "no_due_line": (
            "{n} dossiers have no due (give --catalog with their procedures): they are never late here",
            "{n} hồ sơ không có hạn (cần --catalog có thủ tục của chúng): không bao giờ tính là trễ hạn"
        ),
        "paused_line": (
            "Waiting for a supplement (the citizen's time, in no department): {time}",
            "Chờ bổ sung hồ sơ (thời gian của công dân, không tính cho phòng ban nào): {time}"
        ),
        "bottleneck": (
            "Bottleneck: {name} holds {share} of the dossiers' working time (median {median} per dossier); {late_share} of the late dossiers it handled overran a step's planned time there.",
            "Điểm nghẽn: {name} giữ {share} thời gian làm việc của hồ sơ (trung vị {median} mỗi hồ sơ); {late_share} hồ sơ trễ hạn qua đây đã vượt hạn bước tại đây."
        ),
        "bottleneck_no_late": (
            "Bottleneck: {name} holds {share} of the dossiers' working time (median {median} per dossier).",
            "Điểm nghẽn: {name} giữ {share} thời gian làm việc của hồ sơ (trung vị {median} mỗi hồ sơ)."
        ),
        "legend": (
            "Time between two steps belongs to the earlier step's department; working time on the legal clock, supplement waits excluded.",
            "Thời gian giữa hai bước tính cho phòng ban của bước trước; thời gian làm việc theo lịch làm việc, không tính thời gian chờ bổ sung."
        ),
        // Documents.
        "groups_title": ("Time held by {dimension}", "Thời gian giữ hồ sơ theo {dimension}"),
        "dimension.department": ("department", "phòng ban"), "dimension.handler": ("handler", "người xử lý"),
        "dimension.procedure": ("procedure and department", "thủ tục và phòng ban"),
        "dimension.transition": ("transition", "bước chuyển"),
        "chart_title": ("Where the time goes per procedure", "Thời gian xử lý theo thủ tục và phòng ban"),
        "chart_axis": ("Mean working days per dossier", "Số ngày làm việc trung bình mỗi hồ sơ"),
        "chart_note": (
            "Each column is a procedure's mean working time per dossier, split by the department holding it; the procedures holding the most working time first, from the left.",
            "Mỗi cột là thời gian làm việc trung bình mỗi hồ sơ của một thủ tục, chia theo phòng ban giữ hồ sơ; thủ tục chiếm nhiều thời gian làm việc nhất ở bên trái."
        ),
        "other_departments": ("Other departments", "Phòng ban khác"),
        "staffing_title": ("Handlers per working day", "Số người xử lý mỗi ngày làm việc"),
        "working_days": ("Working days", "Ngày làm việc"), "maximum": ("Maximum", "Nhiều nhất"),
        "handlers": ("Handlers", "Người xử lý"),
        "summary_title": ("At a glance", "Tổng quan"),
        "tile_dossiers": ("Dossiers on the clock", "Hồ sơ tính thời gian"),
        "tile_median": ("Median working time per dossier", "Trung vị thời gian mỗi hồ sơ"),
        "tile_late": ("Late dossiers", "Hồ sơ trễ hạn"),
        "tile_late_over_plan": ("Late and over a step's plan", "Trễ hạn và vượt hạn bước"),
        "tile_returns": ("Returns (rework)", "Quay lại (làm lại)"),
    ]
}

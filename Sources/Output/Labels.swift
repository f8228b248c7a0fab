import Metrics

/// The language of labels in tables.
public enum Language: String, CaseIterable, Sendable {
    case en, vi
}

/// Human labels for counts, rates and dimensions, in English and Vietnamese.
public enum Labels {
    public static func count(_ jsonName: String, _ language: Language) -> String {
        switch language {
        case .en: return englishCounts[jsonName] ?? jsonName
        case .vi: return vietnameseCounts[jsonName] ?? jsonName
        }
    }

    public static func rate(_ kpi: KPI, _ language: Language) -> String {
        switch (kpi, language) {
        case (.progress, .en): return "Progress (early/on time/within)"
        case (.progress, .vi): return "Tiến độ giải quyết"
        case (.onTime, .en): return "Finished on time"
        case (.onTime, .vi): return "Giải quyết đúng hạn"
        case (.online, .en): return "Online"
        case (.online, .vi): return "Nộp trực tuyến"
        case (.fullOnline, .en): return "Full-online"
        case (.fullOnline, .vi): return "Trực tuyến toàn trình"
        case (.onlinePayment, .en): return "Online payment"
        case (.onlinePayment, .vi): return "Thanh toán trực tuyến"
        case (.digitization, .en): return "Digitization"
        case (.digitization, .vi): return "Số hóa hồ sơ"
        case (.electronicResult, .en): return "Electronic result"
        case (.electronicResult, .vi): return "Kết quả điện tử"
        case (.apology, .en): return "Late with apology"
        case (.apology, .vi): return "Quá hạn có xin lỗi"
        }
    }

    public static func dimension(_ dimension: GroupDimension, _ language: Language) -> String {
        switch (dimension, language) {
        case (.agency, .en): return "Unit"
        case (.agency, .vi): return "Đơn vị"
        case (.procedure, .en): return "Procedure"
        case (.procedure, .vi): return "Thủ tục"
        case (.field, .en): return "Field"
        case (.field, .vi): return "Lĩnh vực"
        case (.channel, .en): return "Channel"
        case (.channel, .vi): return "Kênh"
        case (.day, .en): return "Day"
        case (.day, .vi): return "Ngày"
        case (.week, .en): return "Week"
        case (.week, .vi): return "Tuần"
        case (.month, .en): return "Month"
        case (.month, .vi): return "Tháng"
        case (.quarter, .en): return "Quarter"
        case (.quarter, .vi): return "Quý"
        }
    }

    /// A word or sentence of the outputs in `language`; the key itself when it is unknown.
    public static func phrase(_ key: String, _ language: Language) -> String {
        if let pair = terminalWords[key] { return language == .vi ? pair.vi : pair.en }
        return language == .vi ? (vietnamesePhrases[key] ?? key) : (englishPhrases[key] ?? key)
    }

    /// A phrase with its `{name}` placeholders filled: `phrase("due_line", .en, ["due": "..."])`.
    public static func phrase(_ key: String, _ language: Language, _ values: KeyValuePairs<String, String>) -> String {
        var text = phrase(key, language)
        for (name, value) in values { text = text.replacingOccurrences(of: "{" + name + "}", with: value) }
        return text
    }

    static let englishCounts: [String: String] = [
        "not_received": "Not received", "received": "Received", "withdrawn": "Withdrawn", "finished": "Finished",
        "early": "  early", "on_time": "  on time", "late": "  late", "in_progress": "In progress",
        "in_progress_within": "  within time", "in_progress_overdue": "  overdue", "no_due": "No due date",
        "online": "Online", "postal": "Postal", "full_online_eligible": "Full-online eligible (level 4)",
        "full_online": "Full-online", "fee_bearing": "Fee-bearing", "paid_online": "Paid online",
        "digitized": "Digitized", "e_result": "Electronic result", "late_with_apology": "Late with apology",
    ]

    static let vietnameseCounts: [String: String] = [
        "not_received": "Chưa tiếp nhận", "received": "Đã tiếp nhận", "withdrawn": "Rút hồ sơ",
        "finished": "Đã giải quyết", "early": "  trước hạn", "on_time": "  đúng hạn", "late": "  quá hạn",
        "in_progress": "Đang giải quyết", "in_progress_within": "  trong hạn", "in_progress_overdue": "  quá hạn",
        "no_due": "Không có hạn trả", "online": "Trực tuyến", "postal": "Bưu chính công ích",
        "full_online_eligible": "Thuộc DVC toàn trình (mức 4)", "full_online": "Toàn trình",
        "fee_bearing": "Có phí, lệ phí", "paid_online": "Thanh toán trực tuyến", "digitized": "Có số hóa",
        "e_result": "Kết quả điện tử", "late_with_apology": "Quá hạn có xin lỗi",
    ]

    static let englishPhrases: [String: String] = [
        "counts": "Counts", "rates": "Rates", "processing": "Processing time of finished dossiers (working days)",
        "processing_calendar": "Processing time of finished dossiers (calendar days)",
        "median": "median", "p90": "90th percentile", "as_of": "As of", "input": "Input",
        "records": "records", "rejected": "rejected", "duplicates": "duplicate ids",
        "replaced": "replaced (dedupe last)",
        "outside": "outside the selected dates", "groups": "Groups", "total": "Total", "none": "(none)",
        // Group table columns: finished late, and in progress past the due.
        "late_column": "Late", "overdue_column": "Overdue", "procedure_name_column": "Procedure name",
        "after_as_of": "received after the as-of time (left out)",
        // Workbooks.
        "sheet_title": "Title", "sheet_scope": "Scope", "sheet_item": "Item", "shown_of": "First {n} of {total}.",
    ]

    static let vietnamesePhrases: [String: String] = [
        "counts": "Số liệu", "rates": "Tỷ lệ", "processing": "Thời gian giải quyết hồ sơ đã xong (ngày làm việc)",
        "processing_calendar": "Thời gian giải quyết hồ sơ đã xong (ngày lịch)",
        "median": "trung vị", "p90": "phân vị 90", "as_of": "Tính đến", "input": "Dữ liệu vào",
        "records": "bản ghi", "rejected": "bị loại", "duplicates": "trùng mã hồ sơ",
        "replaced": "bị thay thế (dedupe last)",
        "outside": "ngoài khoảng ngày chọn", "groups": "Theo nhóm", "total": "Tổng", "none": "(không có)",
        // Both are "quá hạn" in the counts, told apart there by the line above them.
        "late_column": "Giải quyết quá hạn", "overdue_column": "Đang giải quyết quá hạn",
        "procedure_name_column": "Tên thủ tục",
        // Workbooks.
        "sheet_title": "Tiêu đề", "sheet_scope": "Phạm vi", "sheet_item": "Mục",
        "shown_of": "{n} đầu tiên trong số {total}.",
        "after_as_of": "tiếp nhận sau thời điểm tính (không tính)",
    ]
}

// MARK: - Simulation and calibration words (`tthc simulate`, `tthc calibrate`)

extension Labels {
    /// A word or phrase of `simulate` and `calibrate` output; the key itself when unknown.
    public static func simulation(_ key: String, _ language: Language) -> String {
        guard let pair = simulationWords[key] else { return key }
        return language == .vi ? pair.vi : pair.en
    }

    /// A simulation metric's label: English keeps the JSON name (as scripts grep it), Vietnamese
    /// says what it is; pool metrics (`pools.land.utilization`) name their pool.
    public static func simulationMetric(_ name: String, _ language: Language) -> String {
        guard language == .vi else { return name }
        let parts = name.split(separator: ".").map(String.init)
        if parts.count == 3, let word = simulationWords["metric." + parts[2]] {
            return (parts[0] == "pools" ? "Nhóm " : "Thủ tục ") + parts[1] + ": " + word.vi
        }
        return simulationWords["metric." + name]?.vi ?? name
    }

    static let simulationWords: [String: (en: String, vi: String)] = [
        "scenario": ("Scenario", "Kịch bản"), "replications": ("replications", "số lần lặp"),
        "seed": ("seed", "hạt giống"), "as_of_first": ("as of (replication 0)", "tính đến (lần lặp 0)"),
        "kpi": ("KPI", "Chỉ số"), "mean": ("mean", "trung bình"), "ci": ("95% CI", "KTC 95%"),
        "paired": ("Paired comparison (common random numbers)", "So sánh cặp (cùng dãy số ngẫu nhiên)"),
        "difference_ci": ("95% CI of B - A", "KTC 95% của B - A"), "verdict": ("Verdict", "Kết luận"),
        "warnings": ("Warnings", "Cảnh báo"), "met": ("meets", "đạt"), "likely": ("likely meets", "có thể đạt"),
        "missed": ("misses", "không đạt"), "target": ("the target", "chỉ tiêu"),
        "likely_why": ("(the interval reaches below it)", "(khoảng tin cậy chưa vượt hẳn chỉ tiêu)"),
        "significant": ("significant", "khác biệt có ý nghĩa"),
        "not_significant": (
            "not significant (the interval includes 0)", "khác biệt chưa có ý nghĩa (khoảng tin cậy chứa 0)"
        ),
        "points": ("points", "điểm %"),
        "not_simulated": ("not simulated", "mô phỏng không tính"),
        "label.on_time": ("on-time", "giải quyết đúng hạn"),
        "label.progress": ("progress (open dossiers counted)", "tiến độ (tính cả hồ sơ đang giải quyết)"),
        "label.online": ("online", "nộp trực tuyến"), "label.full_online": ("full-online", "trực tuyến toàn trình"),
        "label.online_payment": ("online payment", "thanh toán trực tuyến"),
        "label.received": ("received", "đã tiếp nhận"), "label.finished": ("finished", "đã giải quyết"),
        "label.in_progress": ("in progress", "đang giải quyết"), "label.late": ("late", "quá hạn"),
        "overloaded": ("is overloaded", "quá tải"), "pool": ("pool", "nhóm"),
        "per_working_hour": ("dossiers per working hour", "hồ sơ mỗi giờ làm việc"),
        "work_hours": ("h of work each", "giờ xử lý mỗi hồ sơ"),
        "staff_of_work": ("staff of work for", "người làm việc cho"), "staff": ("staff", "cán bộ"),
        "unbounded": ("the queue grows without bound", "hàng đợi tăng không giới hạn"),
        "would_bring": ("would bring rho below 0.9", "sẽ đưa rho xuống dưới 0.9"),
        "grew": ("its queue grew through the horizon in", "hàng đợi tăng suốt thời gian mô phỏng ở"),
        "of": ("of", "trên"), "replications_word": ("replications", "lần lặp"),
        "second_quarter": ("waiting at the least in the second quarter", "hồ sơ chờ ít nhất ở quý hai của kỳ"),
        "last_quarter": ("in the last", "ở quý cuối"), "a_week": ("a week", "mỗi tuần"),
        // calibrate
        "reproduction": (
            "Reproduction of the log by the calibrated scenario", "Tái hiện nhật ký bằng kịch bản hiệu chỉnh"
        ),
        "log": ("log", "nhật ký"), "simulated": ("simulated", "mô phỏng"),
        "log_in_ci": ("log in CI", "nhật ký trong KTC"),
        "yes": ("yes", "có"), "no": ("no", "không"), "staffing": ("Staffing", "Biên chế"),
        "notes": ("Notes", "Ghi chú"),
        "metric.customers": ("customers", "Hồ sơ đã rời hệ thống"), "metric.arrivals": ("arrivals", "Hồ sơ đến"),
        "metric.mean_wait_hours": ("mean_wait_hours", "Thời gian chờ trung bình (giờ)"),
        "metric.p_wait": ("p_wait", "Tỷ lệ hồ sơ phải chờ"),
        "metric.utilization": ("utilization", "Mức sử dụng cán bộ"),
        "metric.mean_time_in_system_hours": ("mean_time_in_system_hours", "Thời gian trong hệ thống trung bình (giờ)"),
        "metric.mean_in_system": ("mean_in_system", "Số hồ sơ trong hệ thống trung bình"),
        "metric.received": ("received", "Đã tiếp nhận"), "metric.finished": ("finished", "Đã giải quyết"),
        "metric.in_progress": ("in_progress", "Đang giải quyết"), "metric.late": ("late", "Giải quyết quá hạn"),
        "metric.on_time": ("on_time", "Giải quyết đúng hạn (%)"),
        "metric.progress": ("progress", "Tiến độ giải quyết (%)"),
        "metric.online": ("online", "Nộp trực tuyến (%)"),
        "metric.full_online": ("full_online", "Trực tuyến toàn trình (%)"),
        "metric.online_payment": ("online_payment", "Thanh toán trực tuyến (%)"),
        "metric.processing_days": ("processing_days", "Thời gian giải quyết trung bình (ngày làm việc)"),
        "metric.mean_queue": ("mean_queue", "hàng đợi trung bình"),
        "metric.pool_wait_hours": ("pool_wait_hours", "Thời gian chờ tại nhóm (giờ)"),
        "metric.max_queue": ("max_queue", "hàng đợi lớn nhất"),
    ]
}

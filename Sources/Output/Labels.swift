import CivilTime
import Metrics
import Targets

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

// The standard period table (`tthc period`): column titles, short for the terminal and long for
// documents, and the lines under the table.
extension Labels {
    /// A column of the period table by its JSON name; `long` for documents, which have room.
    public static func periodColumn(_ key: String, _ language: Language, long: Bool = false) -> String {
        let table = language == .vi ? vietnamesePeriodColumns : englishPeriodColumns
        guard let titles = table[key] else { return key }
        return long ? titles.long : titles.short
    }

    public static func periodPhrase(_ key: String, _ language: Language) -> String {
        (language == .vi ? vietnamesePeriodPhrases[key] : englishPeriodPhrases[key]) ?? key
    }

    static let englishPeriodColumns: [String: (short: String, long: String)] = [
        "stt": ("No.", "No."), "total_to_handle": ("To handle", "Total to handle"),
        "carried_over": ("Carried over", "Carried over from the previous period"),
        "received": ("Received", "Received in the period"), "received_online": ("online", "Received online"),
        "received_in_person": ("in person", "Received in person"), "received_postal": ("postal", "Received by post"),
        "finished": ("Finished", "Finished in the period"), "finished_early": ("early", "Finished early"),
        "finished_on_time": ("on time", "Finished on time"), "finished_late": ("late", "Finished late"),
        "late_with_apology": ("with apology", "Late, with an apology letter"),
        "late_without_apology": ("no apology", "Late, without an apology letter"),
        "finished_no_due": ("no due", "Finished, no due date"),
        "in_progress": ("In progress", "In progress at the period's end"),
        "in_progress_not_yet_due": ("not yet due", "In progress, not yet due"),
        "in_progress_overdue": ("overdue", "In progress, overdue"),
        "in_progress_no_due": ("no due", "In progress, no due date"),
        "withdrawn": ("Withdrawn", "Withdrawn at the citizen's request"),
        "returned": ("Returned", "Returned as not acceptable"),
        "closing_backlog": ("Closing", "Closing backlog carried to the next period"),
        "on_time_rate": ("On time", "On-time rate of finished dossiers"),
    ]

    static let vietnamesePeriodColumns: [String: (short: String, long: String)] = [
        "stt": ("STT", "STT"), "total_to_handle": ("Tổng số", "Tổng số hồ sơ phải giải quyết"),
        "carried_over": ("Kỳ trước", "Kỳ trước chuyển qua"), "received": ("Tiếp nhận", "Tiếp nhận trong kỳ"),
        "received_online": ("trực tuyến", "Tiếp nhận trực tuyến"),
        "received_in_person": ("trực tiếp", "Tiếp nhận trực tiếp"),
        "received_postal": ("bưu chính", "Tiếp nhận qua bưu chính công ích"),
        "finished": ("Đã giải quyết", "Đã giải quyết trong kỳ"),
        "finished_early": ("trước hạn", "Giải quyết trước hạn"),
        "finished_on_time": ("đúng hạn", "Giải quyết đúng hạn"), "finished_late": ("quá hạn", "Giải quyết quá hạn"),
        "late_with_apology": ("có xin lỗi", "Quá hạn, có văn bản xin lỗi"),
        "late_without_apology": ("không xin lỗi", "Quá hạn, không có văn bản xin lỗi"),
        "finished_no_due": ("không có hạn", "Đã giải quyết, không có hạn trả"),
        "in_progress": ("Đang giải quyết", "Đang giải quyết cuối kỳ"),
        "in_progress_not_yet_due": ("chưa đến hạn", "Đang giải quyết, chưa đến hạn"),
        "in_progress_overdue": ("đã quá hạn", "Đang giải quyết, đã quá hạn"),
        "in_progress_no_due": ("không có hạn", "Đang giải quyết, không có hạn trả"),
        "withdrawn": ("Rút hồ sơ", "Công dân rút hồ sơ"), "returned": ("Trả lại", "Hồ sơ trả lại (không hợp lệ)"),
        "closing_backlog": ("Tồn cuối kỳ", "Tồn cuối kỳ chuyển kỳ sau"),
        "on_time_rate": ("Tỷ lệ đúng hạn", "Tỷ lệ giải quyết đúng hạn"),
    ]

    static let englishPeriodPhrases: [String: String] = [
        "title": "Dossiers handled in the period", "period": "Period", "warnings": "Warnings", "basis": "Basis",
        "table_part_1": "{period}: received and finished", "table_part_2": "{period}: late, open at the end",
        "basis_period": "the period table (finished in the period, in progress at its end; --basis period)",
        "legend":
            "Columns: to handle = carried over + received (online, in person, postal); finished (early, on time, late with or without an apology letter, no due); in progress at the period's end (not yet due, overdue, no due); withdrawn; returned; closing backlog; on-time rate of finished dossiers.",
        "judged_at": "in progress judged at",
        "total": "Total", "balance": "Balance", "verdict_holds": "holds", "verdict_fails": "DOES NOT HOLD",
        "balance_rows": "in the total and every row", "fallbacks": "Placed by a fallback",
        "withdrawn_fallback": "withdrawn by their received time (no end time)",
        "returned_fallback": "returned by their received or submitted time (no NgayTuChoi)",
        "chain": "Chain", "chain_text": "closing backlog of {a} = carried over of {b}",
        "rows_checked": "rows checked", "left_out_new": "status 1 (not yet received) left out",
        "returned_outside": "Returned dossiers are outside the balance.",
        "warning_log_start":
            "no dossier of the log was received before {period} starts ({start}); its carried over is undercounted",
        "warning_log_start_first": "the log's first dossier was received at {first}",
        "warning_after_log": "{period} ends after the log's latest event ({latest}): later events are not in the log",
        "warning_unplaced":
            "{n} not-accepted dossiers (status 3) have no NgayTuChoi, NgayTiepNhan or NgayNopHoSo and are in no period",
    ]

    static let vietnamesePeriodPhrases: [String: String] = [
        "title": "Tình hình giải quyết hồ sơ thủ tục hành chính", "period": "Kỳ báo cáo", "warnings": "Cảnh báo",
        "basis": "Cơ sở số liệu", "table_part_1": "{period}: tiếp nhận, giải quyết",
        "table_part_2": "{period}: quá hạn, tồn cuối kỳ",
        "basis_period": "bảng số liệu kỳ báo cáo (giải quyết trong kỳ, đang giải quyết cuối kỳ; --basis period)",
        "legend":
            "Cột: tổng số = kỳ trước chuyển qua + tiếp nhận (trực tuyến, trực tiếp, bưu chính); đã giải quyết (trước hạn, đúng hạn, quá hạn có hoặc không có văn bản xin lỗi, không có hạn); đang giải quyết cuối kỳ (chưa đến hạn, đã quá hạn, không có hạn); công dân rút hồ sơ; trả lại; tồn cuối kỳ; tỷ lệ đúng hạn của hồ sơ đã giải quyết.",
        "judged_at": "hồ sơ đang giải quyết tính đến", "total": "Tổng cộng", "balance": "Cân đối",
        "verdict_holds": "khớp",
        "verdict_fails": "KHÔNG KHỚP", "balance_rows": "ở dòng tổng cộng và mọi dòng",
        "fallbacks": "Xếp kỳ theo thời điểm thay thế",
        "withdrawn_fallback": "hồ sơ rút theo ngày tiếp nhận (không có ngày kết thúc)",
        "returned_fallback": "hồ sơ trả lại theo ngày tiếp nhận hoặc ngày nộp (không có NgayTuChoi)",
        "chain": "Nối kỳ", "chain_text": "tồn cuối kỳ {a} = kỳ trước chuyển qua của {b}",
        "rows_checked": "dòng đã đối chiếu", "left_out_new": "hồ sơ trạng thái 1 (chưa tiếp nhận) không tính",
        "returned_outside": "Hồ sơ trả lại nằm ngoài cân đối.",
        "warning_log_start":
            "nhật ký không có hồ sơ nào tiếp nhận trước khi {period} bắt đầu ({start}); số kỳ trước chuyển qua bị thiếu",
        "warning_log_start_first": "hồ sơ đầu tiên của nhật ký tiếp nhận lúc {first}",
        "warning_after_log":
            "{period} kết thúc sau sự kiện cuối cùng của nhật ký ({latest}): các sự kiện sau đó không có trong nhật ký",
        "warning_unplaced":
            "{n} hồ sơ không được tiếp nhận (trạng thái 3) không có NgayTuChoi, NgayTiepNhan hay NgayNopHoSo, không thuộc kỳ nào",
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

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

    public static func phrase(_ key: String, _ language: Language) -> String {
        language == .vi ? (vietnamesePhrases[key] ?? key) : (englishPhrases[key] ?? key)
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
        "late_column": "late", "overdue_column": "overdue",
        "after_as_of": "received after the as-of time (left out)",
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
        "after_as_of": "tiếp nhận sau thời điểm tính (không tính)",
    ]
}

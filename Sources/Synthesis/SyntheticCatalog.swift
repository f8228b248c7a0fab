import WorkingTime

/// A commune-level procedure as the generator draws it.
///
/// Codes are national TTHC codes as listed on the national public-service portal (checked against
/// third-party listings, see `Guides/Datasets.md`); names are shortened, and deadlines, fees, online
/// levels and weights are plausible values chosen for realism, not legal data.
public struct SyntheticProcedure: Sendable {
    public var code: String
    public var name: String
    /// `MaLinhVuc`: illustrative field codes.
    public var field: String
    public var deadline: Deadline
    /// Seconds after midnight from which a dossier counts from the next working day (certifications).
    public var afternoonCutoff: Int?
    /// `MucDo`: 2, 3 or 4.
    public var level: UInt8
    /// Fee in VND, 0 for free procedures.
    public var fee: Int
    /// Relative share of dossiers.
    public var weight: Double
    /// Share of dossiers that come online for this procedure, relative to the unit's baseline.
    public var onlineBias: Double

    public init(
        code: String, name: String, field: String, deadline: Deadline, afternoonCutoff: Int? = nil, level: UInt8,
        fee: Int, weight: Double, onlineBias: Double = 1
    ) {
        self.code = code
        self.name = name
        self.field = field
        self.deadline = deadline
        self.afternoonCutoff = afternoonCutoff
        self.level = level
        self.fee = fee
        self.weight = weight
        self.onlineBias = onlineBias
    }
}

/// A handling unit (`DonViXuLy`).
public struct SyntheticUnit: Sendable {
    /// The name as the log writes it: Vietnamese, sometimes with commas or quotes.
    public var name: String
    /// An illustrative unit code used as the `MaHoSo` prefix.
    public var code: String
    public var weight: Double
    /// Share of dossiers that come online.
    public var onlineShare: Double
    /// True when the unit's system writes due times as the end of the due day (17:00).
    public var dueAtEndOfDay: Bool

    public init(name: String, code: String, weight: Double, onlineShare: Double, dueAtEndOfDay: Bool) {
        self.name = name
        self.code = code
        self.weight = weight
        self.onlineShare = onlineShare
        self.dueAtEndOfDay = dueAtEndOfDay
    }
}

extension SyntheticProcedure {
    /// The default mix: civil status, certification, land, construction, household business,
    /// residence and social support, weighted as a commune center sees them.
    public static let communeDefaults: [SyntheticProcedure] = [
        .init(
            code: "1.001193", name: "Đăng ký khai sinh", field: "HoTich", deadline: .sameDay,
            afternoonCutoff: 15 * 3600, level: 4, fee: 0, weight: 12, onlineBias: 1.2),
        .init(
            code: "1.000894", name: "Đăng ký kết hôn", field: "HoTich", deadline: .sameDay,
            afternoonCutoff: 15 * 3600, level: 4, fee: 0, weight: 4),
        .init(
            code: "1.000656", name: "Đăng ký khai tử", field: "HoTich", deadline: .sameDay,
            afternoonCutoff: 15 * 3600, level: 4, fee: 0, weight: 3),
        .init(
            code: "1.001022", name: "Đăng ký nhận cha, mẹ, con", field: "HoTich", deadline: .workingDays(3),
            level: 4, fee: 0, weight: 1),
        .init(
            code: "1.004873", name: "Cấp Giấy xác nhận tình trạng hôn nhân", field: "HoTich",
            deadline: .workingDays(3), level: 4, fee: 0, weight: 6, onlineBias: 1.2),
        .init(
            code: "2.000635", name: "Cấp bản sao Trích lục hộ tịch", field: "HoTich", deadline: .sameDay,
            afternoonCutoff: 15 * 3600, level: 4, fee: 8_000, weight: 8, onlineBias: 1.2),
        .init(
            code: "2.000815", name: "Chứng thực bản sao từ bản chính giấy tờ, văn bản", field: "ChungThuc",
            deadline: .sameDay, afternoonCutoff: 15 * 3600, level: 3, fee: 2_000, weight: 24, onlineBias: 0.8),
        .init(
            code: "2.000884", name: "Chứng thực chữ ký trong các giấy tờ, văn bản", field: "ChungThuc",
            deadline: .sameDay, afternoonCutoff: 15 * 3600, level: 3, fee: 10_000, weight: 7, onlineBias: 0.6),
        .init(
            code: "2.000908", name: "Cấp bản sao từ sổ gốc", field: "ChungThuc", deadline: .sameDay,
            afternoonCutoff: 15 * 3600, level: 3, fee: 0, weight: 3),
        .init(
            code: "1.012753", name: "Đăng ký, cấp Giấy chứng nhận quyền sử dụng đất lần đầu", field: "DatDai",
            deadline: .workingDays(20), level: 3, fee: 100_000, weight: 4, onlineBias: 0.7),
        .init(
            code: "1.013225", name: "Cấp giấy phép xây dựng nhà ở riêng lẻ", field: "XayDung",
            deadline: .workingDays(15), level: 3, fee: 75_000, weight: 2, onlineBias: 0.8),
        .init(
            code: "1.001612", name: "Đăng ký thành lập hộ kinh doanh", field: "HoKinhDoanh",
            deadline: .workingDays(3), level: 4, fee: 100_000, weight: 4, onlineBias: 1.3),
        .init(
            code: "2.000720", name: "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", field: "HoKinhDoanh",
            deadline: .workingDays(3), level: 4, fee: 50_000, weight: 2, onlineBias: 1.3),
        .init(
            code: "1.004194", name: "Đăng ký tạm trú", field: "CuTru", deadline: .workingDays(3), level: 4,
            fee: 7_000, weight: 8, onlineBias: 1.4),
        .init(
            code: "1.001776", name: "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng",
            field: "BaoTroXaHoi", deadline: .workingDays(10), level: 3, fee: 0, weight: 3, onlineBias: 0.7),
        .init(
            code: "1.001731", name: "Hỗ trợ chi phí mai táng", field: "BaoTroXaHoi", deadline: .workingDays(5),
            level: 3, fee: 0, weight: 1, onlineBias: 0.7),
    ]
}

extension SyntheticUnit {
    /// A dozen commune-level units; names carry diacritics, commas and, once, quotes.
    public static let communeDefaults: [SyntheticUnit] = [
        .init(
            name: "Trung tâm Phục vụ hành chính công phường Hà Đông, Hà Nội", code: "000.31.20.H26",
            weight: 16, onlineShare: 0.72, dueAtEndOfDay: false),
        .init(
            name: "UBND phường Tây Hồ, thành phố Hà Nội", code: "000.32.20.H26", weight: 12, onlineShare: 0.70,
            dueAtEndOfDay: false),
        .init(
            name: "Trung tâm PVHCC phường Cầu Giấy", code: "000.33.20.H26", weight: 14, onlineShare: 0.74,
            dueAtEndOfDay: true),
        .init(name: "UBND xã Sóc Sơn", code: "000.34.20.H26", weight: 8, onlineShare: 0.58, dueAtEndOfDay: false),
        .init(
            name: "Bộ phận \"Một cửa\" xã Thanh Trì, Hà Nội", code: "000.35.20.H26", weight: 7, onlineShare: 0.62,
            dueAtEndOfDay: true),
        .init(
            name: "UBND phường Hồng Bàng, thành phố Hải Phòng", code: "000.21.31.H31", weight: 10,
            onlineShare: 0.68, dueAtEndOfDay: false),
        .init(
            name: "Trung tâm Phục vụ hành chính công phường Lê Chân, Hải Phòng", code: "000.22.31.H31",
            weight: 9, onlineShare: 0.66, dueAtEndOfDay: false),
        .init(name: "UBND phường Hải An", code: "000.23.31.H31", weight: 6, onlineShare: 0.64, dueAtEndOfDay: true),
        .init(
            name: "UBND xã Đình Lập, tỉnh Lạng Sơn", code: "000.11.28.H40", weight: 4, onlineShare: 0.52,
            dueAtEndOfDay: false),
        .init(
            name: "UBND xã Bắc Sơn, Lạng Sơn", code: "000.12.28.H40", weight: 3, onlineShare: 0.50,
            dueAtEndOfDay: true),
        .init(name: "UBND xã Lộc Bình", code: "000.13.28.H40", weight: 4, onlineShare: 0.55, dueAtEndOfDay: false),
        .init(
            name: "Bộ phận Một cửa phường Đống Đa, Hà Nội", code: "000.36.20.H26", weight: 11, onlineShare: 0.71,
            dueAtEndOfDay: false),
    ]
}

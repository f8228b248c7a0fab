/// The one table of header names a CSV/TSV log may give each field: the DVCQG name and the
/// names Vietnamese exports and spreadsheets use. Names compare by their `key`: case, Vietnamese
/// diacritics (precomposed or combining), spaces and punctuation do not count, so `Mã hồ sơ`,
/// `Ma ho so`, `MA_HO_SO` and `MaHoSo` are one name. `Guides/Fields.md` lists the table; a name
/// not in it is mapped with `--columns FILE` (`ColumnMapping`).
public enum HeaderAliases {
    /// For each field, the names besides its DVCQG name, as people write them.
    public static let table: [(field: DossierField, names: [String])] = [
        (.id, ["Mã hồ sơ", "Mã số hồ sơ", "Số hồ sơ", "Mã HS", "Số HS"]),
        (.procedure, ["Mã TTHC", "Mã thủ tục", "Mã thủ tục hành chính", "Mã số TTHC"]),
        (.field, ["Mã lĩnh vực", "Lĩnh vực"]),
        (.agency, ["Đơn vị xử lý", "Đơn vị giải quyết", "Cơ quan xử lý", "Cơ quan giải quyết", "Đơn vị"]),
        (.channel, ["Kênh thực hiện", "Kênh nộp", "Hình thức nộp", "Hình thức nộp hồ sơ"]),
        (.status, ["Trạng thái hồ sơ", "Trạng thái", "Tình trạng hồ sơ", "Mã trạng thái"]),
        (.received, ["Ngày tiếp nhận", "Thời gian tiếp nhận", "Ngày nhận hồ sơ"]),
        (.due, ["Ngày hẹn trả", "Ngày hẹn trả kết quả", "Hạn trả kết quả", "Hạn giải quyết", "Hạn xử lý"]),
        (.processingEnd, ["Ngày kết thúc xử lý", "Ngày hoàn thành", "Ngày có kết quả", "Ngày giải quyết xong"]),
        (.returned, ["Ngày trả", "Ngày trả kết quả", "Thời gian trả kết quả"]),
        (.level, ["Mức độ", "Mức độ DVC", "Mức độ dịch vụ công"]),
        (.fullOnline, ["Toàn trình", "DVC toàn trình", "Dịch vụ công toàn trình"]),
        (.feeBearing, ["Có phí lệ phí", "Có phí", "Có lệ phí"]),
        (.paidOnline, ["Được thanh toán trực tuyến", "Thanh toán trực tuyến"]),
        (.digitized, ["Hồ sơ có thành phần số hóa", "Có thành phần số hóa"]),
        (.electronicResult, ["Kết quả điện tử", "Có kết quả điện tử"]),
        (.apology, ["Xin lỗi", "Thư xin lỗi", "Văn bản xin lỗi", "Phiếu xin lỗi"]),
        (.supplements, ["Danh sách hồ sơ bổ sung", "Danh sách bổ sung", "Yêu cầu bổ sung"]),
        (.refused, ["Ngày từ chối", "Ngày từ chối tiếp nhận", "Ngày không tiếp nhận"]),
        (.submitted, ["Ngày nộp hồ sơ", "Ngày nộp", "Thời gian nộp hồ sơ"]),
        (.stepTime, ["Thời điểm xử lý", "Thời gian xử lý", "Ngày xử lý", "Thời điểm"]),
        (.stepStart, ["Ngày bắt đầu", "Thời gian bắt đầu", "Bắt đầu"]),
        (.stepPlannedEnd, ["Ngày kết thúc theo quy định", "Hạn xử lý bước", "Hạn bước", "Thời hạn bước"]),
        (.department, ["Phòng ban xử lý", "Phòng ban", "Phòng xử lý", "Bộ phận xử lý", "Bộ phận"]),
        (.handler, ["Người xử lý", "Cán bộ xử lý", "Cán bộ", "Người thực hiện"]),
        (.handlerTitle, ["Chức danh", "Chức vụ"]),
        (.stepContent, ["Nội dung xử lý", "Nội dung", "Công việc", "Bước xử lý"]),
    ]

    /// The names of `field` besides its DVCQG name.
    public static func names(of field: DossierField) -> [String] {
        table.first { $0.field == field }?.names ?? []
    }

    /// The field a header name feeds, nil when the table does not know the name.
    public static func field(named name: String) -> DossierField? {
        // The DVCQG name as the portal spells it needs no folding (nor the table built).
        dvcqgName(name) ?? fieldsByKey[key(name)]
    }

    /// The field whose DVCQG name `name` is, in ASCII case and without surrounding spaces.
    private static func dvcqgName(_ name: String) -> DossierField? {
        var bytes = Substring(name).utf8[...]
        while let b = bytes.first, b == 0x20 || b == 0x09 { bytes = bytes.dropFirst() }
        while let b = bytes.last, b == 0x20 || b == 0x09 || b == 0x0D { bytes = bytes.dropLast() }
        func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }
        return DossierField.allCases.first { field in
            field.name.utf8.count == bytes.count && zip(field.name.utf8, bytes).allSatisfy { lower($0) == lower($1) }
        }
    }

    /// The form names compare in: lowercase, Vietnamese letters without diacritics (`đ` is `d`),
    /// only letters and digits.
    static func key(_ name: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in DataFileValues.foldVietnamese(name).unicodeScalars {
            let v = scalar.value
            if (0x30...0x39).contains(v) || (0x61...0x7A).contains(v) || v >= 0x80 { out.append(scalar) }
        }
        return String(out)
    }

    private static let fieldsByKey: [String: DossierField] = {
        var map: [String: DossierField] = [:]
        for field in DossierField.allCases { map[key(field.name)] = field }
        for (field, names) in table {
            for name in names { map[key(name)] = field }
        }
        return map
    }()

    /// The edit distance of two keys (insertions, deletions, substitutions of one scalar), for
    /// "closest name" hints.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

import WorkingTime

/// Reads a procedure catalog (CSV, see `Guides/WorkingTime.md`) into a `ProcedureCatalog`.
///
/// Columns are found by header name, in any order: `MaTTHC`, `ThoiHanGiaiQuyet` and
/// `DonViThoiGian` are required; `TenTTHC`, `MaLinhVuc`, `MucDo`, `CoPhiLePhi`, `GioNhanSau`,
/// `CanCuPhapLy`, `PhutXuLy` are optional; other columns are ignored.
public enum CatalogReader {
    static let required = ["MaTTHC", "ThoiHanGiaiQuyet", "DonViThoiGian"]

    public static func read(contentsOfFile path: String) throws(DataFileError) -> ProcedureCatalog {
        try read(csv: DataFile.bytes(ofFile: path, what: "catalog file"), name: path)
    }

    /// Parses catalog CSV; `name` is used in error messages.
    public static func read(csv bytes: [UInt8], name: String) throws(DataFileError) -> ProcedureCatalog {
        let records = try DataFile.records(bytes, file: name)
        guard let header = records.first else {
            throw DataFileError(
                file: name, line: 0, column: 0,
                message:
                    "empty catalog: expected a header row naming \(required.joined(separator: ", ")), then one row per procedure"
            )
        }
        var column: [String: Int] = [:]
        for (i, field) in header.fields.enumerated() { column[field.text.lowercased()] = i }
        for requiredColumn in required where column[requiredColumn.lowercased()] == nil {
            throw DataFileError(
                file: name, line: header.line, column: 1,
                message: "missing column \(requiredColumn); the header must name \(required.joined(separator: ", "))")
        }
        guard records.count > 1 else {
            throw DataFileError(
                file: name, line: header.line, column: 0,
                message: "no procedure in the catalog: add one row per procedure after the header")
        }
        var entries: [ProcedureCatalog.Entry] = []
        var seen: Set<String> = []
        for record in records.dropFirst() {
            let row = CatalogRow(record: record, column: column, file: name)
            let entry = try row.entry()
            guard seen.insert(entry.code).inserted else {
                throw row.fail(row.field("MaTTHC"), "MaTTHC", "procedure \(entry.code) is listed twice")
            }
            entries.append(entry)
        }
        return ProcedureCatalog(entries: entries)
    }
}

/// One procedure row of a catalog, read by header name.
struct CatalogRow {
    var record: RFC4180Reader.Record
    var column: [String: Int]
    var file: String

    func field(_ key: String) -> RFC4180Reader.Field? {
        guard let i = column[key.lowercased()], i < record.fields.count else { return nil }
        return record.fields[i]
    }

    func fail(_ f: RFC4180Reader.Field?, _ key: String, _ message: String) -> DataFileError {
        DataFileError(file: file, line: f?.line ?? record.line, column: f?.column ?? 1, message: "\(key): \(message)")
    }

    func entry() throws(DataFileError) -> ProcedureCatalog.Entry {
        guard let codeField = field("MaTTHC"), !codeField.bytes.isEmpty else {
            throw fail(field("MaTTHC"), "MaTTHC", "empty procedure code")
        }
        let unitText = field("DonViThoiGian")?.text ?? ""
        guard let unit = CatalogRow.unit(unitText) else {
            throw fail(
                field("DonViThoiGian"), "DonViThoiGian",
                "expected 'ngày làm việc', 'giờ làm việc' or 'trong ngày' (or working days/hours, same day), got '\(unitText)'"
            )
        }
        let amountText = field("ThoiHanGiaiQuyet")?.text ?? ""
        let deadline: Deadline
        switch unit {
        case .sameDay:
            deadline = .sameDay
        case .days, .hours:
            guard let n = Int(amountText), n > 0, n <= 3650 else {
                throw fail(
                    field("ThoiHanGiaiQuyet"), "ThoiHanGiaiQuyet",
                    "expected a positive whole number, got '\(amountText)'")
            }
            deadline = unit == .days ? .workingDays(n) : .workingHours(n)
        }
        var level: Int? = nil
        if let f = field("MucDo"), !f.bytes.isEmpty {
            guard let l = Int(f.text), (1...4).contains(l) else {
                throw fail(f, "MucDo", "expected an online level 2, 3 or 4, got '\(f.text)'")
            }
            level = l
        }
        var fee: Bool? = nil
        if let f = field("CoPhiLePhi"), !f.bytes.isEmpty {
            switch DataFileValues.foldVietnamese(f.text) {
            case "1", "true", "yes", "co": fee = true
            case "0", "false", "no", "khong": fee = false
            default: throw fail(f, "CoPhiLePhi", "expected 0 or 1, got '\(f.text)'")
            }
        }
        var cutoff: Int? = nil
        if let f = field("GioNhanSau"), !f.bytes.isEmpty {
            guard let c = CatalogRow.cutoff(f.text) else {
                throw fail(f, "GioNhanSau", "expected a time such as 15:00 or 15h, got '\(f.text)'")
            }
            cutoff = c
        }
        var entry = ProcedureCatalog.Entry(
            code: codeField.text, name: field("TenTTHC")?.text ?? "", field: field("MaLinhVuc")?.text ?? "",
            deadline: deadline, level: level, feeBearing: fee, afternoonCutoff: cutoff,
            legalBasis: field("CanCuPhapLy")?.text ?? "")
        if let f = field("PhutXuLy"), !f.bytes.isEmpty {
            guard let minutes = Double(DataFileValues.trimmingSpaces(f.text)), minutes > 0, minutes.isFinite else {
                throw fail(
                    f, "PhutXuLy", "expected the work minutes of one dossier (a positive number), got '\(f.text)'")
            }
            entry.workMinutes = minutes
        }
        return entry
    }

    enum Unit { case days, hours, sameDay }

    /// `ngày làm việc` / `giờ làm việc` / `trong ngày`, with or without diacritics, any case;
    /// English `working day(s)`, `working hour(s)`, `same day`, `within the day`.
    static func unit(_ text: String) -> Unit? {
        let folded = DataFileValues.foldVietnamese(text).split(separator: " ").joined(separator: " ")
        switch folded {
        case "ngay lam viec", "working days", "working day": return .days
        case "gio lam viec", "working hours", "working hour": return .hours
        case "trong ngay", "same day", "within the day": return .sameDay
        default: return nil
        }
    }

    /// `15:00`, `15:30`, `15h`, `15h30`, `15` → seconds since midnight.
    static func cutoff(_ text: String) -> Int? {
        let t = DataFileValues.trimmingSpaces(text.lowercased())
        if let c = DataFileValues.clock(t) { return c }
        let parts = t.split(separator: "h", omittingEmptySubsequences: false)
        guard parts.count <= 2, let h = Int(parts[0]), (0...23).contains(h) else { return nil }
        let m = parts.count == 2 && !parts[1].isEmpty ? Int(parts[1]) : 0
        guard let m, (0...59).contains(m) else { return nil }
        return h * 3600 + m * 60
    }
}

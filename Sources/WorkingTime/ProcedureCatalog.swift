import CivilTime

/// The legal facts of each administrative procedure that the log may lack: deadline, online
/// level, fees, afternoon cut-off. Loaded from a CSV catalog (see `Guides/WorkingTime.md`).
///
/// Lookup is a dictionary by national code (MaTTHC); the engine caches one entry per procedure.
public struct ProcedureCatalog: Sendable {
    public struct Entry: Hashable, Sendable {
        public var code: String
        public var name: String
        public var field: String
        public var deadline: Deadline
        /// Online service level 2/3/4, when known.
        public var level: Int?
        public var feeBearing: Bool?
        /// Seconds since midnight after which a dossier counts from the next working day.
        public var afternoonCutoff: Int?
        /// The legal source of the deadline, when the catalog gives it.
        public var legalBasis: String

        public init(
            code: String, name: String = "", field: String = "", deadline: Deadline, level: Int? = nil,
            feeBearing: Bool? = nil, afternoonCutoff: Int? = nil, legalBasis: String = ""
        ) {
            self.code = code
            self.name = name
            self.field = field
            self.deadline = deadline
            self.level = level
            self.feeBearing = feeBearing
            self.afternoonCutoff = afternoonCutoff
            self.legalBasis = legalBasis
        }
    }

    public private(set) var entries: [String: Entry] = [:]

    public init(entries: [Entry] = []) {
        for e in entries { self.entries[e.code] = e }
    }

    public subscript(code: String) -> Entry? { entries[code] }

    /// Entries sorted by code.
    public var sortedEntries: [Entry] { entries.values.sorted { $0.code < $1.code } }

    /// Reads a catalog file.
    public init(contentsOfFile path: String) throws(DataFileError) {
        guard let text = readTextFile(path) else {
            throw DataFileError(file: path, line: 0, column: 0, message: "cannot read the catalog file")
        }
        try self.init(csv: text, name: path)
    }

    /// Parses catalog CSV text. Columns are found by header name, in any order: `MaTTHC`,
    /// `ThoiHanGiaiQuyet` and `DonViThoiGian` are required; `TenTTHC`, `MaLinhVuc`, `MucDo`,
    /// `CoPhiLePhi`, `GioNhanSau`, `CanCuPhapLy` are optional; other columns are ignored.
    public init(csv text: String, name: String) throws(DataFileError) {
        let table: TextTable
        do { table = try TextTable(text: text) } catch {
            throw DataFileError(file: name, line: error.line, column: error.column, message: error.message)
        }
        guard let header = table.rows.first else {
            throw DataFileError(file: name, line: 1, column: 1, message: "empty catalog: expected a header row")
        }
        var column: [String: Int] = [:]
        for (i, field) in header.fields.enumerated() { column[field.text.lowercased()] = i }
        for required in ["MaTTHC", "ThoiHanGiaiQuyet", "DonViThoiGian"] where column[required.lowercased()] == nil {
            throw DataFileError(
                file: name, line: header.line, column: 1,
                message: "missing column \(required); the header must name MaTTHC, ThoiHanGiaiQuyet, DonViThoiGian")
        }
        for row in table.rows.dropFirst() {
            func field(_ key: String) -> TextTable.Field? {
                guard let i = column[key.lowercased()], i < row.fields.count else { return nil }
                return row.fields[i]
            }
            func fail(_ f: TextTable.Field?, _ key: String, _ message: String) -> DataFileError {
                DataFileError(file: name, line: row.line, column: f?.column ?? 1, message: "\(key): \(message)")
            }
            guard let codeField = field("MaTTHC"), !codeField.text.isEmpty else {
                throw fail(field("MaTTHC"), "MaTTHC", "empty procedure code")
            }
            let unitField = field("DonViThoiGian")
            guard let unit = ProcedureCatalog.parseUnit(unitField?.text ?? "") else {
                throw fail(
                    unitField, "DonViThoiGian",
                    "expected 'ngày làm việc', 'giờ làm việc' or 'trong ngày' (or working days/hours, same day), got '\(unitField?.text ?? "")'"
                )
            }
            let amountField = field("ThoiHanGiaiQuyet")
            let amountText = amountField?.text ?? ""
            let deadline: Deadline
            switch unit {
            case .sameDay:
                deadline = .sameDay
            case .days, .hours:
                guard let n = Int(amountText), n > 0, n <= 3650 else {
                    throw fail(amountField, "ThoiHanGiaiQuyet", "expected a positive whole number, got '\(amountText)'")
                }
                deadline = unit == .days ? .workingDays(n) : .workingHours(n)
            }
            var level: Int? = nil
            if let f = field("MucDo"), !f.text.isEmpty {
                guard let l = Int(f.text), (1...4).contains(l) else {
                    throw fail(f, "MucDo", "expected an online level 2, 3 or 4, got '\(f.text)'")
                }
                level = l
            }
            var fee: Bool? = nil
            if let f = field("CoPhiLePhi"), !f.text.isEmpty {
                switch foldVietnamese(f.text) {
                case "1", "true", "yes", "co": fee = true
                case "0", "false", "no", "khong": fee = false
                default: throw fail(f, "CoPhiLePhi", "expected 0 or 1, got '\(f.text)'")
                }
            }
            var cutoff: Int? = nil
            if let f = field("GioNhanSau"), !f.text.isEmpty {
                guard let c = ProcedureCatalog.parseCutoff(f.text) else {
                    throw fail(f, "GioNhanSau", "expected a time such as 15:00 or 15h, got '\(f.text)'")
                }
                cutoff = c
            }
            let code = codeField.text
            if entries[code] != nil {
                throw fail(codeField, "MaTTHC", "procedure \(code) is listed twice")
            }
            entries[code] = Entry(
                code: code, name: field("TenTTHC")?.text ?? "", field: field("MaLinhVuc")?.text ?? "",
                deadline: deadline, level: level, feeBearing: fee, afternoonCutoff: cutoff,
                legalBasis: field("CanCuPhapLy")?.text ?? "")
        }
    }

    enum Unit { case days, hours, sameDay }

    /// `ngày làm việc` / `giờ làm việc` / `trong ngày`, with or without diacritics, any case;
    /// English `working day(s)`, `working hour(s)`, `same day`, `within the day`.
    static func parseUnit(_ text: String) -> Unit? {
        let folded = foldVietnamese(text).split(separator: " ").joined(separator: " ")
        switch folded {
        case "ngay lam viec", "working days", "working day": return .days
        case "gio lam viec", "working hours", "working hour": return .hours
        case "trong ngay", "same day", "within the day": return .sameDay
        default: return nil
        }
    }

    /// `15:00`, `15:30`, `15h`, `15h30`, `15` → seconds since midnight.
    static func parseCutoff(_ text: String) -> Int? {
        let t = text.lowercased().trimmingSpaces()
        if let c = parseClock(t) { return c }
        let parts = t.split(separator: "h", omittingEmptySubsequences: false)
        guard parts.count <= 2, let h = Int(parts[0]), (0...23).contains(h) else { return nil }
        let m = parts.count == 2 && !parts[1].isEmpty ? Int(parts[1]) : 0
        guard let m, (0...59).contains(m) else { return nil }
        return h * 3600 + m * 60
    }
}

/// Lowercases and removes Vietnamese diacritics (precomposed or combining), `đ` → `d`.
public func foldVietnamese(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in text.lowercased().unicodeScalars {
        if (0x300...0x36F).contains(scalar.value) { continue }  // combining marks
        if scalar.value < 0x80 {
            out.append(scalar)
        } else if let base = vietnameseBase[scalar] {
            out.append(base)
        } else {
            out.append(scalar)
        }
    }
    return String(out).trimmingSpaces()
}

private let vietnameseBase: [Unicode.Scalar: Unicode.Scalar] = {
    let groups: [(String, Unicode.Scalar)] = [
        ("àáạảãâầấậẩẫăằắặẳẵ", "a"), ("èéẹẻẽêềếệểễ", "e"), ("ìíịỉĩ", "i"), ("òóọỏõôồốộổỗơờớợởỡ", "o"),
        ("ùúụủũưừứựửữ", "u"), ("ỳýỵỷỹ", "y"), ("đ", "d"),
    ]
    var map: [Unicode.Scalar: Unicode.Scalar] = [:]
    for (letters, base) in groups {
        for scalar in letters.unicodeScalars { map[scalar] = base }
    }
    return map
}()

extension ProcedureCatalog {
    /// What the classification rules need of an entry, without its text: cheap to pass for every
    /// dossier (an `Entry` holds four strings to retain and release).
    public struct Terms: Hashable, Sendable {
        public var deadline: Deadline
        public var level: Int?
        public var feeBearing: Bool?
        public var afternoonCutoff: Int?

        public init(deadline: Deadline, level: Int? = nil, feeBearing: Bool? = nil, afternoonCutoff: Int? = nil) {
            self.deadline = deadline
            self.level = level
            self.feeBearing = feeBearing
            self.afternoonCutoff = afternoonCutoff
        }
    }
}

extension ProcedureCatalog.Entry {
    public var terms: ProcedureCatalog.Terms {
        ProcedureCatalog.Terms(
            deadline: deadline, level: level, feeBearing: feeBearing, afternoonCutoff: afternoonCutoff)
    }
}

import CivilTime

/// Writes `SyntheticDossier`s as CSV or JSONL bytes: names pre-encoded once, dates from a
/// per-day table, digits from a two-digit table; no `String` per field.
struct DossierEncoder: Sendable {
    static let columns = [
        "MaHoSo", "MaTTHC", "MaLinhVuc", "DonViXuLy", "KenhThucHien", "TrangThaiHoSo", "NgayTiepNhan", "NgayHenTra",
        "NgayKetThucXuLy", "NgayTra", "MucDo", "ToanTrinh", "CoPhiLePhi", "DuocThanhToanTrucTuyen",
        "HoSoCoThanhPhanSoHoa", "KetQuaDienTu", "XinLoi", "DanhSachHoSoBoSung",
    ]
    /// The quirky export adds the procedure name and the owner, as real exports do.
    static let quirkColumns = [
        "MaHoSo", "MaTTHC", "TenTTHC", "MaLinhVuc", "DonViXuLy", "ChuHoSo", "KenhThucHien", "TrangThaiHoSo",
        "NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayTra", "MucDo", "ToanTrinh", "CoPhiLePhi",
        "DuocThanhToanTrucTuyen", "HoSoCoThanhPhanSoHoa", "KetQuaDienTu", "XinLoi", "DanhSachHoSoBoSung",
    ]

    let format: SynthesisFormat
    let quirks: Bool
    /// The one-stop export shape (`ExportShape`), CSV only.
    let exportShape: Bool
    let seed: UInt64
    let unitCodes: [[UInt8]]
    let unitNamesCSV: [[UInt8]]
    let unitNamesJSON: [[UInt8]]
    let procedureCodes: [[UInt8]]
    let procedureFields: [[UInt8]]
    let procedureNamesCSV: [[UInt8]]
    let procedureNamesJSON: [[UInt8]]
    let procedureFieldNamesCSV: [[UInt8]]
    let exportNotesCSV: [[UInt8]]
    /// `yyyyMMdd` packed little-endian for days `tableFirstDay...`.
    let dayTable: [UInt64]
    let tableFirstDay: Int
    let twoDigits: [UInt16]
    let feeProcedures: [Bool]
    let newline: [UInt8]
    /// An upper bound of one row's bytes (the buffer is reserved per row).
    let maxRowBytes: Int

    init(options: SynthesisOptions) {
        format = options.format
        quirks = options.quirks
        exportShape = options.exportShape && options.format == .csv
        seed = options.seed
        unitCodes = options.units.map { Array($0.code.utf8) }
        unitNamesCSV = options.units.map { DossierEncoder.csvField($0.name) }
        unitNamesJSON = options.units.map { DossierEncoder.jsonString($0.name) }
        procedureCodes = options.procedures.map { Array($0.code.utf8) }
        procedureFields = options.procedures.map { Array($0.field.utf8) }
        procedureNamesCSV = options.procedures.map { DossierEncoder.csvField($0.name) }
        procedureNamesJSON = options.procedures.map { DossierEncoder.jsonString($0.name) }
        procedureFieldNamesCSV = options.procedures.map {
            DossierEncoder.csvField(ExportShape.fieldNames[$0.field] ?? $0.field)
        }
        exportNotesCSV = ExportShape.notes.map(DossierEncoder.csvField)
        tableFirstDay = options.from.dayNumber - 31
        let last = options.to.dayNumber + 400
        dayTable = (tableFirstDay...last).map { DossierEncoder.packDate(CivilDate(dayNumber: $0)) }
        feeProcedures = options.procedures.map { $0.fee > 0 }
        twoDigits = (0..<100).map { UInt16(48 + $0 / 10) | UInt16(48 + $0 % 10) << 8 }
        newline = (options.quirks || options.exportShape) && options.format == .csv ? [13, 10] : [10]
        let longest =
            (unitNamesJSON.map(\.count).max() ?? 0) * 2 + (procedureNamesJSON.map(\.count).max() ?? 0) * 2
            + (unitCodes.map(\.count).max() ?? 0) + (procedureFieldNamesCSV.map(\.count).max() ?? 0)
            + (exportNotesCSV.map(\.count).max() ?? 0)
        maxRowBytes = 1400 + longest
    }

    static func packDate(_ date: CivilDate) -> UInt64 {
        var word: UInt64 = 0
        let text = Array(pad4(date.year) + pad2(date.month) + pad2(date.day))
        for (i, byte) in text.prefix(8).enumerated() { word |= UInt64(byte) << (8 * UInt64(i)) }
        return word
    }

    static func pad2(_ v: Int) -> [UInt8] { [UInt8(48 + v / 10 % 10), UInt8(48 + v % 10)] }
    static func pad4(_ v: Int) -> [UInt8] {
        [UInt8(48 + v / 1000 % 10), UInt8(48 + v / 100 % 10), UInt8(48 + v / 10 % 10), UInt8(48 + v % 10)]
    }

    /// RFC 4180: quote when the text holds a comma, quote, CR or LF; double inner quotes.
    static func csvField(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        guard bytes.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else { return bytes }
        var out: [UInt8] = [34]
        for b in bytes {
            if b == 34 { out.append(34) }
            out.append(b)
        }
        out.append(34)
        return out
    }

    /// A JSON string literal, quotes included.
    static func jsonString(_ text: String) -> [UInt8] {
        var out: [UInt8] = [34]
        for b in text.utf8 {
            switch b {
            case 34: out += [92, 34]
            case 92: out += [92, 92]
            case 10: out += [92, 110]
            case 13: out += [92, 114]
            case 9: out += [92, 116]
            case 0..<32: out += Array("\\u00".utf8) + hex2(b)
            default: out.append(b)
            }
        }
        out.append(34)
        return out
    }

    static func hex2(_ b: UInt8) -> [UInt8] {
        let digits = Array("0123456789abcdef".utf8)
        return [digits[Int(b >> 4)], digits[Int(b & 15)]]
    }

    /// The header row (CSV) or nothing (JSONL); the quirky and export-shaped CSVs start with a UTF-8 BOM.
    func header() -> [UInt8] {
        guard format == .csv else { return [] }
        var out: [UInt8] = quirks || exportShape ? [0xEF, 0xBB, 0xBF] : []
        let names =
            exportShape ? ExportShape.columns : quirks ? DossierEncoder.quirkColumns : DossierEncoder.columns
        out += Array(names.joined(separator: ",").utf8)
        out += newline
        return out
    }

    // MARK: Timestamps

    @inline(__always)
    func appendCompact(_ seconds: Int64, to out: ByteBuffer) {
        let t = Timestamp(seconds: seconds)
        let day = t.dayNumber
        let index = day - tableFirstDay
        if index >= 0 && index < dayTable.count {
            out.append(packed: dayTable[index], count: 8)
        } else {
            out.append(packed: DossierEncoder.packDate(CivilDate(dayNumber: day)), count: 8)
        }
        let s = t.secondOfDay
        appendTwo(s / 3600, out)
        appendTwo(s / 60 % 60, out)
        appendTwo(s % 60, out)
    }

    @inline(__always)
    func appendTwo(_ v: Int, _ out: ByteBuffer) {
        UnsafeMutableRawPointer(out.base + out.count).storeBytes(of: twoDigits[v], as: UInt16.self)
        out.count += 2
    }

    /// `yyMMdd` of a day (for `MaHoSo`).
    @inline(__always)
    func appendShortDate(_ seconds: Int64, to out: ByteBuffer) {
        let day = Timestamp(seconds: seconds).dayNumber
        let index = day - tableFirstDay
        let packed =
            index >= 0 && index < dayTable.count ? dayTable[index] : DossierEncoder.packDate(CivilDate(dayNumber: day))
        out.append(packed: packed >> 16, count: 6)
    }

    /// A timestamp in one of the spellings real exports mix (quirks only); the choice is a hash
    /// of the dossier and field, so reruns agree.
    func appendQuirkyTimestamp(_ seconds: Int64, serial: Int, field: Int, to out: ByteBuffer) {
        let h = SeededRandom.mix(seed ^ 0x7175_6972_6B73, UInt64(serial) &* 16 &+ UInt64(field)) % 1000
        let t = Timestamp(seconds: seconds)
        let date = t.date
        let s = t.secondOfDay
        switch h {
        case 0..<25:  // Vietnamese Excel: dd/MM/yyyy HH:mm:ss
            out.append(DossierEncoder.pad2(date.day) + [47] + DossierEncoder.pad2(date.month) + [47])
            out.append(DossierEncoder.pad4(date.year) + [32])
            out.append(
                DossierEncoder.pad2(s / 3600) + [58] + DossierEncoder.pad2(s / 60 % 60) + [58]
                    + DossierEncoder.pad2(s % 60))
        case 25..<40:  // ISO 8601 local
            out.append(Array(t.iso8601.utf8))
        case 40..<46:  // ISO 8601 with the Vietnam offset
            out.append(Array((t.iso8601 + "+07:00").utf8))
        case 46..<49:  // ISO 8601 in UTC
            out.append(Array((Timestamp(seconds: seconds - Timestamp.vietnamOffset).iso8601 + "Z").utf8))
        default:
            appendCompact(seconds, to: out)
        }
    }

    // MARK: Rows

    func appendRow(_ d: SyntheticDossier, to out: ByteBuffer) {
        out.reserve(maxRowBytes + (quirks || exportShape ? 512 : 0))
        switch format {
        case .csv where exportShape: appendExportShape(d, to: out)
        case .csv: appendCSV(d, to: out)
        case .jsonl: appendJSON(d, to: out)
        }
    }

    @inline(__always)
    func appendMaHoSo(_ d: SyntheticDossier, to out: ByteBuffer) {
        out.append(unitCodes[d.unit])
        out.append(45)
        let dated = d.received != SyntheticDossier.absent ? d.received : d.submitted
        if dated != SyntheticDossier.absent {
            appendShortDate(dated, to: out)
        } else {
            out.append([48, 48, 48, 48, 48, 48])
        }
        out.append(45)
        out.append(decimal: d.serial, width: 8)
    }

    @inline(__always)
    func appendFlag(_ value: Bool, _ out: ByteBuffer) {
        out.append(value ? 49 : 48)
    }

    /// `MucDo` to `XinLoi` in the order both CSV shapes write them, each followed by a comma.
    @inline(__always)
    func appendLevelAndFlags(_ d: SyntheticDossier, to out: ByteBuffer) {
        let comma: UInt8 = 44
        out.append(48 + d.level)
        out.append(comma)
        appendFlag(d.fullOnline, out)
        out.append(comma)
        appendFlag(d.feeBearing, out)
        out.append(comma)
        out.append(48 + d.paidOnline)
        out.append(comma)
        appendFlag(d.digitized, out)
        out.append(comma)
        appendFlag(d.electronicResult, out)
        out.append(comma)
        appendFlag(d.apology, out)
        out.append(comma)
    }

    func appendCSV(_ d: SyntheticDossier, to out: ByteBuffer) {
        let comma: UInt8 = 44
        appendMaHoSo(d, to: out)
        out.append(comma)
        out.append(procedureCodes[d.procedure])
        out.append(comma)
        if quirks {
            out.append(procedureNamesCSV[d.procedure])
            out.append(comma)
        }
        out.append(procedureFields[d.procedure])
        out.append(comma)
        out.append(unitNamesCSV[d.unit])
        out.append(comma)
        if quirks {
            out.append(DossierEncoder.csvField(SyntheticOwners.owner(seed: seed, serial: d.serial)))
            out.append(comma)
        }
        out.append(48 + d.channel)
        out.append(comma)
        out.append(decimal: Int(d.status))
        out.append(comma)
        let times = [d.received, d.due, d.processingEnd, d.returned]
        for (field, t) in times.enumerated() {
            if t != SyntheticDossier.absent {
                if quirks {
                    appendQuirkyTimestamp(t, serial: d.serial, field: field, to: out)
                } else {
                    appendCompact(t, to: out)
                }
            }
            out.append(comma)
        }
        appendLevelAndFlags(d, to: out)
        for i in 0..<d.pauseCount {
            if i > 0 { out.append(59) }
            let p = d.pause(i)
            appendCompact(p.start, to: out)
            out.append(47)
            if p.end != SyntheticDossier.absent { appendCompact(p.end, to: out) }
        }
        out.append(newline)
    }

    @inline(__always)
    func appendKey(_ key: StaticString, _ out: ByteBuffer) {
        out.base.advanced(by: out.count).update(from: key.utf8Start, count: key.utf8CodeUnitCount)
        out.count += key.utf8CodeUnitCount
    }

    /// JSONL quirks of real sync payloads, per dossier: 0 none, 1 codes as strings and absent
    /// timestamps as `null`, 2 codes as strings and absent timestamps as `""`.
    func jsonStyle(_ d: SyntheticDossier) -> Int {
        quirks ? Int(SeededRandom.mix(seed ^ 0x6A73_6F6E, UInt64(d.serial)) % 3) : 0
    }

    @inline(__always)
    func appendJSONTime(_ key: StaticString, _ t: Int64, _ out: ByteBuffer, style: Int = 0) {
        guard t != SyntheticDossier.absent else {
            if style == 1 {
                appendKey(key, out)
                appendKey("null", out)
            } else if style == 2 {
                appendKey(key, out)
                appendKey("\"\"", out)
            }
            return
        }
        appendKey(key, out)
        out.append(34)
        appendCompact(t, to: out)
        out.append(34)
    }

    /// A small code, quoted when the dossier's style writes codes as strings.
    @inline(__always)
    func appendCode(_ value: Int, _ out: ByteBuffer, quoted: Bool) {
        if quoted { out.append(34) }
        out.append(decimal: value)
        if quoted { out.append(34) }
    }

    func appendJSON(_ d: SyntheticDossier, to out: ByteBuffer) {
        let style = jsonStyle(d)
        let q = style != 0
        appendKey("{\"MaHoSo\":\"", out)
        appendMaHoSo(d, to: out)
        appendKey("\",\"MaTTHC\":\"", out)
        out.append(procedureCodes[d.procedure])
        if quirks {
            appendKey("\",\"TenTTHC\":", out)
            out.append(procedureNamesJSON[d.procedure])
            appendKey(",\"MaLinhVuc\":\"", out)
        } else {
            appendKey("\",\"MaLinhVuc\":\"", out)
        }
        out.append(procedureFields[d.procedure])
        appendKey("\",\"DonViXuLy\":", out)
        out.append(unitNamesJSON[d.unit])
        if quirks {
            appendKey(",\"ChuHoSo\":", out)
            out.append(DossierEncoder.jsonString(SyntheticOwners.owner(seed: seed, serial: d.serial)))
        }
        appendKey(",\"KenhThucHien\":", out)
        appendCode(Int(d.channel), out, quoted: q)
        appendKey(",\"TrangThaiHoSo\":", out)
        appendCode(Int(d.status), out, quoted: q)
        appendJSONTime(",\"NgayTiepNhan\":", d.received, out, style: style)
        appendJSONTime(",\"NgayHenTra\":", d.due, out, style: style)
        appendJSONTime(",\"NgayKetThucXuLy\":", d.processingEnd, out, style: style)
        appendJSONTime(",\"NgayTra\":", d.returned, out, style: style)
        appendKey(",\"MucDo\":", out)
        appendCode(Int(d.level), out, quoted: q)
        appendKey(",\"ToanTrinh\":", out)
        appendCode(d.fullOnline ? 1 : 0, out, quoted: q)
        appendKey(",\"CoPhiLePhi\":", out)
        appendCode(d.feeBearing ? 1 : 0, out, quoted: q)
        appendKey(",\"DuocThanhToanTrucTuyen\":", out)
        appendCode(Int(d.paidOnline), out, quoted: q)
        appendKey(",\"HoSoCoThanhPhanSoHoa\":", out)
        appendCode(d.digitized ? 1 : 0, out, quoted: q)
        appendKey(",\"KetQuaDienTu\":", out)
        appendCode(d.electronicResult ? 1 : 0, out, quoted: q)
        appendKey(",\"XinLoi\":", out)
        appendCode(d.apology ? 1 : 0, out, quoted: q)
        if d.pauseCount > 0 {
            appendKey(",\"DanhSachHoSoBoSung\":[", out)
            for i in 0..<d.pauseCount {
                if i > 0 { out.append(44) }
                let p = d.pause(i)
                appendKey("{\"NgayBoSung\":\"", out)
                appendCompact(p.start, to: out)
                out.append(34)
                if p.end != SyntheticDossier.absent {
                    appendKey(",\"NgayTiepNhanBoSung\":\"", out)
                    appendCompact(p.end, to: out)
                    out.append(34)
                } else if style == 1 {
                    appendKey(",\"NgayTiepNhanBoSung\":null", out)
                } else if style == 2 {
                    appendKey(",\"NgayTiepNhanBoSung\":\"\"", out)
                }
                out.append(125)
            }
            out.append(93)
        }
        if d.feeBearing {
            appendKey(",\"DanhSachLePhi\":[{\"Gia\":", out)
            out.append(decimal: d.fee)
            appendKey("}]", out)
        } else if procedureHasFee(d) {
            appendKey(",\"DanhSachLePhi\":[{\"Gia\":0}]", out)
        }
        appendKey(",\"TaiLieuNop\":[", out)
        for i in 0..<Int(d.documents) {
            if i > 0 { out.append(44) }
            appendKey("{\"DuocSoHoa\":", out)
            appendFlag(i == 0 && d.digitized, out)
            out.append(125)
        }
        appendKey("]}", out)
        out.append(newline)
    }

    /// A fee-bearing procedure whose fee was waived: JSONL lists it with amount 0.
    func procedureHasFee(_ d: SyntheticDossier) -> Bool { d.fee == 0 && feeProcedures[d.procedure] }
}

/// The one-stop export shape (`tthc generate --export-shape`): the generator's dossiers written as
/// a province's one-stop system exports its dossier book to a spreadsheet, for benchmarks that a
/// user would recognise (issue 13).
///
/// The same dossiers as the plain CSV of the same options, in another encoding: UTF-8 BOM, CRLF
/// line ends, compact `yyyyMMddHHmmss` times, and the columns the book shows in its order: the
/// dossier id and the names a reader looks for first (procedure, field, applicant, unit), the
/// dates in the middle, the codes the system appends after them, a free-text note last. There is
/// no supplement column: such exports carry pauses only as words in the note, so a log read from
/// it has no pause to move a due.
enum ExportShape {
    static let columns = [
        "MaHoSo", "TenTTHC", "TenLinhVuc", "ChuHoSo", "DonViXuLy", "NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy",
        "NgayTra", "MaTTHC", "MaLinhVuc", "TrangThaiHoSo", "KenhThucHien", "MucDo", "ToanTrinh", "CoPhiLePhi",
        "DuocThanhToanTrucTuyen", "HoSoCoThanhPhanSoHoa", "KetQuaDienTu", "XinLoi", "GhiChu",
    ]

    /// `TenLinhVuc` of the synthetic catalog's field codes (the fields' usual Vietnamese names).
    static let fieldNames = [
        "HoTich": "Hộ tịch", "ChungThuc": "Chứng thực", "DatDai": "Đất đai", "XayDung": "Hoạt động xây dựng",
        "HoKinhDoanh": "Thành lập và hoạt động của hộ kinh doanh", "CuTru": "Đăng ký, quản lý cư trú",
        "BaoTroXaHoi": "Bảo trợ xã hội",
    ]

    /// The notes an officer types (`GhiChu`), indexed by `note(_:seed:)`; 0 is no note.
    static let notes = [
        "", "Đã yêu cầu bổ sung hồ sơ, công dân đã bổ sung", "Chờ công dân bổ sung hồ sơ",
        "Trễ hạn, đã gửi thư xin lỗi", "Trả kết quả qua dịch vụ bưu chính công ích",
        "Rút hồ sơ theo đề nghị của người nộp", "Công dân hẹn đến nhận kết quả, chưa đến", "Hồ sơ giấy đã số hóa",
    ]

    /// Which note a dossier gets: from its state where one fits, else a rare remark by a hash of
    /// `(seed, serial)`, so reruns and worker counts agree.
    static func note(_ d: SyntheticDossier, seed: UInt64) -> Int {
        if d.pauseCount > 0 { return d.pause(d.pauseCount - 1).end == SyntheticDossier.absent ? 2 : 1 }
        if d.apology { return 3 }
        if d.status == 7 { return 5 }
        if d.channel == 3 && d.returned != SyntheticDossier.absent { return 4 }
        switch SeededRandom.mix(seed ^ 0x6768_6963_6875, UInt64(d.serial)) % 100 {
        case 0..<3: return d.returned != SyntheticDossier.absent ? 6 : 0
        case 3..<6: return d.digitized ? 7 : 0
        default: return 0
        }
    }
}

extension DossierEncoder {
    /// One row of the export shape (`ExportShape.columns`), CRLF-terminated.
    func appendExportShape(_ d: SyntheticDossier, to out: ByteBuffer) {
        let comma: UInt8 = 44
        appendMaHoSo(d, to: out)
        out.append(comma)
        out.append(procedureNamesCSV[d.procedure])
        out.append(comma)
        out.append(procedureFieldNamesCSV[d.procedure])
        out.append(comma)
        out.append(DossierEncoder.csvField(SyntheticOwners.owner(seed: seed, serial: d.serial, lineBreaks: false)))
        out.append(comma)
        out.append(unitNamesCSV[d.unit])
        out.append(comma)
        for t in [d.received, d.due, d.processingEnd, d.returned] {
            if t != SyntheticDossier.absent { appendCompact(t, to: out) }
            out.append(comma)
        }
        out.append(procedureCodes[d.procedure])
        out.append(comma)
        out.append(procedureFields[d.procedure])
        out.append(comma)
        out.append(decimal: Int(d.status))
        out.append(comma)
        out.append(48 + d.channel)
        out.append(comma)
        appendLevelAndFlags(d, to: out)
        out.append(exportNotesCSV[ExportShape.note(d, seed: seed)])
        out.append(newline)
    }
}

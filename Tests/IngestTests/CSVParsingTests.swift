import Foundation
import Ingest
import Testing

@Suite struct CSVParsingTests {
    let files = TestFiles()

    @Test func readsBOMCRLFQuotingAndIgnoresUnknownColumns() throws {
        let text =
            "\u{FEFF}TenTTHC,MaHoSo,DonViXuLy,TrangThaiHoSo,NgayTiepNhan,ChuHoSo,KenhThucHien\r\n"
            + "\"Khai sinh, kết hôn\",H1,\"UBND xã \"\"Dân Hòa\"\"\",2,20260302081500,\"Nguyễn Văn\r\nA\",2\r\n"
            + "x,H2,,4,2026-03-02T08:15:00+07:00,,1\r\n"
        let path = files.write("a.csv", text)
        let (rows, summary) = try scan([path])
        #expect(rows.count == 2)
        #expect(rows[0].id == "H1")
        #expect(rows[0].agency == "UBND xã \"Dân Hòa\"")
        #expect(rows[0].channel == 2)
        #expect(rows[0].received == "2026-03-02T08:15:00")
        #expect(rows[1].agency == nil)
        #expect(rows[1].received == "2026-03-02T08:15:00")
        #expect(summary.records == 2 && summary.rejected == 0)
    }

    @Test func columnsInAnyOrderAndEveryField() throws {
        let text = """
            XinLoi,KetQuaDienTu,HoSoCoThanhPhanSoHoa,DuocThanhToanTrucTuyen,CoPhiLePhi,ToanTrinh,MucDo,NgayTra,NgayKetThucXuLy,NgayHenTra,NgayTiepNhan,TrangThaiHoSo,KenhThucHien,DonViXuLy,MaLinhVuc,MaTTHC,MaHoSo,DanhSachHoSoBoSung
            1,1,1,2,1,1,4,05/03/2026 09:00:00,2026-03-04 10:00,20260305170000,02/03/2026,10,3,U,LV,1.001193,H9,20260302090000/20260303090000;20260304080000/

            """
        let (rows, _) = try scan([files.write("b.csv", text)])
        let r = try #require(rows.first)
        #expect(r.id == "H9" && r.procedure == "1.001193" && r.agency == "U")
        #expect(r.channel == 3 && r.status == 10 && r.level == 4)
        #expect(r.received == "2026-03-02T00:00:00")
        #expect(r.due == "2026-03-05T17:00:00")
        #expect(r.processingEnd == "2026-03-04T10:00:00")
        #expect(r.returned == "2026-03-05T09:00:00")
        #expect(r.fullOnline == true && r.feeBearing == true && r.paidOnline == 2)
        #expect(r.digitized == true && r.electronicResult == true && r.apology == true)
        #expect(r.pauses == ["2026-03-02T09:00:00/2026-03-03T09:00:00", "2026-03-04T08:00:00/"])
    }

    @Test func emptyFieldsAreAbsent() throws {
        let text = "MaHoSo,TrangThaiHoSo,NgayTiepNhan,NgayHenTra,KenhThucHien,CoPhiLePhi\nH1,2,20260302081500,,,\n"
        let (rows, _) = try scan([files.write("c.csv", text)])
        #expect(rows[0].due == nil && rows[0].channel == 0 && rows[0].feeBearing == nil)
    }

    @Test func tabSeparatedAndLastLineWithoutNewline() throws {
        let text = "MaHoSo\tTrangThaiHoSo\tNgayTiepNhan\tDonViXuLy\nH1\t2\t20260302081500\tA, B\nH2\t1\t\t\"q\tx\""
        let (rows, _) = try scan([files.write("d.tsv", text)])
        #expect(rows.map(\.id) == ["H1", "H2"])
        #expect(rows[0].agency == "A, B")
        #expect(rows[1].agency == "q\tx")
    }

    @Test func severalFilesAreOneLog() throws {
        let a = files.write("e1.csv", "MaHoSo,TrangThaiHoSo\nA,1\nB,3\n")
        let b = files.write("e2.csv", "TrangThaiHoSo,MaHoSo\n1,C\n")
        let (rows, summary) = try scan([a, b])
        #expect(rows.map(\.id) == ["A", "B", "C"])
        #expect(summary.files.map(\.records) == [2, 1])
        #expect(summary.records == 3)
    }

    @Test func jsonlWithNestedListsAndEscapes() throws {
        let text = #"""
            {"MaHoSo":"J1","TrangThaiHoSo":"9","KenhThucHien":2,"DonViXuLy":"UBND x\u00e3 \"A\"","NgayTiepNhan":"20260302081500","NgayKetThucXuLy":"20260303100000","DanhSachHoSoBoSung":[{"NgayBoSung":"20260302100000","NgayTiepNhanBoSung":"20260302150000","TrangThaiBoSung":1}],"DanhSachLePhi":[{"TenPhiLePhi":"Lệ phí","Gia":0},{"Gia":"0"}],"TaiLieuNop":[{"DuocSoHoa":0},{"DuocSoHoa":1}],"QuaTrinhXuLy":[{"NoiDungXuLy":"x, {y}","TrangThai":[1,2]}],"Extra":null}
            {"MaHoSo":"J2","TrangThaiHoSo":2,"NgayTiepNhan":"2026-03-02T01:15:00Z","CoPhiLePhi":0,"DanhSachLePhi":[{"Gia":20000}],"MucDo":4,"ToanTrinh":true}

            """#
        let (rows, _) = try scan([files.write("f.jsonl", text)])
        #expect(rows.count == 2)
        #expect(rows[0].agency == "UBND xã \"A\"")
        #expect(rows[0].pauses == ["2026-03-02T10:00:00/2026-03-02T15:00:00"])
        #expect(rows[0].feeBearing == false)  // all fee amounts are 0
        #expect(rows[0].digitized == true)
        #expect(rows[1].received == "2026-03-02T08:15:00")
        #expect(rows[1].feeBearing == false)  // an explicit CoPhiLePhi wins over positive amounts
        #expect(rows[1].fullOnline == true && rows[1].level == 4)
    }

    @Test func standardInputIsReadAsAPipe() throws {
        // A FIFO behaves as standard input does: no size, read in order.
        let fifo = files.directory.appendingPathComponent("pipe.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let writer = Thread {
            let handle = FileHandle(forWritingAtPath: fifo)!
            handle.write(Data("MaHoSo,TrangThaiHoSo\nP1,1\nP2,3\n".utf8))
            handle.closeFile()
        }
        writer.start()
        let (rows, _) = try scan([fifo])
        #expect(rows.map(\.id) == ["P1", "P2"])
    }
}

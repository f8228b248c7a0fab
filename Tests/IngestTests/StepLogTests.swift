import CivilTime
import Ingest
import Records
import Testing

@Suite struct StepLogTests {
    static let header =
        "MaHoSo,ThoiDiemXuLy,NgayBatDau,NgayKetThucTheoQuyDinh,TrangThai,PhongBanXuLy,NguoiXuLy,ChucDanh,NoiDungXuLy\n"

    @Test func foldsRowsFromTwoFilesInTimeOrder() throws {
        let files = TestFiles()
        let a = files.write(
            "a.csv",
            Self.header + "H2,20240105090000,,,4,Phòng TN,B,Chuyên viên,Thẩm định\n"
                + "H1,20240103080000,,,2,Một cửa,A,Cán bộ,Tiếp nhận\n")
        let b = files.write(
            "b.csv",
            Self.header + "H2,20240104080000,,,2,Một cửa,A,Cán bộ,Tiếp nhận\n"
                + "H1,20240110160000,,,9,Phòng TN,B,Chuyên viên,Xong\n")
        let folded = try StepLog.histories(files: [a, b], options: StepLogOptions())
        #expect(folded.histories.map(\.id) == ["H1", "H2"])
        #expect(folded.histories[0].steps.map(\.status) == [.received, .finished])
        #expect(folded.histories[1].steps.map(\.status) == [.received, .processing])
        #expect(folded.histories[0].steps.map(\.file) == [0, 1])
        #expect(folded.histories[0].steps.map(\.line) == [3, 3])
        let dept = folded.histories[1].steps[1].department
        #expect(folded.names.departments[Int(dept)] == "Phòng TN")
        #expect(folded.histories[0].facts.end == Timestamp(year: 2024, month: 1, day: 10, hour: 16))
    }
}

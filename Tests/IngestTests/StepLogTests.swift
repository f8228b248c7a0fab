import CivilTime
import Foundation
import Ingest
import Records
import Testing

@Suite struct StepLogTests {
    let files = TestFiles()
    static let header =
        "MaHoSo,ThoiDiemXuLy,NgayBatDau,NgayKetThucTheoQuyDinh,TrangThai,PhongBanXuLy,NguoiXuLy,ChucDanh,NoiDungXuLy\n"

    static func options(skipInvalid: Bool = false, rejects: String? = nil) -> StepLogOptions {
        var options = StepLogOptions()
        options.scan.workers = 2
        options.scan.skipInvalid = skipInvalid
        options.scan.rejectsPath = rejects
        return options
    }

    @Test func foldsRowsFromTwoFilesInTimeOrder() throws {
        let a = files.write(
            "a.csv",
            Self.header + "H2,20240105090000,20240104080000,20240110170000,4,Phòng TN,B,Chuyên viên,Thẩm định\n"
                + "H1,20240103080000,,,2,Một cửa,A,Cán bộ,Tiếp nhận\n")
        let b = files.write(
            "b.csv",
            Self.header + "H2,20240104080000,,,2,Một cửa,A,Cán bộ,Tiếp nhận\n"
                + "H1,20240110160000,,,9,Phòng TN,B,Chuyên viên,Xong\n")
        let folded = try StepLog.histories(files: [a, b], options: Self.options())
        #expect(folded.histories.map(\.id) == ["H1", "H2"])
        #expect(folded.histories[0].steps.map(\.status) == [.received, .finished])
        #expect(folded.histories[1].steps.map(\.status) == [.received, .processing])
        #expect(folded.histories[0].steps.map(\.file) == [0, 1])
        #expect(folded.histories[0].steps.map(\.line) == [3, 3])
        let step = folded.histories[1].steps[1]
        #expect(folded.names.departments[Int(step.department)] == "Phòng TN")
        #expect(folded.names.handlers[Int(step.handler)] == "B")
        #expect(folded.names.titles[Int(step.title)] == "Chuyên viên")
        #expect(folded.names.contents[Int(step.content)] == "Thẩm định")
        #expect(step.start == Timestamp(year: 2024, month: 1, day: 4, hour: 8))
        #expect(step.plannedEnd == Timestamp(year: 2024, month: 1, day: 10, hour: 17))
        #expect(folded.histories[0].facts.end == Timestamp(year: 2024, month: 1, day: 10, hour: 16))
        #expect(folded.summary.steps == 4 && folded.summary.dossiers == 2)
    }

    @Test func vietnameseHeadersAndTheOptionalColumns() throws {
        let path = files.write(
            "vi.csv",
            "Mã hồ sơ;Thời điểm xử lý;Trạng thái;Phòng ban xử lý;Người xử lý;Mã TTHC;Đơn vị xử lý;Kênh thực hiện\n"
                + "H1;2024-01-03T08:00:00;2;Một cửa;A;1.001;UBND xã;2\n")
        let folded = try StepLog.histories(files: [path], options: Self.options())
        #expect(folded.histories.count == 1)
        let history = folded.histories[0]
        #expect(history.procedure == "1.001" && history.agency == "UBND xã" && history.channel == 2)
        #expect(history.steps.map(\.status) == [.received])
    }

    @Test func aStepLogWithoutTimeSaysWhichColumnIsMissing() throws {
        let path = files.write("no-time.csv", "MaHoSo,TrangThai\nH1,2\n")
        #expect {
            _ = try StepLog.histories(files: [path], options: Self.options())
        } throws: { error in
            guard let error = error as? IngestError, case .missingRequiredColumn(let missing) = error.rule else {
                return false
            }
            return missing.field == .stepTime && error.file == path
        }
    }

    @Test func anUnknownStatusIsABadRowWithItsPlace() throws {
        let path = files.write("bad.csv", Self.header + "H1,20240103080000,,,2,,,,\nH1,20240104080000,,,12,,,,\n")
        do {
            _ = try StepLog.histories(files: [path], options: Self.options())
            Issue.record("an unknown status must stop the fold")
        } catch let error as IngestError {
            #expect(error.file == path && error.line == 3 && error.column == 21 && error.field == "TrangThai")
            guard case .unknownStepStatus = error.rule else {
                Issue.record("rule \(error.rule)")
                return
            }
            #expect(error.description.contains("--status-map"))
        }
        let rejects = files.path("rejects.txt")
        let folded = try StepLog.histories(files: [path], options: Self.options(skipInvalid: true, rejects: rejects))
        #expect(folded.summary.input.rejected == 1 && folded.summary.steps == 1)
        let text = try String(contentsOfFile: rejects, encoding: .utf8)
        #expect(text.hasPrefix("# \(path):3:21: field TrangThai: unknown step status"))
        #expect(text.contains("H1,20240104080000,,,12,,,,\n"))
    }

    @Test func aSystemsOwnCodesThroughTheStatusMap() throws {
        let map = try StepStatusMap.read(
            csv: Array("code,status\nTN,2\nXL,4\nBS,5\nHT,9\n".utf8), name: "map.csv")
        let path = files.write(
            "own.csv",
            Self.header + "H1,20240103080000,,,TN,,,,\nH1,20240104080000,,,BS,,,,\nH1,20240105080000,,,XL,,,,\n"
                + "H1,20240106080000,,,HT,,,,\n")
        var options = Self.options()
        options.scan.stepStatuses = map
        let folded = try StepLog.histories(files: [path], options: options)
        let facts = folded.histories[0].facts
        #expect(folded.histories[0].steps.map(\.status) == [.received, .waitingForSupplement, .processing, .finished])
        #expect(
            facts.pauses == [
                PauseInterval(
                    start: Timestamp(year: 2024, month: 1, day: 4, hour: 8),
                    end: Timestamp(year: 2024, month: 1, day: 5, hour: 8))
            ])
        // With the map, the DVCQG digits are unknown codes.
        let digits = files.write("digits.csv", Self.header + "H1,20240103080000,,,2,,,,\n")
        #expect(throws: IngestError.self) { _ = try StepLog.histories(files: [digits], options: options) }
    }

    @Test func theShippedExampleMapsEveryStatus() throws {
        let path = String(#filePath).replacingOccurrences(
            of: "Tests/IngestTests/StepLogTests.swift", with: "Datasets/steps/status-map-example.csv")
        let map = try StepStatusMap.read(contentsOfFile: path)
        #expect(Set(map.pairs.map(\.status)) == Set(DossierStatus.allCases))
        #expect(map.pairs.first { $0.code == "CHO_BO_SUNG" }?.status == .waitingForSupplement)
    }

    @Test func statusMapErrorsNameTheLine() throws {
        #expect {
            _ = try StepStatusMap.read(csv: Array("code,status\nTN,2\nTN,4\n".utf8), name: "m.csv")
        } throws: { ($0 as? DataFileError)?.line == 3 }
        #expect {
            _ = try StepStatusMap.read(csv: Array("code,status\nTN,11\n".utf8), name: "m.csv")
        } throws: { ($0 as? DataFileError).map { $0.line == 2 && $0.column == 4 } ?? false }
        #expect {
            _ = try StepStatusMap.read(csv: Array("code,trangthai\nTN,2\n".utf8), name: "m.csv")
        } throws: { ($0 as? DataFileError)?.line == 1 }
    }

    @Test func contradictoryHistoriesAreBadInputWithDossierFileAndLine() throws {
        let text =
            Self.header
            + "OK,20240103080000,,,2,,,,\n"  // 2
            + "NR,20240103080000,,,4,,,,\n"  // 3: processing, never received
            + "FB,20240103080000,,,9,,,,\n"  // 4: finished before it was received
            + "FB,20240104080000,,,2,,,,\n"  // 5
            + "AE,20240103080000,,,2,,,,\n"  // 6
            + "AE,20240104080000,,,10,,,,\n"  // 7: ended
            + "AE,20240105080000,,,4,,,,\n"  // 8: a step after the end
            + "OK,20240104080000,,,9,,,,\n"  // 9
            + "NEW,20240104080000,,,1,,,,\n"  // 10: never received, and fine
        let path = files.write("contradictions.csv", text)
        do {
            _ = try StepLog.histories(files: [path], options: Self.options())
            Issue.record("a contradiction must stop the fold")
        } catch let error as IngestError {
            #expect(error.file == path && error.line == 3 && error.text == "NR" && error.field == "MaHoSo")
            #expect(error.rule == .contradictoryHistory(.noReceivedStep))
        }
        let rejects = files.path("rejects.txt")
        let folded = try StepLog.histories(files: [path], options: Self.options(skipInvalid: true, rejects: rejects))
        #expect(folded.histories.map(\.id) == ["NEW", "OK"])
        #expect(folded.summary.contradictory == 3)
        let comments = try String(contentsOfFile: rejects, encoding: .utf8).split(separator: "\n")
            .filter { $0.hasPrefix("# ") }
        #expect(comments.count == 3)
        #expect(comments[0].hasPrefix("# \(path):3:"))
        #expect(comments[1].hasPrefix("# \(path):4:") && comments[1].contains("finished step"))
        #expect(comments[2].hasPrefix("# \(path):8:") && comments[2].contains("TrangThai 4 after"))
    }

    @Test func firstContradictionRules() {
        func history(_ statuses: [UInt8]) -> DossierHistory {
            DossierHistory(
                id: "H",
                steps: statuses.enumerated().map {
                    ProcessStep(
                        time: Timestamp(seconds: Int64($0.offset)), status: DossierStatus(rawValue: $0.element)!,
                        department: 0, handler: 0, title: 0, content: 0)
                })
        }
        #expect(StepContradiction.first(in: history([2, 4, 9, 10])) == nil)
        #expect(StepContradiction.first(in: history([1, 3])) == nil)
        #expect(StepContradiction.first(in: history([1, 2, 5, 4, 8])) == nil)
        #expect(StepContradiction.first(in: history([4, 5]))! == (.noReceivedStep, 0))
        #expect(StepContradiction.first(in: history([1, 10, 2]))! == (.finishedBeforeReceived, 1))
        #expect(StepContradiction.first(in: history([2, 9, 10, 7]))! == (.stepAfterEnd(.withdrawn), 3))
    }

    @Test func utf16StepLogsReadAsUTF8Ones() throws {
        let text = Self.header + "H1,20240103080000,,,2,Bộ phận Một cửa,Nguyễn Văn Ấn,,Tiếp nhận\n"
        let utf8 = try StepLog.histories(files: [files.write("u8.csv", text)], options: Self.options())
        var le: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { le += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        var be: [UInt8] = []
        for unit in text.utf16 { be += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        let fromLE = try StepLog.histories(files: [files.write("le.csv", bytes: le)], options: Self.options())
        var options = Self.options()
        options.scan.encoding = TextEncoding(named: "utf-16be")
        let fromBE = try StepLog.histories(files: [files.write("be.csv", bytes: be)], options: options)
        for folded in [fromLE, fromBE] {
            #expect(folded.names.departments == utf8.names.departments)
            #expect(folded.names.handlers == utf8.names.handlers)
            #expect(folded.histories.map(\.steps) == utf8.histories.map(\.steps))
        }
        #expect(utf8.names.handlers.contains("Nguyễn Văn Ấn"))
    }

    @Test func jsonlDossiersCarryTheirStepsAndStepRowsMayBeJSONLToo() throws {
        let dossiers = files.write(
            "d.jsonl",
            #"{"MaHoSo":"J1","TrangThaiHoSo":9,"NgayTiepNhan":"20240103080000","QuaTrinhXuLy":[{"ThoiDiemXuLy":"20240105080000","TrangThai":9,"PhongBanXuLy":"Phòng \"A\"","NoiDungXuLy":"Xong","Khac":[1,{"x":2}]},{"ThoiDiemXuLy":"20240103080000","TrangThai":"2","NguoiXuLy":"B"}]}"#
                + "\n" + #"{"MaHoSo":"J2","QuaTrinhXuLy":[]}"# + "\n")
        let rows = files.write(
            "s.jsonl", #"{"MaHoSo":"J2","ThoiDiemXuLy":"2024-01-04T09:00:00","TrangThai":2,"ChucDanh":"CV"}"# + "\n")
        let folded = try StepLog.histories(files: [dossiers, rows], options: Self.options())
        #expect(folded.histories.map(\.id) == ["J1", "J2"])
        let j1 = folded.histories[0]
        #expect(j1.steps.map(\.status) == [.received, .finished])
        #expect(j1.steps.map(\.line) == [1, 1])
        #expect(folded.names.departments[Int(j1.steps[1].department)] == "Phòng \"A\"")
        #expect(folded.names.handlers[Int(j1.steps[0].handler)] == "B")
        #expect(folded.histories[1].steps.map(\.file) == [1])
        #expect(folded.names.titles[Int(folded.histories[1].steps[0].title)] == "CV")
        // A step item without its time is a bad record, placed at the item.
        let bad = files.write("bad.jsonl", #"{"MaHoSo":"J3","QuaTrinhXuLy":[{"TrangThai":2}]}"# + "\n")
        #expect {
            _ = try StepLog.histories(files: [bad], options: Self.options())
        } throws: { error in
            guard let error = error as? IngestError else { return false }
            return error.line == 1 && error.column == 32 && error.field == "ThoiDiemXuLy"
        }
    }

    @Test func aDossierLogStillSkipsStepsAndStepNamedColumns() throws {
        // Read as dossiers, a broken QuaTrinhXuLy and a step-named column change nothing.
        let jsonl = files.write(
            "d.jsonl",
            #"{"MaHoSo":"J1","TrangThaiHoSo":1,"QuaTrinhXuLy":[{"TrangThai":[1,2]}],"ThoiDiemXuLy":"x"}"# + "\n")
        let csv = files.write("d.csv", "MaHoSo,TrangThai,Thời gian xử lý\nH1,1,3 ngày\n")
        var rows = 0
        struct Count: RecordConsumer {
            var n = 0
            mutating func consume(_ record: inout DossierRecord) { n += 1 }
            mutating func merge(_ later: consuming Count) { n += later.n }
        }
        for path in [jsonl, csv] {
            let (count, _) = try LogScanner.scan(files: [path], options: ScanOptions()) { Count() }
            rows += count.n
        }
        #expect(rows == 2)
    }
}

@Suite struct HistoryFactsTests {
    static func at(_ hour: Int) -> Timestamp { Timestamp(year: 2024, month: 1, day: 3, hour: hour) }

    static func history(_ steps: [(hour: Int, status: DossierStatus)]) -> DossierHistory {
        DossierHistory(
            id: "H",
            steps: steps.map {
                ProcessStep(time: at($0.hour), status: $0.status, department: 0, handler: 0, title: 0, content: 0)
            })
    }

    @Test func receivedPausesEndAndStatus() {
        let facts = Self.history([
            (7, .new), (8, .received), (9, .received), (10, .waitingForSupplement), (11, .waitingForSupplement),
            (12, .processing), (13, .waitingForSupplement), (14, .processing), (15, .finished), (16, .returned),
        ]).facts
        #expect(facts.received == Self.at(8))
        #expect(
            facts.pauses == [
                PauseInterval(start: Self.at(10), end: Self.at(12)),
                PauseInterval(start: Self.at(13), end: Self.at(14)),
            ])
        #expect(facts.end == Self.at(15))
        #expect(facts.status == .returned)
    }

    @Test func anOpenPauseAndNoEnd() {
        let facts = Self.history([(8, .received), (9, .processing), (10, .waitingForSupplement)]).facts
        #expect(facts.pauses == [PauseInterval(start: Self.at(10), end: nil)])
        #expect(facts.end == nil && facts.status == .waitingForSupplement)
        let empty = DossierHistory(id: "E", steps: []).facts
        #expect(empty.received == nil && empty.pauses.isEmpty && empty.end == nil && empty.status == nil)
    }
}

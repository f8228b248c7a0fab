import CivilTime
import Records
import Testing

@testable import Ingest

/// The clean path's plan stores what `FieldDecoder` stores: for every field of each class, a
/// value written at the plan's offset (a code through its table) gives the record that
/// FieldDecoder's own assignment gives.
@Suite struct CleanColumnPlanTests {
    static func store(_ plan: CleanColumnPlan, _ write: (UnsafeMutableRawPointer, CleanColumnPlan.Column) -> Void)
        -> String
    {
        var record = DossierRecord()
        withUnsafeMutableBytes(of: &record) { write($0.baseAddress!, plan.columns[0]) }
        return String(describing: record)
    }

    @Test(arguments: DossierField.allCases.filter { CleanColumnPlan.kind(of: $0) == .code })
    func codeTablesFollowAssignCode(field: DossierField) {
        let plan = CleanColumnPlan(columnFields: [field], delimiter: 0x2C)
        defer { plan.deallocate() }
        #expect(plan.columns[0].kind == .code)
        var accepted = 0
        for v in 0..<CleanColumnPlan.codeValues {
            var expected = DossierRecord()
            let valid = FieldDecoder.assignCode(field, v, to: &expected)
            let stored = plan.columns[0].codes![v]
            #expect(valid == (stored >= 0), "\(field) \(v)")
            guard valid else { continue }
            accepted += 1
            let got = Self.store(plan) { raw, column in
                if column.width == 1 {
                    raw.storeBytes(of: UInt8(truncatingIfNeeded: stored), toByteOffset: column.offset, as: UInt8.self)
                } else {
                    raw.storeBytes(of: UInt16(truncatingIfNeeded: stored), toByteOffset: column.offset, as: UInt16.self)
                }
            }
            #expect(got == String(describing: expected), "\(field) \(v)")
        }
        // Every code field takes a few values and refuses the rest.
        #expect(accepted >= 2 && accepted <= 10)
    }

    @Test(arguments: DossierField.allCases.filter { CleanColumnPlan.kind(of: $0) == .text })
    func textOffsetsFollowAssignText(field: DossierField) {
        let plan = CleanColumnPlan(columnFields: [field], delimiter: 0x2C)
        defer { plan.deallocate() }
        let bytes: [UInt8] = Array("Phòng".utf8)
        bytes.withUnsafeBytes { value in
            var expected = DossierRecord()
            #expect(FieldDecoder.assignText(field, value, to: &expected))
            let got = Self.store(plan) { raw, column in
                raw.storeBytes(of: value, toByteOffset: column.offset, as: UnsafeRawBufferPointer.self)
            }
            #expect(got == String(describing: expected))
        }
    }

    @Test(arguments: DossierField.allCases.filter { CleanColumnPlan.kind(of: $0) == .timestamp })
    func timestampOffsetsFollowAssignTimestamp(field: DossierField) {
        let plan = CleanColumnPlan(columnFields: [field], delimiter: 0x2C)
        defer { plan.deallocate() }
        let t = Timestamp(seconds: 1_772_438_400)
        var expected = DossierRecord()
        FieldDecoder.assignTimestamp(field, t, to: &expected)
        let got = Self.store(plan) { raw, column in
            raw.storeBytes(of: Optional(t), toByteOffset: column.offset, as: Timestamp?.self)
        }
        #expect(got == String(describing: expected))
    }

    /// A run takes the code columns whose tables accept one digit only (not the status, which
    /// has 10), and stops before the header's last column.
    @Test func runs() {
        let header: [DossierField?] = [.status, .channel, .level, nil, .fullOnline, .paidOnline, .apology, .digitized]
        let plan = CleanColumnPlan(columnFields: header, delimiter: 0x2C)
        defer { plan.deallocate() }
        #expect((0..<header.count).map { plan.columns[$0].run } == [0, 2, 1, 0, 3, 2, 1, 0])
        #expect(plan.columns[4].runMask == (0xFFFF_FFFF_FFFF, 0))
    }

    /// The export's run (channel to apology) packs its tail: level to apology lie side by side
    /// in the record, in column order, over eight bytes (the paid-online code two of them).
    /// The shifts are the fields' places in `DossierRecord`, checked against `MemoryLayout`.
    @Test func exportRunPacksItsTail() {
        let header: [DossierField?] = [
            .id, .status, .channel, .level, .fullOnline, .feeBearing, .paidOnline, .digitized, .electronicResult,
            .apology, nil,
        ]
        let plan = CleanColumnPlan(columnFields: header, delimiter: 0x2C)
        defer { plan.deallocate() }
        #expect(plan.columns[2].run == CleanColumnPlan.maxRun)
        #expect((0..<header.count).map { plan.columns[$0].packsTail } == (0..<header.count).map { $0 == 2 })
        let base = MemoryLayout<DossierRecord>.offset(of: \.level)!
        let fields: [PartialKeyPath<DossierRecord>] = [
            \.level, \.fullOnline, \.feeBearing, \.paidOnline, \.digitized, \.electronicResult, \.apology,
        ]
        #expect(
            (3..<10).map { Int(plan.columns[$0].shift) } == fields.map { 8 * (MemoryLayout.offset(of: $0)! - base) })
    }

    /// A run whose columns are not in the record's order, or one that a two-digit column breaks,
    /// is stored column by column.
    @Test func unprovenRunsDoNotPack() {
        let unordered: [DossierField?] = [
            .channel, .level, .digitized, .feeBearing, .paidOnline, .fullOnline, .electronicResult, .apology, nil,
        ]
        let broken: [DossierField?] = [
            .channel, .level, .fullOnline, .status, .feeBearing, .paidOnline, .digitized, .electronicResult,
            .apology, nil,
        ]
        for header in [unordered, broken] {
            let plan = CleanColumnPlan(columnFields: header, delimiter: 0x2C)
            defer { plan.deallocate() }
            #expect((0..<header.count).allSatisfy { !plan.columns[$0].packsTail })
        }
        let plan = CleanColumnPlan(columnFields: unordered, delimiter: 0x2C)
        defer { plan.deallocate() }
        #expect(plan.columns[0].run == CleanColumnPlan.maxRun)
    }

    /// Each time column counts the time columns from it to the next column of another class or
    /// the header's end; the column past the last is of kind `end`.
    @Test func timeRunsAndEnd() {
        let header: [DossierField?] = [.received, .due, .id, .processingEnd, nil, .returned, .due, .received]
        let plan = CleanColumnPlan(columnFields: header, delimiter: 0x2C)
        defer { plan.deallocate() }
        #expect((0..<header.count).map { plan.columns[$0].times } == [2, 1, 0, 1, 0, 3, 2, 1])
        #expect(
            (0..<header.count).map { plan.columns[$0].isLast } == [
                false, false, false, false, false, false, false, true,
            ])
        #expect(plan.columns[header.count].kind == .end)
    }

    /// Each class has the fields the clean path reads that way; the rest have their own decoders.
    @Test func classes() {
        let kinds = Dictionary(grouping: DossierField.allCases, by: CleanColumnPlan.kind(of:))
        #expect(kinds[.code]?.count == 9)
        #expect(kinds[.timestamp] == [.received, .due, .processingEnd, .returned])
        #expect(kinds[.text] == [.id, .procedure, .field, .agency, .procedureName, .owner])
        #expect(kinds[.other]?.contains(.supplements) == true && kinds[.other]?.contains(.refused) == true)
    }
}

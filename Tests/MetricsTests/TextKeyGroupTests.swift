import CivilTime
import Metrics
import Records
import TestSupport
import Testing

@testable import Engine
@testable import Ingest

/// Groups found by the text keys of the clean path (`DossierRecord.agencyKey`, ...) must be the
/// groups found by the bytes: the same records fed with keys, without keys, and with keys of two
/// tables mixed give the same totals, groups and keys.
@Suite struct TextKeyGroupTests {
    static let agencies = ["UBND xã Dân Hòa", "Công an xã", "UBND xa\u{0300} Dân Ho\u{0300}a", "A", "Phòng Kinh tế"]
    static let procedures = ["1.001193", "2.000815", "Thủ tục một", "9"]
    static let fields = ["HoTich", "Đất đai", "X"]

    struct Row {
        var agency: [UInt8]
        var procedure: [UInt8]
        var field: [UInt8]
        var day: Int
        var status: DossierStatus
    }

    /// Feeds every row to a fresh accumulator; `keys` picks each row's table (nil: no keys).
    static func accumulate(_ rows: [Row], by dimensions: [GroupDimension], keys: (Int) -> TextKeyTable?)
        -> KPIAccumulator
    {
        var options = ReportOptions()
        options.dimensions = dimensions
        options.asOf = Timestamp(seconds: Int64(CivilDate.dayNumber(year: 2026, month: 7, day: 1)) * 86_400)
        var accumulator = KPIAccumulator(setup: AccumulatorSetup(options: options))
        for (i, row) in rows.enumerated() {
            row.agency.withUnsafeBytes { agency in
                row.procedure.withUnsafeBytes { procedure in
                    row.field.withUnsafeBytes { field in
                        var record = DossierRecord()
                        record.agency = agency
                        record.procedure = procedure
                        record.field = field
                        record.status = row.status
                        record.received = Timestamp(seconds: Int64(row.day) * 86_400 + 9 * 3600)
                        if let table = keys(i) {
                            record.textKeyTag = table.tag
                            record.agencyKey = agency.count > 0 ? table.key(of: agency) : -1
                            record.procedureKey = procedure.count > 0 ? table.key(of: procedure) : -1
                            record.fieldKey = field.count > 0 ? table.key(of: field) : -1
                        }
                        accumulator.consume(&record)
                    }
                }
            }
        }
        return accumulator
    }

    @Test(arguments: [1 as UInt64, 2, 3])
    func keyedAndUnkeyedRecordsGiveTheSameGroups(seed: UInt64) {
        var rng = SplitMix(seed: seed)
        let first = CivilDate.dayNumber(year: 2026, month: 1, day: 1)
        let rows = (0..<3000).map { _ in
            Row(
                agency: rng.below(20) == 0 ? [] : Array(Self.agencies[rng.below(Self.agencies.count)].utf8),
                procedure: Array(Self.procedures[rng.below(Self.procedures.count)].utf8),
                field: rng.below(10) == 0 ? [] : Array(Self.fields[rng.below(Self.fields.count)].utf8),
                day: first + rng.below(400), status: [.received, .processing, .withdrawn, .notAccepted][rng.below(4)])
        }
        let a = TextKeyTable()
        let b = TextKeyTable()
        defer {
            a.deallocate()
            b.deallocate()
        }
        let mixed = (0..<rows.count).map { _ in rng.below(3) }
        for dimensions: [GroupDimension] in [[.agency], [.month, .agency], [.procedure, .field, .week], [.day]] {
            let plain = Self.accumulate(rows, by: dimensions, keys: { _ in nil })
            for keyed in [
                Self.accumulate(rows, by: dimensions, keys: { _ in a }),
                Self.accumulate(rows, by: dimensions, keys: { mixed[$0] == 0 ? nil : mixed[$0] == 1 ? a : b }),
            ] {
                #expect(keyed.totals == plain.totals, "\(dimensions)")
                var merged = KPIAccumulator(setup: keyed.setup)
                merged.merge(keyed)
                var reference = KPIAccumulator(setup: plain.setup)
                reference.merge(plain)
                #expect(merged.groupKeys == reference.groupKeys, "\(dimensions)")
                #expect(merged.groups == reference.groups, "\(dimensions)")
                #expect(merged.groups.count > 4, "\(dimensions)")
            }
        }
    }
}

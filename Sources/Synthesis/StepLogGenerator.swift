/// Writes the step log (`QuaTrinhXuLy` rows, CSV) of the dossier log that `DossierLogGenerator`
/// writes with the same options: the same dossiers (each once, in its final state), their
/// received time, supplement pauses, end and status told by their steps (`SyntheticSteps`).
/// Within a block the rows are in time order, so one dossier's rows lie apart, as in a real
/// log; the bytes depend only on the options, never on the number of workers.
public enum StepLogGenerator {
    public static let columns = [
        "MaHoSo", "MaTTHC", "DonViXuLy", "KenhThucHien", "ThoiDiemXuLy", "NgayBatDau", "NgayKetThucTheoQuyDinh",
        "TrangThai", "PhongBanXuLy", "NguoiXuLy", "ChucDanh", "NoiDungXuLy",
    ]

    @discardableResult
    public static func generate(
        _ options: SynthesisOptions, write: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> SynthesisSummary {
        precondition(options.dossiers >= 0 && options.blockSize > 0 && options.workers > 0)
        let plan = SynthesisPlan(options)
        let encoder = DossierEncoder(options: options)
        let text = StepText(options: options)
        let header = Array((columns.joined(separator: ",") + "\n").utf8)
        return try DossierLogGenerator.writeBlocks(
            options, header: header, slotCapacity: options.blockSize * 8 * 200,
            fill: { block, slot in fill(block: block, plan: plan, encoder: encoder, text: text, slot: slot) },
            write: write)
    }

    /// The whole log in memory (tests, small samples).
    public static func generate(_ options: SynthesisOptions) -> (bytes: [UInt8], summary: SynthesisSummary) {
        var bytes: [UInt8] = []
        let summary = try! generate(options) { bytes.append(contentsOf: $0) }
        return (bytes, summary)
    }

    /// Names pre-encoded once as CSV fields.
    struct StepText: Sendable {
        let departments: [[UInt8]]
        let titles: [[UInt8]]
        let contents: [[UInt8]]
        /// Per department, its four handlers.
        let handlers: [[[UInt8]]]

        init(options: SynthesisOptions) {
            departments = SyntheticSteps.departments.map { DossierEncoder.csvField($0) }
            titles = SyntheticSteps.titles.map { DossierEncoder.csvField($0) }
            contents = SyntheticSteps.contents.map { DossierEncoder.csvField($0) }
            handlers = SyntheticSteps.departments.indices.map { department in
                (0..<4).map { DossierEncoder.csvField(SyntheticOwners.owner(seed: 0x6361_6e62_6f, serial: department * 4 + $0 + 1)) }
            }
        }
    }

    static func fill(
        block: Int, plan: SynthesisPlan, encoder: DossierEncoder, text: StepText,
        slot: DossierLogGenerator.BlockSlot
    ) {
        slot.buffer.removeAll()
        slot.rows = 0
        // Each dossier once, in its final state (a repeated row of the dossier log is its
        // earlier version, written before the final one).
        var finals: [Int: SyntheticDossier] = [:]
        var order: [Int] = []
        _ = DossierLogGenerator.drawBlock(block: block, plan: plan) { d in
            if finals.updateValue(d, forKey: d.serial) == nil { order.append(d.serial) }
        }
        var rows: [(time: Int64, sequence: Int, dossier: Int, step: SyntheticStep)] = []
        var steps: [SyntheticStep] = []
        for serial in order {
            SyntheticSteps.steps(of: finals[serial]!, seed: plan.options.seed, snapshot: plan.snapshot, into: &steps)
            for step in steps { rows.append((step.time, rows.count, serial, step)) }
        }
        rows.sort { ($0.time, $0.sequence) < ($1.time, $1.sequence) }
        let comma: UInt8 = 44
        for row in rows {
            let d = finals[row.dossier]!
            let step = row.step
            slot.buffer.reserve(1024)
            encoder.appendMaHoSo(d, to: slot.buffer)
            slot.buffer.append(comma)
            slot.buffer.append(encoder.procedureCodes[d.procedure])
            slot.buffer.append(comma)
            slot.buffer.append(encoder.unitNamesCSV[d.unit])
            slot.buffer.append(comma)
            slot.buffer.append(48 + d.channel)
            slot.buffer.append(comma)
            for t in [step.time, step.start, step.plannedEnd] {
                if t != SyntheticDossier.absent { encoder.appendCompact(t, to: slot.buffer) }
                slot.buffer.append(comma)
            }
            slot.buffer.append(decimal: Int(step.status))
            slot.buffer.append(comma)
            slot.buffer.append(text.departments[step.department])
            slot.buffer.append(comma)
            slot.buffer.append(text.handlers[step.department][step.handler])
            slot.buffer.append(comma)
            slot.buffer.append(text.titles[SyntheticSteps.title(ofDepartment: step.department)])
            slot.buffer.append(comma)
            slot.buffer.append(text.contents[step.content])
            slot.buffer.append(10)
            slot.rows += 1
        }
    }
}

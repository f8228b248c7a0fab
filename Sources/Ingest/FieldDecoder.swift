import CivilTime
import Records

/// Turns the bytes of one field into the record's typed value, with the same rules for every
/// encoding. Empty text means absent.
enum FieldDecoder {
    /// Strips ASCII spaces and tabs around a value.
    @inline(__always)
    static func trimmed(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        if start == 0 && end == bytes.count { return bytes }
        return UnsafeRawBufferPointer(rebasing: bytes[start..<end])
    }

    /// A small non-negative integer, nil when the text is not one.
    @inline(__always)
    static func smallInteger(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard bytes.count > 0, bytes.count <= 4 else { return nil }
        var v = 0
        for b in bytes {
            let d = Int(b) &- 48
            guard d >= 0 && d <= 9 else { return nil }
            v = v * 10 + d
        }
        return v
    }

    @inline(__always)
    static func flag(_ bytes: UnsafeRawBufferPointer) -> Bool? {
        if bytes.count == 1 {
            if bytes[0] == UInt8(ascii: "1") { return true }
            if bytes[0] == UInt8(ascii: "0") { return false }
            return nil
        }
        if bytes.count == 4, bytes[0] | 0x20 == UInt8(ascii: "t"), bytes[1] | 0x20 == UInt8(ascii: "r"),
            bytes[2] | 0x20 == UInt8(ascii: "u"), bytes[3] | 0x20 == UInt8(ascii: "e")
        {
            return true
        }
        if bytes.count == 5, bytes[0] | 0x20 == UInt8(ascii: "f"), bytes[1] | 0x20 == UInt8(ascii: "a") {
            return false
        }
        return nil
    }

    /// Assigns `raw` to `field` of `record`. Returns false when the text breaks the field's rule,
    /// `rule(for: field)`. (A plain flag, not the rule itself, keeps this hot path free of the
    /// rule's payload.)
    @inline(__always)
    static func assign(
        _ field: DossierField, _ raw: UnsafeRawBufferPointer, to record: inout DossierRecord, dates: inout DateCache
    ) -> Bool {
        let bytes = trimmed(raw)
        if bytes.count == 0 { return true }
        switch field {
        case .id, .procedure, .field, .agency, .procedureName, .owner:
            return assignText(field, bytes, to: &record)
        case .channel, .status, .level, .paidOnline:
            guard let v = smallInteger(bytes) else { return false }
            return assignCode(field, v, to: &record)
        case .received, .due, .processingEnd, .returned, .refused, .submitted:
            guard let t = dates.parse(bytes) else { return false }
            assignTimestamp(field, t, to: &record)
        case .fullOnline, .feeBearing, .digitized, .electronicResult, .apology:
            guard let v = flag(bytes) else { return false }
            return assignCode(field, v ? 1 : 0, to: &record)
        case .supplements:
            return parseSupplementList(bytes, into: &record, dates: &dates)
        case .stepTime, .stepStart, .stepPlannedEnd:
            guard let t = dates.parse(bytes) else { return false }
            assignTimestamp(field, t, to: &record)
        case .department, .handler, .handlerTitle, .stepContent:
            return assignText(field, bytes, to: &record)
        case .stepStatus:
            return assignStepStatus(bytes, to: &record.step, statuses: .dvcqg)
        case .steps:
            // A list: only JSONL has one, and its parser reads the items.
            return false
        }
        return true
    }

    /// A step's `TrangThai` through the status mapping; false for a code it lacks.
    @inline(__always)
    static func assignStepStatus(_ raw: UnsafeRawBufferPointer, to step: inout StepFields, statuses: StepStatusMap)
        -> Bool
    {
        let bytes = trimmed(raw)
        if bytes.count == 0 { return true }
        guard let status = statuses.status(bytes) else { return false }
        step.status = status
        return true
    }

    /// Assigns a trimmed, non-empty value to one of the text fields; false for any other field.
    @inline(__always)
    static func assignText(_ field: DossierField, _ bytes: UnsafeRawBufferPointer, to record: inout DossierRecord)
        -> Bool
    {
        switch field {
        case .id: record.id = bytes
        case .procedure: record.procedure = bytes
        case .field: record.field = bytes
        case .agency: record.agency = bytes
        case .procedureName: record.procedureName = bytes
        case .owner: record.owner = bytes
        case .department: record.step.department = bytes
        case .handler: record.step.handler = bytes
        case .handlerTitle: record.step.title = bytes
        case .stepContent: record.step.content = bytes
        default: return false
        }
        return true
    }

    /// Assigns a timestamp to one of the six timestamp fields.
    @inline(__always)
    static func assignTimestamp(_ field: DossierField, _ t: Timestamp, to record: inout DossierRecord) {
        switch field {
        case .received: record.received = t
        case .due: record.due = t
        case .processingEnd: record.processingEnd = t
        case .refused: record.refused = t
        case .submitted: record.submitted = t
        case .stepTime: record.step.time = t
        case .stepStart: record.step.start = t
        case .stepPlannedEnd: record.step.plannedEnd = t
        default: record.returned = t
        }
    }

    /// Assigns the numeric value of a code or flag field; false when the field does not take it.
    @inline(__always)
    static func assignCode(_ field: DossierField, _ v: Int, to record: inout DossierRecord) -> Bool {
        switch field {
        case .channel:
            guard v >= 1 && v <= 3 else { return false }
            record.channel = UInt8(v)
        case .status:
            guard let status = status(code: v) else { return false }
            record.status = status
        case .level:
            guard v >= 2 && v <= 4 else { return false }
            record.level = UInt8(v)
        case .paidOnline:
            guard v <= 2 else { return false }
            record.paidOnline = UInt8(v)
        case .fullOnline, .feeBearing, .digitized, .electronicResult, .apology:
            guard v <= 1 else { return false }
            let on = v == 1
            switch field {
            case .fullOnline: record.fullOnline = on
            case .feeBearing: record.feeBearing = on
            case .digitized: record.digitized = on
            case .electronicResult: record.electronicResult = on
            default: record.apology = on
            }
        default:
            return false
        }
        return true
    }

    /// The status of `TrangThaiHoSo` code `v`, nil outside 1-10. Its cases are declared in
    /// code order from 1, so the case is `v - 1`: no call into `Records` per record (the
    /// synthesized `init(rawValue:)` is not inlined across modules). `DossierStatusCodeTests`
    /// checks every code against `init(rawValue:)`.
    @inline(__always)
    static func status(code v: Int) -> DossierStatus? {
        guard v >= 1 && v <= 10 else { return nil }
        return unsafeBitCast(UInt8(truncatingIfNeeded: v &- 1), to: DossierStatus.self)
    }

    /// `START/END;START/END;START/` with END empty while the citizen has not answered.
    static func parseSupplementList(
        _ bytes: UnsafeRawBufferPointer, into record: inout DossierRecord, dates: inout DateCache
    ) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            var j = i
            while j < n, bytes[j] != UInt8(ascii: ";") { j += 1 }
            let item = trimmed(UnsafeRawBufferPointer(rebasing: bytes[i..<j]))
            if item.count > 0 {
                var slash = 0
                while slash < item.count, item[slash] != UInt8(ascii: "/") { slash += 1 }
                // Slashed dates (dd/MM/yyyy) are ambiguous here, so pairs use the other spellings.
                guard slash < item.count else { return false }
                let startText = trimmed(UnsafeRawBufferPointer(rebasing: item[0..<slash]))
                let endText = trimmed(UnsafeRawBufferPointer(rebasing: item[(slash + 1)...]))
                guard let start = dates.parse(startText) else { return false }
                var end: Timestamp?
                if endText.count > 0 {
                    guard let e = dates.parse(endText) else { return false }
                    end = e
                }
                record.pauses.append(PauseInterval(start: start, end: end))
            }
            i = j + 1
        }
        return true
    }

    /// The rule a value of `field` must follow.
    static func rule(for field: DossierField) -> IngestRule {
        switch field {
        case .id, .procedure, .field, .agency, .procedureName, .owner: return .missingRequiredField
        case .channel: return .badCode(expected: "KenhThucHien 1, 2 or 3")
        case .status: return .unknownStatus
        case .received, .due, .processingEnd, .returned, .refused, .submitted: return .unparseableTimestamp
        case .level: return .badCode(expected: "MucDo 2, 3 or 4")
        case .fullOnline: return .badCode(expected: "ToanTrinh 0 or 1")
        case .feeBearing: return .badCode(expected: "CoPhiLePhi 0 or 1")
        case .paidOnline: return .badCode(expected: "DuocThanhToanTrucTuyen 0, 1 or 2")
        case .digitized: return .badCode(expected: "HoSoCoThanhPhanSoHoa 0 or 1")
        case .electronicResult: return .badCode(expected: "KetQuaDienTu 0 or 1")
        case .apology: return .badCode(expected: "XinLoi 0 or 1")
        case .supplements: return .malformedSupplements
        case .stepTime, .stepStart, .stepPlannedEnd: return .unparseableTimestamp
        case .department, .handler, .handlerTitle, .stepContent: return .missingRequiredField
        case .stepStatus: return .unknownStepStatus(known: StepStatusMap.dvcqg.knownCodes)
        case .steps: return .malformedJSON("expected a list ('[') of step objects")
        }
    }

    /// Rules that involve several fields, and the UTF-8 of the text fields, checked once the
    /// record is complete.
    @inline(__always)
    static func validate(_ record: DossierRecord, hasStatus: Bool, kind: LogKind = .dossiers) -> (
        IngestRule, DossierField
    )? {
        if let field = invalidText(record) { return (.invalidUTF8, field) }
        if kind == .steps {
            if let field = invalidStepText(record.step) { return (.invalidUTF8, field) }
            return validateStepRules(record)
        }
        return validateRules(record, hasStatus: hasStatus)
    }

    /// A step row's rules: a dossier, a time and a status.
    @inline(__always)
    static func validateStepRules(_ record: DossierRecord) -> (IngestRule, DossierField)? {
        if record.id.count == 0 { return (.missingRequiredField, .id) }
        if record.step.time == nil { return (.missingRequiredField, .stepTime) }
        if record.step.status == nil { return (.missingRequiredField, .stepStatus) }
        return nil
    }

    /// The first text field of a step whose bytes are not UTF-8.
    @inline(__always)
    static func invalidStepText(_ step: StepFields) -> DossierField? {
        if UTF8Validation.firstInvalid(step.department) != nil { return .department }
        if UTF8Validation.firstInvalid(step.handler) != nil { return .handler }
        if UTF8Validation.firstInvalid(step.title) != nil { return .handlerTitle }
        if UTF8Validation.firstInvalid(step.content) != nil { return .stepContent }
        return nil
    }

    /// The rules that involve several fields, for a parser that has checked the text already.
    @inline(__always)
    static func validateRules(_ record: DossierRecord, hasStatus: Bool) -> (IngestRule, DossierField)? {
        if record.id.count == 0 { return (.missingRequiredField, .id) }
        if !hasStatus { return (.missingRequiredField, .status) }
        let status = record.status
        guard status.isReceived else { return nil }
        guard let received = record.received else { return (.missingRequiredField, .received) }
        if let end = record.end {
            if end < received {
                return (.endBeforeReceived, record.processingEnd != nil ? .processingEnd : .returned)
            }
        } else if status.isFinished {
            return (.finishedWithoutEnd, .status)
        }
        return nil
    }

    /// The first text field the engine reads whose bytes are not UTF-8: read as UTF-8, such
    /// text would come out with replacement characters, so the record is refused instead.
    @inline(__always)
    static func invalidText(_ record: DossierRecord) -> DossierField? {
        if UTF8Validation.firstInvalid(record.id) != nil { return .id }
        if UTF8Validation.firstInvalid(record.procedure) != nil { return .procedure }
        if UTF8Validation.firstInvalid(record.field) != nil { return .field }
        if UTF8Validation.firstInvalid(record.agency) != nil { return .agency }
        return nil
    }
}

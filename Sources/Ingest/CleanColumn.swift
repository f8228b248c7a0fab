/// What the clean-record path does with a column: one case per field, so a value is decoded and
/// stored after a single dispatch. Timestamps are read as `yyyyMMddHHmmss`, codes as one or two
/// digits, flags as one digit, and text is scanned to its end.
enum CleanColumn: UInt8 {
    case ignored
    case id, procedure, field, agency, supplements
    case received, due, processingEnd, returned
    case channel, status, level, paidOnline
    case fullOnline, feeBearing, digitized, electronicResult, apology

    init(_ field: DossierField?) {
        switch field {
        case nil: self = .ignored
        case .id: self = .id
        case .procedure: self = .procedure
        case .field: self = .field
        case .agency: self = .agency
        case .supplements: self = .supplements
        case .received: self = .received
        case .due: self = .due
        case .processingEnd: self = .processingEnd
        case .returned: self = .returned
        case .channel: self = .channel
        case .status: self = .status
        case .level: self = .level
        case .paidOnline: self = .paidOnline
        case .fullOnline: self = .fullOnline
        case .feeBearing: self = .feeBearing
        case .digitized: self = .digitized
        case .electronicResult: self = .electronicResult
        case .apology: self = .apology
        }
    }
}

/// The shape a column's value has in a clean export, which the CSV parser reads first, with no
/// scan for the field's end: the end is where the shape says. Anything else (spaces, quotes,
/// other spellings, out-of-range values) takes the general path, which gives the same value or
/// the same error, so the shapes change speed only.
enum ColumnShape: UInt8 {
    /// Scan for the field's end, then decode (text, pauses, ignored columns).
    case general
    /// `yyyyMMddHHmmss`.
    case compactTimestamp
    /// One or two digits (channel, status, online level, payment).
    case code
    /// One digit, 0 or 1.
    case flag

    init(_ field: DossierField?) {
        switch field {
        case .received, .due, .processingEnd, .returned: self = .compactTimestamp
        case .channel, .status, .level, .paidOnline: self = .code
        case .fullOnline, .feeBearing, .digitized, .electronicResult, .apology: self = .flag
        case .id, .procedure, .field, .agency, .supplements, nil: self = .general
        }
    }
}

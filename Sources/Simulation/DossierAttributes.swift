/// What a dossier carries besides its channel: the flags its log record shows (bits 0-4,
/// which also key the simulator's tally), whether the model gives it a supplement request, a
/// second one, a log record without a due, and whether it comes from a real log's backlog
/// (with an apology letter on record).
struct DossierAttributes: OptionSet {
    let rawValue: UInt16

    static let feeBearing = DossierAttributes(rawValue: 1)
    static let paidOnline = DossierAttributes(rawValue: 2)
    static let fullOnline = DossierAttributes(rawValue: 4)
    static let digitized = DossierAttributes(rawValue: 8)
    static let electronicResult = DossierAttributes(rawValue: 16)
    static let supplement = DossierAttributes(rawValue: 32)
    static let secondSupplement = DossierAttributes(rawValue: 64)
    static let missingDue = DossierAttributes(rawValue: 128)
    /// Taken from a real log's open dossiers: counted in the KPIs, not in the customer statistics.
    static let backlog = DossierAttributes(rawValue: 256)
    /// A backlog dossier whose log records an apology letter (`XinLoi`).
    static let apology = DossierAttributes(rawValue: 512)

    /// The flags of a log record (five bits, the tally's key).
    static let recorded: DossierAttributes = [.feeBearing, .paidOnline, .fullOnline, .digitized, .electronicResult]
    /// In the event loop's `fixedAttributes`: the attributes are drawn for each dossier.
    static let drawn = DossierAttributes(rawValue: .max)

    /// The attributes given by the draws `r1`, `r2`, `r3` (each three 21-bit uniforms).
    /// Arrival times and work contents have their own streams, so these draws never shift
    /// them between compared scenarios (common random numbers).
    @inline(__always)
    static func drawn(for proc: ProcedureFacts, channel: UInt8, _ r1: UInt64, _ r2: UInt64, _ r3: UInt64)
        -> DossierAttributes
    {
        let scale = 0x1.0p-21
        let mask: UInt64 = (1 << 21) - 1
        let uFee = Double(r1 & mask) * scale, uPay = Double((r1 >> 21) & mask) * scale
        let uFull = Double((r1 >> 42) & mask) * scale, uDigit = Double(r2 & mask) * scale
        let uResult = Double((r2 >> 21) & mask) * scale, uSupp = Double((r2 >> 42) & mask) * scale
        let uCounterPay = Double(r3 & mask) * scale, uMissingDue = Double((r3 >> 21) & mask) * scale
        let uRepeat = Double((r3 >> 42) & mask) * scale
        var attributes: DossierAttributes = []
        if uFee < proc.feeShare {
            attributes.insert(.feeBearing)
            if channel == 2 ? uPay < proc.onlinePaymentShare : uCounterPay < proc.counterPaymentShare {
                attributes.insert(.paidOnline)
            }
        }
        if channel == 2 && uFull < proc.fullOnlineShare { attributes.insert(.fullOnline) }
        if uDigit < proc.digitizedShare { attributes.insert(.digitized) }
        if uResult < proc.electronicResultShare { attributes.insert(.electronicResult) }
        if uSupp < proc.supplementProbability { attributes.insert(.supplement) }
        if uRepeat < proc.repeatProbability { attributes.insert(.secondSupplement) }
        if uMissingDue < proc.missingDueShare { attributes.insert(.missingDue) }
        return attributes
    }
}

/// One KPI at a glance: its value, the fraction behind it, and its target with the verdict.
public struct KPITile: Sendable {
    /// A stable machine name (`on_time`, `received`).
    public var key: String
    public var label: String
    /// Usually a `.rate` (its numerator and denominator are shown under it) or an `.integer`.
    public var value: DocumentCell
    public var target: TargetVerdict?
    /// A short line under the value (`median 0.56 working days`).
    public var note: String?

    /// A target as a tile shows it: `≥ 99%`, met or missed, and the gap sentence when missed.
    public struct TargetVerdict: Sendable {
        public var text: String
        /// `.good` when met, `.bad` when missed, `.muted` without data.
        public var tone: DocumentTone
        /// `Met`, `Missed`, `No data`, in the document's language.
        public var verdict: String
        public var gap: String?

        public init(text: String, tone: DocumentTone, verdict: String, gap: String? = nil) {
            self.text = text
            self.tone = tone
            self.verdict = verdict
            self.gap = gap
        }
    }

    public init(key: String, label: String, value: DocumentCell, target: TargetVerdict? = nil, note: String? = nil) {
        self.key = key
        self.label = label
        self.value = value
        self.target = target
        self.note = note
    }

    /// The fraction behind a rate tile (`numerator`, `denominator`), nil for other values.
    public var fraction: (numerator: Int, denominator: Int)? {
        if case .rate(let n, let d) = value.value { return (n, d) }
        return nil
    }
}

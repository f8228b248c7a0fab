/// Colours for a terminal: given only when standard output is a terminal and `NO_COLOR` is not
/// set (the command line decides); `.plain` writes no escape code at all.
public struct TerminalStyle: Sendable, Hashable {
    public var colours: Bool

    public init(colours: Bool) { self.colours = colours }

    public static let plain = TerminalStyle(colours: false)

    /// Bad news: a missed target, a missing apology letter.
    public func bad(_ text: String) -> String { paint(text, "31") }
    /// Good news: a met target.
    public func good(_ text: String) -> String { paint(text, "32") }
    /// A warning: met in total but not in every group.
    public func warning(_ text: String) -> String { paint(text, "33") }
    public func bold(_ text: String) -> String { paint(text, "1") }

    private func paint(_ text: String, _ code: String) -> String {
        colours && !text.isEmpty ? "\u{1B}[\(code)m" + text + "\u{1B}[0m" : text
    }
}

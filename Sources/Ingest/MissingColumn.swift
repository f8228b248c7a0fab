/// A required column the header does not name, with what the header held: enough to see why
/// and to fix it.
public struct MissingColumn: Sendable, Hashable, CustomStringConvertible {
    public var field: DossierField
    /// The header's names as read, in order.
    public var header: [String]
    /// The delimiter the header was split at.
    public var delimiter: UInt8
    /// The header names nearest to one of the field's names, nearest first (none when no name
    /// is near).
    public var closest: [String]

    public init(field: DossierField, header: [String], delimiter: UInt8, closest: [String]) {
        self.field = field
        self.header = header
        self.delimiter = delimiter
        self.closest = closest
    }

    public var description: String {
        // A step's `TrangThai` shares the dossier status's aliases.
        let aliases = HeaderAliases.names(of: field == .stepStatus ? .status : field).prefix(2).map { "'\($0)'" }
            .joined(separator: ", ")
        func quoted(_ name: String) -> String {
            "'" + Array(name.utf8).withUnsafeBytes { IngestError.shorten($0) } + "'"
        }
        let shown = header.prefix(12).map(quoted)
        var s = "missing required column (\(field.name), or an alias such as \(aliases)); the header, split at "
        s += DelimiterChoice.label(delimiter) + ", has \(header.count) column" + (header.count == 1 ? "" : "s")
        s += ": " + shown.joined(separator: ", ") + (header.count > shown.count ? ", ..." : "")
        if !closest.isEmpty {
            s += "; closest: " + closest.map(quoted).joined(separator: ", ")
        }
        return s + "; rename the column or map it with --columns FILE (see Guides/Fields.md)"
    }
}

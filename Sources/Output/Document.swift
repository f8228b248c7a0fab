/// What a command found, as a document: built once from the command's results, then rendered
/// as HTML, Markdown or an xlsx workbook without computing anything again.
///
/// A document is written in one language (`language`): its titles, headings and labels are text
/// in that language, while its figures stay typed (`DocumentCell`) so that each renderer shows
/// them by the one display rule, or stores them as numbers in a spreadsheet.
public struct Document: Sendable {
    /// The command that built it; renderers may use it for a file's class names or a sheet's order.
    public var kind: DocumentKind
    public var language: Language
    /// `Báo cáo chỉ số giải quyết TTHC`.
    public var title: String
    /// One line under the title: the period, the scope (`Quý I/2026 (15/12/2025 - 14/03/2026)`).
    public var subtitle: String?
    /// What the figures were computed from.
    public var provenance: DocumentProvenance
    public var sections: [DocumentSection]

    public init(
        kind: DocumentKind, language: Language, title: String, subtitle: String? = nil,
        provenance: DocumentProvenance, sections: [DocumentSection] = []
    ) {
        self.kind = kind
        self.language = language
        self.title = title
        self.subtitle = subtitle
        self.provenance = provenance
        self.sections = sections
    }

    /// Every table of the document, in reading order (an xlsx writer makes one sheet of each).
    public var tables: [DocumentTable] {
        sections.flatMap { section in
            section.blocks.compactMap { block in
                if case .table(let table) = block { return table }
                return nil
            }
        }
    }
}

/// The commands that build documents.
public enum DocumentKind: String, Sendable, CaseIterable {
    case report, check, today, score, audit, simulate, period, steps
}

/// A titled part of a document. Its `id` is stable across languages (`kpis`, `late_dossiers`), so
/// tests and renderers can find it whatever the language.
public struct DocumentSection: Sendable {
    public var id: String
    public var title: String
    public var blocks: [DocumentBlock]

    public init(id: String, title: String, blocks: [DocumentBlock] = []) {
        self.id = id
        self.title = title
        self.blocks = blocks
    }
}

/// One piece of a section, in reading order.
public enum DocumentBlock: Sendable {
    /// Running text (never markup: renderers escape it).
    case paragraph(String)
    /// A sentence that stands out, coloured by its tone: a verdict, a warning.
    case callout(String, tone: DocumentTone)
    /// KPI tiles in a row.
    case tiles([KPITile])
    case table(DocumentTable)
    case chart(DocumentChart)
    /// Short notes in a list (`Not computed: ...`, caveats).
    case notes([String])
}

/// Whether a figure is good or bad news: met targets are green, missed ones red.
public enum DocumentTone: String, Sendable, Hashable {
    case neutral, good, bad, warning, muted
}

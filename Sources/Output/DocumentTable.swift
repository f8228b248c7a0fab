/// A table of a document: typed columns and rows of typed cells.
///
/// `id` names it whatever the language (`units`, `late_dossiers`): a workbook's sheet, an HTML
/// anchor and the tests that compare a table with the JSON output find it by that name.
public struct DocumentTable: Sendable {
    public struct Column: Sendable, Hashable {
        /// A stable machine name (`on_time_rate`, `due`).
        public var key: String
        public var title: String

        public init(_ key: String, _ title: String) {
            self.key = key
            self.title = title
        }
    }

    public var id: String
    public var title: String
    public var columns: [Column]
    public var rows: [[DocumentCell]]
    /// Rows summing up the table (a total), shown after the others and set apart.
    public var footer: [[DocumentCell]]
    /// How many rows there were before the list was cut (`first 200 of 1,234`); nil when all are shown.
    public var totalRows: Int?
    /// A line under the table: what a column means, why rows are missing.
    public var note: String?

    public init(
        id: String, title: String, columns: [Column], rows: [[DocumentCell]] = [], footer: [[DocumentCell]] = [],
        totalRows: Int? = nil, note: String? = nil
    ) {
        self.id = id
        self.title = title
        self.columns = columns
        self.rows = rows
        self.footer = footer
        self.totalRows = totalRows
        self.note = note
    }

    /// Appends a row; it must have one cell per column.
    public mutating func add(_ row: [DocumentCell]) {
        precondition(row.count == columns.count, "a row of table \(id) needs \(columns.count) cells, got \(row.count)")
        rows.append(row)
    }

    /// Whether a column holds numbers (right-aligned): true when every non-empty cell is numeric.
    public func isNumericColumn(_ index: Int) -> Bool {
        var any = false
        for row in rows + footer {
            let cell = row[index]
            if case .empty = cell.value { continue }
            guard cell.isNumeric else { return false }
            any = true
        }
        return any
    }
}

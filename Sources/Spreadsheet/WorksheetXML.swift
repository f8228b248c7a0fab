import CivilTime
import _TextSupport

/// One sheet's XML: a frozen, bold header row, typed cells, and columns as wide as their text.
enum WorksheetXML {
    static func text(_ sheet: Sheet, strings: inout SharedStrings) -> String {
        let columns = max(sheet.header.count, sheet.rows.map(\.count).max() ?? 0)
        let rowCount = sheet.rows.count + 1
        var out = Workbook.declaration
        out += "<worksheet xmlns=\"\(Workbook.mainNamespace)\" xmlns:r=\"\(Workbook.relationshipNamespace)\">"
        if columns > 0 { out += "<dimension ref=\"A1:\(reference(column: columns - 1, row: rowCount))\"/>" }
        out += "<sheetViews><sheetView workbookViewId=\"0\">"
        out += "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
        out += "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>"
        out += "</sheetView></sheetViews>"
        out += "<sheetFormatPr defaultRowHeight=\"15\"/>"
        if columns > 0 {
            out += "<cols>"
            for (i, width) in widths(sheet, columns: columns).enumerated() {
                out += "<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
            }
            out += "</cols>"
        }
        out += "<sheetData>"
        out += "<row r=\"1\">"
        for (i, title) in sheet.header.enumerated() {
            out += "<c r=\"\(reference(column: i, row: 1))\" s=\"\(CellStyle.header.rawValue)\" t=\"s\">"
            out += "<v>\(strings.add(title))</v></c>"
        }
        out += "</row>"
        for (r, row) in sheet.rows.enumerated() {
            out += "<row r=\"\(r + 2)\">"
            for (i, cell) in row.enumerated() { out += cellXML(cell, at: reference(column: i, row: r + 2), &strings) }
            out += "</row>"
        }
        return out + "</sheetData></worksheet>"
    }

    static func cellXML(_ cell: Cell, at ref: String, _ strings: inout SharedStrings) -> String {
        func number(_ value: String, _ style: CellStyle) -> String {
            "<c r=\"\(ref)\" s=\"\(style.rawValue)\"><v>\(value)</v></c>"
        }
        switch cell {
        case .empty:
            return ""
        case .text(let text):
            // A string cell: its value is an index into the shared strings, never a formula.
            return "<c r=\"\(ref)\" t=\"s\"><v>\(strings.add(text))</v></c>"
        case .integer(let n):
            return number(String(n), .integer)
        case .decimal(let text, let places):
            return number(text, .decimal(places))
        case .percent(let text):
            return number(fraction(ofPercent: text), .percent)
        case .date(let date):
            return number(String(serial(date.dayNumber)), .date)
        case .dateTime(let t):
            return number(dateTimeSerial(t), .dateTime)
        case .duration(let seconds):
            return number(dayFraction(seconds), .duration)
        }
    }

    /// Excel's day serial (the 1900 date system, correct from 1900-03-01): days since 1899-12-30.
    static func serial(_ dayNumber: Int) -> Int { dayNumber + 25_569 }

    /// The day serial and the time of day as a fraction of it, to 10 decimals (well under a second).
    static func dateTimeSerial(_ t: Timestamp) -> String {
        dayFraction(Int64(serial(t.dayNumber)) * 86_400 + Int64(t.secondOfDay))
    }

    /// `seconds` in days, to 10 decimals, rounded half up (`-` before a negative length).
    static func dayFraction(_ seconds: Int64) -> String {
        let magnitude = seconds.magnitude
        let units = (UInt64(magnitude % 86_400) * 10_000_000_000 + 43_200) / 86_400
        let fraction = String(units)
        return (seconds < 0 ? "-" : "") + "\(magnitude / 86_400)." + String(repeating: "0", count: 10 - fraction.count)
            + fraction
    }

    /// `"95.26"` (a percent) as the fraction it stands for, `"0.9526"`, by moving the decimal point
    /// in the text: no binary rounding between the display rule and the stored value.
    static func fraction(ofPercent text: String) -> String {
        var digits = Substring(text)
        let negative = digits.hasPrefix("-")
        if negative { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        var whole = String(parts[0])
        let decimals = parts.count > 1 ? String(parts[1]) : ""
        while whole.count < 3 { whole = "0" + whole }
        let cut = whole.index(whole.endIndex, offsetBy: -2)
        var integer = String(whole[..<cut])
        while integer.count > 1, integer.hasPrefix("0") { integer.removeFirst() }
        return (negative ? "-" : "") + integer + "." + whole[cut...] + decimals
    }

    /// `A1`-style reference: column 0 is A, 25 is Z, 26 is AA.
    static func reference(column: Int, row: Int) -> String {
        var letters = ""
        var n = column + 1
        while n > 0 {
            let digit = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + digit))) + letters
            n = (n - 1) / 26
        }
        return letters + String(row)
    }

    /// Each column as wide as its widest text plus a margin, within 8 and 60 characters (the
    /// header's bold letters count one more).
    static func widths(_ sheet: Sheet, columns: Int) -> [Int] {
        var widths = [Int](repeating: 0, count: columns)
        for (i, title) in sheet.header.enumerated() { widths[i] = max(widths[i], title.count + 1) }
        for row in sheet.rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.displayText.count) }
        }
        return widths.map { min(60, max(8, $0 + 2)) }
    }
}

/// Text as XML character data or an attribute value, by the one markup escaper.
enum XMLText {
    static func escaped(_ text: String) -> String { MarkupText.escaped(text) }
}

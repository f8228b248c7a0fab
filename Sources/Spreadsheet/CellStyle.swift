/// The cell formats a workbook uses, in the order of `styles.xml`'s `cellXfs`: the index is the
/// `s` attribute of a cell.
enum CellStyle: Int, CaseIterable {
    case general, header, integer, percent, date, dateTime, duration
    case decimal0, decimal1, decimal2, decimal3, decimal4

    static func decimal(_ places: Int) -> CellStyle {
        [.decimal0, .decimal1, .decimal2, .decimal3, .decimal4][min(4, max(0, places))]
    }

    /// The number format: built-in ids (ECMA-376 Part 1, 18.8.30) where one fits, else ours from 164.
    var numberFormat: Int {
        switch self {
        case .general, .header: return 0
        case .integer: return 3  // #,##0
        case .percent: return 10  // 0.00%
        case .date: return 164
        case .dateTime: return 165
        case .duration: return 169
        case .decimal0: return 1  // 0
        case .decimal1: return 166
        case .decimal2: return 2  // 0.00
        case .decimal3: return 167
        case .decimal4: return 168
        }
    }

    /// Our formats. Dates in ISO order, which reads the same in Vietnamese and English.
    static let customFormats: [(id: Int, code: String)] = [
        (164, "yyyy-mm-dd"), (165, "yyyy-mm-dd hh:mm:ss"), (166, "0.0"), (167, "0.000"), (168, "0.0000"),
        (169, "[h]:mm"),
    ]

    static var stylesXML: String {
        var out = Workbook.declaration + "<styleSheet xmlns=\"\(Workbook.mainNamespace)\">"
        out += "<numFmts count=\"\(customFormats.count)\">"
        for f in customFormats { out += "<numFmt numFmtId=\"\(f.id)\" formatCode=\"\(f.code)\"/>" }
        out += "</numFmts>"
        out += "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
        out += "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
        // The first two fills are reserved by the format (none and gray125).
        out += "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
        out += "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
        out += "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        out += "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        out += "<cellXfs count=\"\(allCases.count)\">"
        for style in allCases {
            let font = style == .header ? 1 : 0
            out += "<xf numFmtId=\"\(style.numberFormat)\" fontId=\"\(font)\" fillId=\"0\" borderId=\"0\" xfId=\"0\""
            if style.numberFormat != 0 { out += " applyNumberFormat=\"1\"" }
            if font != 0 { out += " applyFont=\"1\"" }
            out += "/>"
        }
        out += "</cellXfs>"
        out += "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        return out + "</styleSheet>"
    }
}

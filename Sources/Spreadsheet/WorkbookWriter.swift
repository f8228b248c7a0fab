import CivilTime

extension Workbook {
    /// The workbook as an `.xlsx` file: the package parts (`[Content_Types].xml`, relationships),
    /// the workbook, styles, shared strings and one worksheet per sheet, zipped.
    public func xlsxBytes() throws(ZipError) -> [UInt8] {
        var strings = SharedStrings()
        let names = Workbook.sheetNames(sheets.map(\.name))
        var worksheets: [String] = []
        for sheet in sheets { worksheets.append(WorksheetXML.text(sheet, strings: &strings)) }
        var zip = ZipArchive()
        try zip.add("[Content_Types].xml", Array(contentTypes.utf8))
        try zip.add("_rels/.rels", Array(Workbook.packageRelationships.utf8))
        try zip.add("xl/workbook.xml", Array(workbookXML(names).utf8))
        try zip.add("xl/_rels/workbook.xml.rels", Array(workbookRelationships.utf8))
        try zip.add("xl/styles.xml", Array(CellStyle.stylesXML.utf8))
        try zip.add("xl/sharedStrings.xml", Array(strings.xml.utf8))
        for (i, text) in worksheets.enumerated() {
            try zip.add("xl/worksheets/sheet\(i + 1).xml", Array(text.utf8))
        }
        return zip.bytes
    }

    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationshipNamespace = "http://schemas.openxmlformats.org/package/2006/relationships"

    var contentTypes: String {
        let ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        var out = Workbook.declaration
        out += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        out += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        out += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        out += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"\(ct).sheet.main+xml\"/>"
        out += "<Override PartName=\"/xl/styles.xml\" ContentType=\"\(ct).styles+xml\"/>"
        out += "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"\(ct).sharedStrings+xml\"/>"
        for i in sheets.indices {
            out += "<Override PartName=\"/xl/worksheets/sheet\(i + 1).xml\" ContentType=\"\(ct).worksheet+xml\"/>"
        }
        return out + "</Types>"
    }

    static var packageRelationships: String {
        declaration + "<Relationships xmlns=\"\(packageRelationshipNamespace)\">"
            + "<Relationship Id=\"rId1\" Type=\"\(relationshipNamespace)/officeDocument\" Target=\"xl/workbook.xml\"/>"
            + "</Relationships>"
    }

    func workbookXML(_ names: [String]) -> String {
        var out = Workbook.declaration
        out += "<workbook xmlns=\"\(Workbook.mainNamespace)\" xmlns:r=\"\(Workbook.relationshipNamespace)\"><sheets>"
        for (i, name) in names.enumerated() {
            out += "<sheet name=\"\(XMLText.escaped(name))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
        }
        return out + "</sheets></workbook>"
    }

    var workbookRelationships: String {
        let ns = Workbook.relationshipNamespace
        var out = Workbook.declaration + "<Relationships xmlns=\"\(Workbook.packageRelationshipNamespace)\">"
        for i in sheets.indices {
            out += "<Relationship Id=\"rId\(i + 1)\" Type=\"\(ns)/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>"
        }
        out += "<Relationship Id=\"rId\(sheets.count + 1)\" Type=\"\(ns)/styles\" Target=\"styles.xml\"/>"
        out += "<Relationship Id=\"rId\(sheets.count + 2)\" Type=\"\(ns)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        return out + "</Relationships>"
    }

    /// Names Excel accepts: none of `[]:*?/\`, no apostrophe at either end, at most 31
    /// characters (a longer name is cut after a word and ends with `…`), not empty, and no two
    /// alike ignoring case (a second `Units` becomes `Units (2)`).
    static func sheetNames(_ wanted: [String]) -> [String] {
        var used: Set<String> = []
        return wanted.map { name in
            var base = String(name.map { "[]:*?/\\".contains($0) ? "-" : $0 })
            while base.hasPrefix("'") { base.removeFirst() }
            while base.hasSuffix("'") { base.removeLast() }
            if base.isEmpty { base = "Sheet" }
            var candidate = cut(base, to: 31)
            var n = 2
            while used.contains(candidate.lowercased()) {
                let suffix = " (\(n))"
                candidate = cut(base, to: 31 - suffix.count) + suffix
                n += 1
            }
            used.insert(candidate.lowercased())
            return candidate
        }
    }

    /// `name` in at most `limit` characters: whole, or cut after its last whole word that fits
    /// (mid-word when a word alone is too long) with `…` added.
    static func cut(_ name: String, to limit: Int) -> String {
        guard name.count > limit else { return name }
        let head = name.prefix(limit - 1)
        if let space = head.lastIndex(of: " "), head.distance(from: head.startIndex, to: space) >= limit / 2 {
            return String(head[..<space]) + "…"
        }
        return String(head) + "…"
    }
}

/// The shared-string table: each distinct text once, cells refer to it by index.
struct SharedStrings {
    private var index: [String: Int] = [:]
    private var texts: [String] = []
    private var references = 0

    mutating func add(_ text: String) -> Int {
        references += 1
        if let i = index[text] { return i }
        index[text] = texts.count
        texts.append(text)
        return texts.count - 1
    }

    var xml: String {
        var out = Workbook.declaration
        out += "<sst xmlns=\"\(Workbook.mainNamespace)\" count=\"\(references)\" uniqueCount=\"\(texts.count)\">"
        // `xml:space="preserve"` keeps leading and trailing spaces, which readers would trim.
        for text in texts { out += "<si><t xml:space=\"preserve\">\(XMLText.escaped(text))</t></si>" }
        return out + "</sst>"
    }
}

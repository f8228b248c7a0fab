import Engine

extension Document {
    /// `tthc audit`'s document: recorded due dates (`NgayHenTra`) against the legal due, per unit
    /// and procedure, with example dossiers.
    public static func audit(_ result: AuditResult, provenance: DocumentProvenance, language: Language) -> Document {
        let w = DocumentWords(language)
        let totals = result.totals
        /// Working seconds as hours with one decimal, as the text report shows them.
        func hours(_ seconds: Int64) -> DocumentCell { .decimal(Double(seconds) / 3600, decimals: 1) }
        var sections: [DocumentSection] = [
            DocumentSection(
                id: "summary", title: w("kpis"),
                blocks: [
                    .tiles([
                        KPITile(key: "checked", label: w("checked"), value: .integer(totals.checked)),
                        KPITile(
                            key: "later", label: w("later"),
                            value: .integer(totals.later, tone: totals.later > 0 ? .bad : .neutral),
                            note: DocumentText.text(
                                .rate(numerator: totals.later, denominator: totals.checked), language)),
                        KPITile(key: "earlier", label: w("earlier"), value: .integer(totals.earlier)),
                        KPITile(key: "matching", label: w("matching"), value: .integer(totals.matching)),
                    ]),
                    .notes([
                        w("not_audited") + ": " + DocumentText.text(.integer(result.missingReceived), language) + " "
                            + w("missing_received") + ", " + DocumentText.text(.integer(result.missingDue), language)
                            + " " + w("missing_due") + ", "
                            + DocumentText.text(.integer(result.unknownProcedure), language) + " "
                            + w("unknown_procedure") + "."
                    ]),
                ])
        ]
        let mismatched = result.mismatched
        guard !mismatched.isEmpty else {
            sections.append(
                DocumentSection(id: "mismatches", title: w("mismatches_title"), blocks: [.paragraph(w("no_mismatch"))]))
            return Document(
                kind: .audit, language: language, title: w("audit_title"), subtitle: w.scope(provenance),
                provenance: provenance, sections: sections)
        }
        let catalog = result.settings.classifier.catalog
        var table = DocumentTable(
            id: "mismatches", title: w("mismatches_title"),
            columns: [
                .init("unit", Labels.dimension(.agency, language)), .init("procedure", w("procedure_code")),
                .init("procedure_name", w("procedure_name")), .init("checked", w("checked")),
                .init("later", w("later")), .init("earlier", w("earlier")), .init("max_later", w("max_later")),
            ])
        var examples = DocumentTable(
            id: "examples", title: w("examples_title"),
            columns: [
                .init("unit", Labels.dimension(.agency, language)), .init("procedure", w("procedure_code")),
                .init("id", w("dossier_id")), .init("received", w("received_at")),
                .init("recorded_due", w("recorded_due")), .init("legal_due", w("legal_due")),
                .init("difference", w("difference")),
            ])
        for (key, group) in mismatched {
            table.add([
                .text(key.unit), .code(key.procedure), .text(catalog?[key.procedure]?.name ?? ""),
                .integer(group.checked), .integer(group.later, tone: group.later > 0 ? .bad : .neutral),
                .integer(group.earlier), hours(group.maxLaterWorking),
            ])
            for e in group.examples {
                examples.add([
                    .text(key.unit), .code(key.procedure), .code(e.id), .timestamp(e.received),
                    .timestamp(e.recorded), .timestamp(e.legal), hours(e.differenceWorking),
                ])
            }
        }
        sections.append(DocumentSection(id: "mismatches", title: w("mismatches_title"), blocks: [.table(table)]))
        if !examples.rows.isEmpty {
            sections.append(DocumentSection(id: "examples", title: w("examples_title"), blocks: [.table(examples)]))
        }
        return Document(
            kind: .audit, language: language, title: w("audit_title"), subtitle: w.scope(provenance),
            provenance: provenance, sections: sections)
    }
}

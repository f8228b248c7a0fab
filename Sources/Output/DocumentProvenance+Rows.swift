extension DocumentProvenance {
    /// What the document was computed from, as labelled values in `language`, in the order a
    /// reader asks: which period, as of when, what was read and what was rejected, which rules.
    public func rows(_ language: Language) -> [Fact] {
        let w = DocumentWords(language)
        var rows: [Fact] = []
        if let period {
            rows.append(
                Fact(w("period"), .text(w.periodName(period) + " (" + w.range(period.firstDay, period.lastDay) + ")")))
        } else if from != nil || to != nil {
            let first = from.map { DocumentText.date($0, language) } ?? "…"
            let last = to.map { DocumentText.date($0, language) } ?? "…"
            rows.append(Fact(w("received_dates"), .text(first + " – " + last)))
        }
        if let asOf { rows.append(Fact(w("as_of"), .timestamp(asOf))) }
        if let input {
            rows.append(Fact(w("input_records"), .integer(input.records)))
            rows.append(Fact(w("accepted"), .integer(input.accepted)))
            rows.append(
                Fact(w("rejected_records"), .integer(input.rejected, tone: input.rejected > 0 ? .warning : .neutral)))
            rows.append(Fact(w("duplicate_ids"), .integer(input.duplicates)))
            if input.replaced > 0 { rows.append(Fact(w("replaced_records"), .integer(input.replaced))) }
            if outsideSelection > 0 || period != nil || from != nil || to != nil {
                rows.append(Fact(w("outside_selection"), .integer(outsideSelection)))
            }
        }
        if let rejectsFile { rows.append(Fact(w("rejects_file"), .code(rejectsFile))) }
        if input != nil || catalog != nil {
            rows.append(Fact(w("catalog"), catalog.map { .code($0) } ?? .text(w("no_catalog"))))
            let calendars = [w("built_in_calendar")] + calendarOverlays
            rows.append(Fact(w("calendar"), .text(calendars.joined(separator: "; "))))
            rows.append(Fact(w("clock"), .text(w(clock == .working ? "clock_working" : "clock_calendar"))))
        }
        if let profile { rows.append(Fact(w("profile"), .text(profile.name + ": " + profile.title))) }
        rows += facts
        if !commandLine.isEmpty { rows.append(Fact(w("command"), .code(commandLine.joined(separator: " ")))) }
        if let generator { rows.append(Fact(w("generator"), .text(generator))) }
        return rows
    }

    /// One line under a title: the files and what was read of them (`dossiers.csv: 3.000 bản ghi,
    /// 0 bị loại`); nil for a document that read no log.
    public func summaryLine(_ language: Language) -> String? {
        guard let input else { return nil }
        let w = DocumentWords(language)
        let names = input.files.map { $0.path.split(separator: "/").last.map(String.init) ?? $0.path }
        let files = names.count <= 2 ? names.joined(separator: ", ") : "\(names.count) " + w("files").lowercased()
        return files + ": " + DocumentText.text(.integer(input.records), language) + " " + w("records") + ", "
            + DocumentText.text(.integer(input.rejected), language) + " " + w("rejected") + "."
    }

    /// The files read, each with its records and rejects: a table when there is more than one
    /// file or any reject, so nothing read goes unnamed.
    public func fileTable(_ language: Language) -> DocumentTable? {
        guard let input, !input.files.isEmpty else { return nil }
        let w = DocumentWords(language)
        var table = DocumentTable(
            id: "files", title: w("files"),
            columns: [
                .init("path", w("file")), .init("records", w("input_records")),
                .init("rejected", w("rejected_records")),
            ])
        for file in input.files {
            table.add([
                .code(file.path), .integer(file.records),
                .integer(file.rejected, tone: file.rejected > 0 ? .warning : .neutral),
            ])
        }
        return table
    }
}

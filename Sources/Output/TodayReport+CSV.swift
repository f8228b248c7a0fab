import CivilTime
import Engine
import _TextSupport

extension TodayReport {
    /// `tthc today --format csv`: the dossiers of the three lists, one row each, in the order the
    /// table shows them (`list` is `due_soon`, `overdue` or `late_without_apology`). The working
    /// time is left (due soon), overdue by, or late by, in seconds and as text.
    public func csv(style: CSVStyle = .plain) -> String {
        var table = CSVTable([
            "list", "id", "agency", "procedure", "procedure_name", "received", "due", "end", "working_seconds",
            "working_time",
            "apology", "waiting_for_supplement", "late_by_supplements",
        ])
        func time(_ t: Timestamp?) -> CSVTable.Cell { t.map { .text($0.iso8601) } ?? .empty }
        func flag(_ b: Bool) -> CSVTable.Cell { .integer(b ? 1 : 0) }
        for (name, list) in [
            ("due_soon", monitor.dueSoon), ("overdue", monitor.overdue),
            ("late_without_apology", monitor.lateWithoutApology),
        ] {
            for item in list.sorted {
                let d = item.dossier
                table.add([
                    .text(name), .text(d.id), .text(d.agency), .text(d.procedure), .text(d.procedureName),
                    time(d.received), time(d.due),
                    time(d.end), .integer(Int(item.workingSeconds)), .text(duration(item.workingSeconds)),
                    flag(d.apology), flag(d.waitingForSupplement), flag(d.lateBySupplements),
                ])
            }
        }
        return table.text(style)
    }
}

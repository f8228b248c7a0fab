import CivilTime
import _TextSupport

/// IEEE 1849-2016 XES, as bytes: the log's head, one `<trace>` per dossier, the tail. A writer
/// appends a trace to a buffer of its own, so pieces of a log are written in parallel and joined
/// in log order. Every text from the log goes through `MarkupText`, the one escaper.
///
/// The concept, time, lifecycle and org extensions are declared; a trace carries the dossier's
/// id (`concept:name`), procedure, unit, channel, owner, due, status and 766 progress; an event
/// its activity (`concept:name`), `time:timestamp` (ISO 8601, +07:00), `lifecycle:transition`
/// and, for a step, `org:group` (department), `org:resource` (handler), `org:role` (title).
public enum XESWriter {
    /// Everything before the first trace.
    public static func head(source: String) -> [UInt8] {
        var out = ""
        out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<log xes.version=\"1849-2016\" xes.features=\"\" xmlns=\"http://www.xes-standard.org/\">\n"
        for (name, prefix) in [
            ("Concept", "concept"), ("Time", "time"), ("Lifecycle", "lifecycle"), ("Organizational", "org"),
        ] {
            out +=
                "<extension name=\"\(name)\" prefix=\"\(prefix)\" uri=\"http://www.xes-standard.org/\(prefix).xesext\"/>\n"
        }
        out += "<classifier name=\"Activity\" keys=\"concept:name\"/>\n"
        out += "<classifier name=\"Activity and transition\" keys=\"concept:name lifecycle:transition\"/>\n"
        out += "<classifier name=\"Department\" keys=\"org:group\"/>\n"
        out += "<string key=\"concept:name\" value=\"\(MarkupText.escaped(source))\"/>\n"
        return Array(out.utf8)
    }

    public static let tail = Array("</log>\n".utf8)

    /// Appends `trace` (its events already in time order).
    public static func append(_ trace: ExportTrace, to out: inout [UInt8]) {
        out.put("<trace>\n")
        string("concept:name", trace.id, trace, &out)
        string("procedure", trace.procedure, trace, &out)
        string("agency", trace.agency, trace, &out)
        if let channel = VocabularyBytes.channels[Int(trace.channel)] { literal("channel", channel, &out) }
        string("owner", trace.owner, trace, &out)
        if let status = trace.status { integer("status", Int(status.rawValue), &out) }
        if let due = trace.due { date("due", due, &out) }
        if let progress = trace.progress {
            literal("progress", VocabularyBytes.progress[Int(progress.rawValue)], &out)
            if let onTime = progress.onTime {
                out.put(
                    onTime
                        ? "<boolean key=\"onTime\" value=\"true\"/>\n" : "<boolean key=\"onTime\" value=\"false\"/>\n")
            }
        }
        for event in trace.events {
            out.put("<event>\n")
            literal("concept:name", VocabularyBytes.activities[Int(event.activity.rawValue)], &out)
            out.put(
                event.lifecycle == .start
                    ? "<string key=\"lifecycle:transition\" value=\"start\"/>\n"
                    : "<string key=\"lifecycle:transition\" value=\"complete\"/>\n")
            date("time:timestamp", event.time, &out)
            string("org:group", event.department, trace, &out)
            string("org:resource", event.handler, trace, &out)
            string("org:role", event.title, trace, &out)
            string("content", event.content, trace, &out)
            if let planned = event.plannedEnd { date("plannedEnd", planned, &out) }
            if event.request >= 0 { integer("request", Int(event.request) + 1, &out) }
            out.put("</event>\n")
        }
        out.put("</trace>\n")
    }

    private static func string(_ key: StaticString, _ span: TextSpan, _ trace: ExportTrace, _ out: inout [UInt8]) {
        guard span.count > 0 else { return }
        out.put("<string key=\"")
        out.put(key)
        out.put("\" value=\"")
        trace.withBytes(span) { MarkupText.append(escaping: $0, to: &out) }
        out.put("\"/>\n")
    }

    /// A value of our own vocabulary, which has nothing to escape.
    private static func literal(_ key: StaticString, _ value: [UInt8], _ out: inout [UInt8]) {
        out.put("<string key=\"")
        out.put(key)
        out.put("\" value=\"")
        out.append(contentsOf: value)
        out.put("\"/>\n")
    }

    private static func integer(_ key: StaticString, _ value: Int, _ out: inout [UInt8]) {
        out.put("<int key=\"")
        out.put(key)
        out.put("\" value=\"")
        out.put(decimal: value)
        out.put("\"/>\n")
    }

    private static func date(_ key: StaticString, _ time: Timestamp, _ out: inout [UInt8]) {
        out.put("<date key=\"")
        out.put(key)
        out.put("\" value=\"")
        time.appendISO8601WithOffset(to: &out)
        out.put("\"/>\n")
    }
}

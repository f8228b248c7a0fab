import CivilTime
import _TextSupport

/// OCEL 2.0 in its JSON format (`objectTypes`, `eventTypes`, `objects`, `events`), as bytes.
///
/// Object types: `dossier`, `procedure` (`MaTTHC`), `department` (`PhongBanXuLy` of a step,
/// or `DonViXuLy` of a dossier table) and `citizen request` (a supplement request to the
/// citizen: asked for, received back). Every event relates to its dossier, the dossier's
/// procedure and the department where it happened; a supplement event to its citizen request.
/// A dossier relates to its procedure, departments and citizen requests.
///
/// The events and the objects are written as two streams (the writer appends each element with
/// a leading comma, `OCELWriter.elementsStart` says where to drop the first one); the caller
/// joins head, events, `middle`, objects and `tail`. All text goes through `JSONValue`'s
/// escaping, the project's one JSON writer.
public struct OCELWriter {
    /// Object ids: the type's prefix, so a procedure code never meets a dossier id.
    static let dossierPrefix: StaticString = "dossier:"
    static let procedurePrefix: StaticString = "procedure:"
    static let departmentPrefix: StaticString = "department:"
    static let requestPrefix: StaticString = "request:"

    private var scratch: [UInt8] = []

    public init() {}

    /// The types and the opening of the events array.
    public static func head() -> [UInt8] {
        let text: JSONValue = .object([
            ("objectTypes", .array(objectTypes)), ("eventTypes", .array(eventTypes)),
        ])
        var line = text.lineText
        line.removeLast()  // the closing brace: the events follow
        return Array((line + ",\n\"events\": [\n").utf8)
    }

    /// Between the events and the objects.
    public static let middle = Array("\n],\n\"objects\": [\n".utf8)
    public static let tail = Array("\n]}\n".utf8)

    static let objectTypes: [JSONValue] = [
        type(
            "dossier",
            [
                ("procedure", "string"), ("agency", "string"), ("channel", "string"), ("owner", "string"),
                ("status", "integer"), ("due", "time"), ("progress", "string"), ("onTime", "boolean"),
            ]),
        type("procedure", [("code", "string")]),
        type("department", [("name", "string")]),
        type("citizen request", [("requested", "time"), ("receivedBack", "time")]),
    ]

    static let eventTypes: [JSONValue] = ExportActivity.allCases.map {
        type(
            $0.name,
            [
                ("lifecycle", "string"), ("department", "string"), ("resource", "string"), ("role", "string"),
                ("content", "string"), ("plannedEnd", "time"),
            ])
    }

    private static func type(_ name: String, _ attributes: [(String, String)]) -> JSONValue {
        .object([
            ("name", .string(name)),
            ("attributes", .array(attributes.map { .object([("name", .string($0.0)), ("type", .string($0.1))]) })),
        ])
    }

    /// The time an object attribute holds from the start.
    static let always: StaticString = "1970-01-01T00:00:00+00:00"

    // MARK: Events

    /// Appends the events of `trace`, each with a leading comma; their ids are the dossier's id,
    /// `/` and the event's index in the trace.
    public mutating func appendEvents(of trace: ExportTrace, to out: inout [UInt8]) {
        for (index, event) in trace.events.enumerated() {
            out.put(",\n{\"id\": ")
            scratch.removeAll(keepingCapacity: true)
            trace.withBytes(trace.id) { scratch.append(contentsOf: $0) }
            scratch.append(UInt8(ascii: "/"))
            scratch.put(decimal: index + 1)
            quote(scratch, &out)
            out.put(", \"type\": \"")
            out.append(contentsOf: VocabularyBytes.activities[Int(event.activity.rawValue)])
            out.put("\", \"time\": ")
            time(event.time, &out)
            out.put(", \"attributes\": [")
            out.put(
                event.lifecycle == .start
                    ? "{\"name\": \"lifecycle\", \"value\": \"start\"}"
                    : "{\"name\": \"lifecycle\", \"value\": \"complete\"}")
            attribute("department", event.department, trace, &out)
            attribute("resource", event.handler, trace, &out)
            attribute("role", event.title, trace, &out)
            attribute("content", event.content, trace, &out)
            if let planned = event.plannedEnd {
                out.put(", {\"name\": \"plannedEnd\", \"value\": ")
                time(planned, &out)
                out.put("}")
            }
            out.put("], \"relationships\": [")
            relation(Self.dossierPrefix, trace.id, nil, "dossier", trace, &out, first: true)
            relation(Self.procedurePrefix, trace.procedure, nil, "procedure", trace, &out)
            let department = event.department.count > 0 ? event.department : trace.agency
            relation(Self.departmentPrefix, department, nil, "department", trace, &out)
            if event.request >= 0 {
                relation(Self.requestPrefix, trace.id, Int(event.request), "citizen request", trace, &out)
            }
            out.put("]}")
        }
    }

    // MARK: Objects

    /// Appends the dossier object of `trace` and its citizen requests, each with a leading comma.
    /// - Returns: the number of objects appended.
    @discardableResult
    public mutating func appendObjects(of trace: ExportTrace, to out: inout [UInt8]) -> Int {
        out.put(",\n{\"id\": ")
        objectID(Self.dossierPrefix, trace.id, nil, trace, &out)
        out.put(", \"type\": \"dossier\", \"attributes\": [")
        var first = true
        func open(_ name: StaticString) {
            out.put(first ? "{\"name\": \"" : ", {\"name\": \"")
            first = false
            out.put(name)
            out.put("\", \"time\": \"")
            out.put(Self.always)
            out.put("\", \"value\": ")
        }
        func text(_ name: StaticString, _ span: TextSpan) {
            guard span.count > 0 else { return }
            open(name)
            trace.withBytes(span) { JSONValue.appendQuoted($0, to: &out) }
            out.put("}")
        }
        text("procedure", trace.procedure)
        text("agency", trace.agency)
        text("owner", trace.owner)
        if let channel = VocabularyBytes.channels[Int(trace.channel)] {
            open("channel")
            out.append(34)
            out.append(contentsOf: channel)
            out.put("\"}")
        }
        if let status = trace.status {
            open("status")
            out.put(decimal: Int(status.rawValue))
            out.put("}")
        }
        if let due = trace.due {
            open("due")
            time(due, &out)
            out.put("}")
        }
        if let progress = trace.progress {
            open("progress")
            out.append(34)
            out.append(contentsOf: VocabularyBytes.progress[Int(progress.rawValue)])
            out.put("\"}")
            if let onTime = progress.onTime {
                open("onTime")
                out.put(onTime ? "true}" : "false}")
            }
        }
        out.put("], \"relationships\": [")
        var firstRelation = true
        if trace.procedure.count > 0 {
            relation(Self.procedurePrefix, trace.procedure, nil, "procedure", trace, &out, first: true)
            firstRelation = false
        }
        for department in departments(of: trace) {
            relation(Self.departmentPrefix, department, nil, "department", trace, &out, first: firstRelation)
            firstRelation = false
        }
        for k in trace.requests.indices {
            relation(Self.requestPrefix, trace.id, k, "citizen request", trace, &out, first: firstRelation)
            firstRelation = false
        }
        out.put("]}")
        for (k, request) in trace.requests.enumerated() {
            out.put(",\n{\"id\": ")
            objectID(Self.requestPrefix, trace.id, k, trace, &out)
            out.put(", \"type\": \"citizen request\", \"attributes\": [{\"name\": \"requested\", \"time\": \"")
            out.put(Self.always)
            out.put("\", \"value\": ")
            time(request.start, &out)
            out.put("}")
            if let back = request.end {
                out.put(", {\"name\": \"receivedBack\", \"time\": \"")
                out.put(Self.always)
                out.put("\", \"value\": ")
                time(back, &out)
                out.put("}")
            }
            out.put("], \"relationships\": [")
            relation(Self.dossierPrefix, trace.id, nil, "dossier", trace, &out, first: true)
            out.put("]}")
        }
        return 1 + trace.requests.count
    }

    /// The distinct departments of a trace's events, in order of first appearance: an event's
    /// own (`PhongBanXuLy`), else the unit (`DonViXuLy`).
    public func departments(of trace: ExportTrace) -> [TextSpan] {
        var spans: [TextSpan] = []
        for event in trace.events {
            let department = event.department.count > 0 ? event.department : trace.agency
            guard department.count > 0 else { continue }
            let seen = spans.contains { span in
                trace.withBytes(span) { a in trace.withBytes(department) { b in a.elementsEqual(b) } }
            }
            if !seen { spans.append(department) }
        }
        return spans
    }

    /// Appends a `procedure` or `department` object named `name`, with a leading comma.
    public mutating func appendNamedObject(procedure: Bool, name: [UInt8], to out: inout [UInt8]) {
        out.put(",\n{\"id\": ")
        scratch.removeAll(keepingCapacity: true)
        scratch.put(procedure ? Self.procedurePrefix : Self.departmentPrefix)
        scratch.append(contentsOf: name)
        quote(scratch, &out)
        out.put(
            procedure
                ? ", \"type\": \"procedure\", \"attributes\": [{\"name\": \"code\", \"time\": \""
                : ", \"type\": \"department\", \"attributes\": [{\"name\": \"name\", \"time\": \"")
        out.put(Self.always)
        out.put("\", \"value\": ")
        quote(name, &out)
        out.put("}], \"relationships\": []}")
    }

    // MARK: Pieces

    private func quote(_ bytes: [UInt8], _ out: inout [UInt8]) {
        bytes.withUnsafeBytes { JSONValue.appendQuoted($0, to: &out) }
    }

    private mutating func objectID(
        _ prefix: StaticString, _ span: TextSpan, _ request: Int?, _ trace: ExportTrace, _ out: inout [UInt8]
    ) {
        scratch.removeAll(keepingCapacity: true)
        scratch.put(prefix)
        trace.withBytes(span) { scratch.append(contentsOf: $0) }
        if let request {
            scratch.append(UInt8(ascii: "#"))
            scratch.put(decimal: request + 1)
        }
        quote(scratch, &out)
    }

    private mutating func relation(
        _ prefix: StaticString, _ span: TextSpan, _ request: Int?, _ qualifier: StaticString, _ trace: ExportTrace,
        _ out: inout [UInt8], first: Bool = false
    ) {
        guard span.count > 0 else { return }
        out.put(first ? "{\"objectId\": " : ", {\"objectId\": ")
        objectID(prefix, span, request, trace, &out)
        out.put(", \"qualifier\": \"")
        out.put(qualifier)
        out.put("\"}")
    }

    private func attribute(_ name: StaticString, _ span: TextSpan, _ trace: ExportTrace, _ out: inout [UInt8]) {
        guard span.count > 0 else { return }
        out.put(", {\"name\": \"")
        out.put(name)
        out.put("\", \"value\": ")
        trace.withBytes(span) { JSONValue.appendQuoted($0, to: &out) }
        out.put("}")
    }

    private func time(_ t: Timestamp, _ out: inout [UInt8]) {
        out.append(34)
        t.appendISO8601WithOffset(to: &out)
        out.append(34)
    }
}

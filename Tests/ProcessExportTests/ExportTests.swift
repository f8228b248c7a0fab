import CivilTime
import Engine
import Foundation
import Ingest
import ProcessExport
import TestSupport
import Testing
import _TextSupport

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Runs an export of `log` (CSV text) and returns the file's bytes and what the run says it wrote.
func exportBytes(
    _ log: String, format: ExportFormat, workers: Int = 2, chunkSize: Int = 1 << 20, dedupe: DedupeMode = .last,
    pseudonyms: Pseudonyms? = nil
) throws -> ([UInt8], ExportResult) {
    var options = exportOptions(format: format, workers: workers, chunkSize: chunkSize, pseudonyms: pseudonyms)
    options.report.scan.dedupe = dedupe
    return try exported(log) { try ProcessExportEngine.run(files: [$0], options: options, output: $1) }
}

func exportOptions(format: ExportFormat, workers: Int, chunkSize: Int, pseudonyms: Pseudonyms?) -> ExportOptions {
    var options = ExportOptions()
    options.format = format
    options.pseudonyms = pseudonyms
    options.report.scan.workers = workers
    options.report.scan.chunkSize = chunkSize
    return options
}

/// Writes `log` to a file of its own, runs `body` with its path and an output file's descriptor,
/// and returns the output's bytes; both files are removed after.
func exported(_ log: String, _ body: (String, Int32) throws -> ExportResult) throws -> ([UInt8], ExportResult) {
    let directory = TemporaryDirectory()
    let input = directory.write("log.csv", log)
    let output = directory.path("out")
    let result = try writing(to: output) { try body(input, $0) }
    return (Array(try Data(contentsOf: URL(fileURLWithPath: output))), result)
}

/// Runs `body` with a new file `path` open for writing, closed after.
func writing<T>(to path: String, _ body: (Int32) throws -> T) throws -> T {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
    precondition(descriptor >= 0, "cannot create \(path)")
    defer { close(descriptor) }
    return try body(descriptor)
}

/// The elements of an XES file, read back by Foundation's XML parser.
final class XESReader: NSObject, XMLParserDelegate {
    struct Event { var attributes: [String: String] = [:] }
    struct Trace {
        var attributes: [String: String] = [:]
        var events: [Event] = []
    }
    var extensions: [String] = []
    var traces: [Trace] = []
    var inEvent = false

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch name {
        case "extension": extensions.append(attributes["prefix"] ?? "")
        case "trace": traces.append(Trace())
        case "event":
            traces[traces.count - 1].events.append(Event())
            inEvent = true
        case "string", "date", "int", "boolean":
            guard !traces.isEmpty, let key = attributes["key"], let value = attributes["value"] else { return }
            if inEvent {
                let t = traces.count - 1
                traces[t].events[traces[t].events.count - 1].attributes[key] = value
            } else {
                traces[traces.count - 1].attributes[key] = value
            }
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "event" { inEvent = false }
    }

    static func read(_ bytes: [UInt8]) -> XESReader? {
        let reader = XESReader()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = reader
        return parser.parse() ? reader : nil
    }
}

/// What a slow, obvious reading of the CSV says an export holds: per dossier (the last record of
/// each `MaHoSo`), one event per dated field and per supplement request asked for and received
/// back; dossiers without a dated event left out.
func referenceCounts(_ log: String) -> (traces: Int, events: Int, requests: Int) {
    var last: [String: [String: String]] = [:]
    for row in ReferenceCSV.table(log) { last[row["MaHoSo"] ?? ""] = row }
    var traces = 0
    var events = 0
    var requests = 0
    for row in last.values {
        var n = 0
        for field in ["NgayNopHoSo", "NgayTiepNhan", "NgayTuChoi", "NgayKetThucXuLy", "NgayTra"]
        where !(row[field] ?? "").isEmpty {
            n += 1
        }
        for pause in (row["DanhSachHoSoBoSung"] ?? "").split(separator: ";") {
            let parts = pause.split(separator: "/", omittingEmptySubsequences: false)
            requests += 1
            n += 1
            if parts.count > 1 && !parts[1].isEmpty { n += 1 }
        }
        if n > 0 {
            traces += 1
            events += n
        }
    }
    return (traces, events, requests)
}

@Suite struct ExportTests {
    static let hostile = "Phòng <b>\"một cửa\"</b> & 'Tư pháp'\u{1}\u{7F}"
    static let small =
        "MaHoSo,MaTTHC,DonViXuLy,KenhThucHien,TrangThaiHoSo,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,NgayTra,DanhSachHoSoBoSung\n"
        + "H1,1.001,\"\(hostile.replacingOccurrences(of: "\"", with: "\"\""))\",2,10,20260302080000,20260305170000,20260304100000,20260304150000,20260302160000/20260303090000\n"
        + "H2,1.002,UBND xã A,1,4,20260302090000,20260303170000,,,\n"
        + "H3,1.001,UBND xã A,1,1,,,,,\n"

    @Test func xesDeclaresTheExtensionsAndHoldsOneTracePerDossier() throws {
        let (bytes, result) = try exportBytes(Self.small, format: .xes)
        let xes = try #require(XESReader.read(bytes), "the XES is well-formed XML")
        #expect(Set(xes.extensions) == ["concept", "time", "lifecycle", "org"])
        // H3 was registered and never received: no dated event, left out.
        #expect(xes.traces.map { $0.attributes["concept:name"] } == ["H1", "H2"])
        #expect(result.counts.traces == 2 && result.counts.withoutEvents == 1)
        let h1 = xes.traces[0]
        // The escaper keeps the text and turns the control characters into U+FFFD.
        #expect(h1.attributes["agency"] == "Phòng <b>\"một cửa\"</b> & 'Tư pháp'\u{FFFD}\u{FFFD}")
        #expect(h1.attributes["procedure"] == "1.001")
        #expect(h1.attributes["channel"] == "online")
        #expect(h1.attributes["progress"] == "early")
        #expect(h1.attributes["onTime"] == "true")
        // The supplement pause moves the due; it is written with Vietnam's offset.
        #expect(h1.attributes["due"]?.hasSuffix("+07:00") == true)
        #expect(
            h1.events.map { $0.attributes["concept:name"] ?? "" } == [
                "received", "supplement requested", "supplement received", "processing finished", "result returned",
            ])
        #expect(
            h1.events.map { $0.attributes["time:timestamp"] ?? "" } == [
                "2026-03-02T08:00:00+07:00", "2026-03-02T16:00:00+07:00", "2026-03-03T09:00:00+07:00",
                "2026-03-04T10:00:00+07:00", "2026-03-04T15:00:00+07:00",
            ])
        #expect(h1.events.allSatisfy { $0.attributes["lifecycle:transition"] == "complete" })
        #expect(h1.events[1].attributes["request"] == "1")
        // H2 is in progress at the log's latest event (2026-03-04 15:00), past its due.
        #expect(xes.traces[1].attributes["progress"] == "in progress overdue")
        #expect(xes.traces[1].attributes["onTime"] == nil)
    }

    @Test func ocelHoldsTheObjectsAndTheirRelations() throws {
        let (bytes, result) = try exportBytes(Self.small, format: .ocel)
        let json = try JSONValue.parse(String(decoding: bytes, as: UTF8.self))
        guard case .array(let objects)? = json["objects"], case .array(let events)? = json["events"],
            case .array(let objectTypes)? = json["objectTypes"], case .array(let eventTypes)? = json["eventTypes"]
        else {
            Issue.record("missing an OCEL 2.0 array")
            return
        }
        #expect(
            objectTypes.compactMap { $0["name"] } == [
                .string("dossier"), .string("procedure"), .string("department"), .string("citizen request"),
            ])
        #expect(eventTypes.count == ExportActivity.allCases.count)
        let ids = objects.compactMap { value -> String? in
            if case .string(let s)? = value["id"] { return s }
            return nil
        }
        #expect(Set(ids).count == ids.count, "object ids are unique")
        let expected: Set<String> = [
            "dossier:H1", "dossier:H2", "procedure:1.001", "procedure:1.002", "department:" + Self.hostile,
            "department:UBND xã A", "request:H1#1",
        ]
        #expect(Set(ids) == expected)
        #expect(events.count == 6 && result.counts.events == 6)
        #expect(result.counts.objects == objects.count)
        // Every relationship names an object of the file.
        for item in events + objects {
            guard case .array(let relations)? = item["relationships"] else {
                Issue.record("no relationships array")
                continue
            }
            for relation in relations {
                guard case .string(let id)? = relation["objectId"] else { continue }
                #expect(ids.contains(id), "relationship to \(id)")
            }
        }
        let eventIDs = events.compactMap { $0["id"] }
        #expect(Set(eventIDs).count == eventIDs.count, "event ids are unique")
    }

    /// The counts agree with a slow reading of the CSV, and the bytes do not depend on the
    /// number of workers or the size of the pieces.
    @Test(arguments: [UInt64(1), 2, 3])
    func countsMatchAReferenceAndBytesDoNotDependOnPieces(seed: UInt64) throws {
        let log = RandomDossierLog.make(seed: seed, count: 400)
        let expected = referenceCounts(log)
        for format in ExportFormat.allCases {
            let (whole, result) = try exportBytes(log, format: format, workers: 1)
            #expect(result.counts.traces == expected.traces, "seed \(seed) \(format)")
            #expect(result.counts.events == expected.events, "seed \(seed) \(format)")
            if format == .ocel { #expect(result.counts.requestObjects == expected.requests, "seed \(seed)") }
            for (workers, chunk) in [(3, 997), (2, 4096)] {
                let (pieces, _) = try exportBytes(log, format: format, workers: workers, chunkSize: chunk)
                #expect(pieces == whole, "seed \(seed) \(format) -j \(workers) --chunk-size \(chunk)")
            }
        }
    }

    @Test func xesOfARandomLogReadsBackWithItsCounts() throws {
        let log = RandomDossierLog.make(seed: 11, count: 300)
        let (bytes, result) = try exportBytes(log, format: .xes, workers: 3, chunkSize: 2048)
        let xes = try #require(XESReader.read(bytes))
        #expect(xes.traces.count == result.counts.traces)
        #expect(xes.traces.reduce(0) { $0 + $1.events.count } == result.counts.events)
        // Events are in time order within each trace (the +07:00 text sorts as the time does).
        for trace in xes.traces {
            let times = trace.events.map { $0.attributes["time:timestamp"] ?? "" }
            #expect(times == times.sorted())
        }
    }

    /// `ChuHoSo` leaves only as a pseudonym unless personal names are asked for.
    @Test(arguments: ExportFormat.allCases)
    func ownersArePseudonymisedUnlessAskedFor(format: ExportFormat) throws {
        let log =
            "MaHoSo,MaTTHC,DonViXuLy,ChuHoSo,TrangThaiHoSo,NgayTiepNhan\n"
            + "H1,1.001,A,\"Nguyễn Văn \"\"Tí\"\", Hà Nội\",2,20260302080000\nH2,1.001,A,Lê Thị Hoa,2,20260302090000\n"
        let key = Pseudonyms(keyText: "secret")
        let (hidden, _) = try exportBytes(log, format: format, pseudonyms: key)
        let text = String(decoding: hidden, as: UTF8.self)
        #expect(!text.contains("Hoa") && !text.contains("Nguy"))
        #expect(text.contains(key.pseudonym(of: "Lê Thị Hoa")))
        #expect(text.contains(key.pseudonym(of: "Nguyễn Văn \"Tí\", Hà Nội")))
        let (again, _) = try exportBytes(log, format: format, pseudonyms: key)
        #expect(again == hidden, "the same key gives the same file")
        let (shown, _) = try exportBytes(log, format: format, pseudonyms: nil)
        #expect(String(decoding: shown, as: UTF8.self).contains("Lê Thị Hoa"))
    }

    /// OCEL ids must be unique: keeping every record of a repeated MaHoSo is refused.
    @Test func ocelRefusesRepeatedDossiersUnlessTheLastRecordReplaces() throws {
        let log =
            "MaHoSo,MaTTHC,DonViXuLy,TrangThaiHoSo,NgayTiepNhan\nH1,1.001,A,2,20260302080000\nH1,1.001,A,4,20260302080000\n"
        #expect(throws: ExportError.self) { try exportBytes(log, format: .ocel, dedupe: .detect) }
        let (_, result) = try exportBytes(log, format: .ocel)
        #expect(result.counts.dossierObjects == 1)
        let (_, xes) = try exportBytes(log, format: .xes, dedupe: .detect)
        #expect(xes.counts.traces == 2)
    }
}

@Suite struct PseudonymTests {
    @Test func stableUnderOneKeyAndDifferentUnderAnother() {
        let a = Pseudonyms(keyText: "province key 2026")
        let b = Pseudonyms(keyText: "province key 2026")
        let c = Pseudonyms(keyText: "province key 2027")
        let name = "Nguyễn Thị Hoa"
        #expect(a.pseudonym(of: name) == b.pseudonym(of: name))
        #expect(a.pseudonym(of: name) != c.pseudonym(of: name))
        #expect(a.pseudonym(of: name) != a.pseudonym(of: "Nguyễn Thị Hòa"))
        #expect(Pseudonyms.random().pseudonym(of: name) != Pseudonyms.random().pseudonym(of: name))
        let text = a.pseudonym(of: name)
        #expect(text.hasPrefix("person-") && text.count == 23)
        #expect(text.dropFirst(7).allSatisfy { "0123456789abcdef".contains($0) })
        #expect(a.pseudonym(of: "") == "")
    }

    /// A name typed with combining marks is the same person as the precomposed one.
    @Test func composedAndDecomposedSpellingsAreOnePerson() {
        let key = Pseudonyms(keyText: "k")
        let composed = "Trần Văn Đức"
        let decomposed = composed.decomposedStringWithCanonicalMapping
        #expect(Array(composed.utf8) != Array(decomposed.utf8))
        #expect(key.pseudonym(of: composed) == key.pseudonym(of: decomposed))
    }

    /// The pseudonym is SipHash-2-4 of the name under the key derived from the key text.
    @Test func theKeyTextIsHashedIntoTheKey() {
        let zero = SipHash24(k0: 0, k1: 0)
        let hasher = SipHash24(k0: zero.hash([0] + Array("k".utf8)), k1: zero.hash([1] + Array("k".utf8)))
        let h = hasher.hash(Array("An".utf8))
        let hex = String(h, radix: 16)
        #expect(
            Pseudonyms(keyText: "k").pseudonym(of: "An") == "person-" + String(repeating: "0", count: 16 - hex.count)
                + hex)
    }
}

/// The byte escapers the writers stream through agree with the String escapers they stand for.
@Suite struct StreamingEscapeTests {
    static let texts = [
        "plain", "Hà Nội", "<script>&\"'", "a\u{0}b\u{1F}c\u{7F}d", "line\nbreak\r\tend", "\u{FFFE}\u{FFFF}\u{EFFF}",
        "quote\"back\\slash", "",
    ]

    @Test func markupBytesAgreeWithTheStringEscaper() {
        for text in Self.texts {
            var out: [UInt8] = []
            var copy = text
            copy.withUTF8 { MarkupText.append(escaping: UnsafeRawBufferPointer($0), to: &out) }
            #expect(String(decoding: out, as: UTF8.self) == MarkupText.escaped(text), "\(text.debugDescription)")
        }
    }

    @Test func jsonBytesAgreeWithTheStringQuoter() throws {
        for text in Self.texts {
            var out: [UInt8] = []
            var copy = text
            copy.withUTF8 { JSONValue.appendQuoted(UnsafeRawBufferPointer($0), to: &out) }
            #expect(String(decoding: out, as: UTF8.self) == JSONValue.quoted(text), "\(text.debugDescription)")
            #expect(try JSONValue.parse(String(decoding: out, as: UTF8.self)) == .string(text))
        }
    }

    @Test func timestampsAreISO8601WithVietnamsOffset() {
        var out: [UInt8] = []
        Timestamp(year: 2026, month: 3, day: 2, hour: 8, minute: 5, second: 9).appendISO8601WithOffset(to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "2026-03-02T08:05:09+07:00")
        for seconds in stride(from: Int64(0), to: 90 * 365 * 86_400, by: 86_400 * 37 + 3_917) {
            let t = Timestamp(seconds: seconds)
            var bytes: [UInt8] = []
            t.appendISO8601WithOffset(to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == t.iso8601 + "+07:00")
        }
    }
}

/// A zip archive built in memory (PKWARE APPNOTE 6.3: local headers, central directory, end
/// record; no zip64, so at most 65,535 entries and 4 GiB).
///
/// Entries are deflated through the system zlib unless stored is asked for. Every entry carries
/// the same fixed time (1980-01-01 00:00, the format's first instant), so the same content always
/// gives the same bytes.
public struct ZipArchive: Sendable {
    public enum Method: UInt16, Sendable {
        case stored = 0
        case deflated = 8
    }

    struct Entry: Sendable {
        var name: [UInt8]
        var method: Method
        var crc: UInt32
        var compressedSize: UInt32
        var size: UInt32
        var offset: UInt32
    }

    private var entries: [Entry] = []
    private var body: [UInt8] = []

    public init() {}

    /// Adds a file at `path` (forward slashes, no leading slash).
    public mutating func add(_ path: String, _ bytes: [UInt8], method: Method = .deflated) throws(ZipError) {
        guard entries.count < Int(UInt16.max) else { throw ZipError.tooManyEntries }
        let name = Array(path.utf8)
        guard !name.isEmpty, name.count <= Int(UInt16.max), name.first != UInt8(ascii: "/") else {
            throw ZipError.badName(path)
        }
        let data = method == .deflated ? try Zlib.deflate(bytes) : bytes
        guard body.count + 30 + name.count + data.count < Int(UInt32.max), bytes.count < Int(UInt32.max) else {
            throw ZipError.tooLarge
        }
        let entry = Entry(
            name: name, method: method, crc: Zlib.crc32(bytes), compressedSize: UInt32(data.count),
            size: UInt32(bytes.count), offset: UInt32(body.count))
        body.append32(0x0403_4B50)  // local file header
        appendCommonFields(entry, to: &body)
        body.append16(0)  // extra field length
        body += name
        body += data
        entries.append(entry)
    }

    /// The archive's bytes: the entries, then the central directory and its end record.
    public var bytes: [UInt8] {
        var out = body
        let directoryStart = UInt32(out.count)
        for entry in entries {
            out.append32(0x0201_4B50)  // central directory header
            out.append16(20)  // made by: version 2.0 (MS-DOS attributes)
            appendCommonFields(entry, to: &out)
            out.append16(0)  // extra field length
            out.append16(0)  // comment length
            out.append16(0)  // disk number
            out.append16(0)  // internal attributes
            out.append32(0)  // external attributes
            out.append32(entry.offset)
            out += entry.name
        }
        let directorySize = UInt32(out.count) - directoryStart
        out.append32(0x0605_4B50)  // end of central directory
        out.append16(0)  // this disk
        out.append16(0)  // the disk the directory starts on
        out.append16(UInt16(entries.count))
        out.append16(UInt16(entries.count))
        out.append32(directorySize)
        out.append32(directoryStart)
        out.append16(0)  // comment length
        return out
    }

    /// From "version needed" to the name's length: the same in the local and the central header.
    private func appendCommonFields(_ entry: Entry, to out: inout [UInt8]) {
        out.append16(20)  // version needed: 2.0 (deflate)
        out.append16(0x0800)  // flags: names are UTF-8
        out.append16(entry.method.rawValue)
        out.append16(0)  // time 00:00:00
        out.append16(0x21)  // date 1980-01-01: (year - 1980) << 9 | month << 5 | day
        out.append32(entry.crc)
        out.append32(entry.compressedSize)
        out.append32(entry.size)
        out.append16(UInt16(entry.name.count))
    }
}

/// Why an archive could not be built.
public enum ZipError: Error, Sendable, CustomStringConvertible, Equatable {
    case tooLarge
    case tooManyEntries
    case badName(String)
    case zlib(code: Int32)

    public var description: String {
        switch self {
        case .tooLarge: return "the workbook would exceed 4 GiB, the limit of a zip archive without zip64"
        case .tooManyEntries: return "more than 65,535 entries in one zip archive"
        case .badName(let name): return "invalid entry name '\(name)' in a zip archive"
        case .zlib(let code): return "zlib's deflate failed with code \(code)"
        }
    }
}

extension [UInt8] {
    /// Little-endian, as every zip field is.
    mutating func append16(_ value: UInt16) {
        append(UInt8(value & 0xFF))
        append(UInt8(value >> 8))
    }

    mutating func append32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }
}

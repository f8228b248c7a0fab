#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A small data file (procedure catalog, calendar file) as records of the one RFC 4180 reader,
/// with errors that name the file.
enum DataFile {
    static func records(_ bytes: [UInt8], file: String) throws(DataFileError) -> [RFC4180Reader.Record] {
        // Names and notes become text: bytes that are not UTF-8 would come out replaced.
        if let bad = bytes.withUnsafeBytes({ UTF8Validation.firstInvalid($0) }) {
            let lineStart = bytes[..<bad].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            throw DataFileError(
                file: file, line: 1 + bytes[..<bad].filter { $0 == 0x0A }.count,
                column: 1 + bytes[lineStart..<bad].filter { $0 & 0xC0 != 0x80 }.count,
                message: "byte \(bad) of the file is not UTF-8 text; save the file as CSV UTF-8")
        }
        let read = bytes.withUnsafeBytes { buffer in
            Result { () throws(RFC4180Reader.Problem) in try RFC4180Reader.records(in: buffer, dialect: .dataFile) }
        }
        do { return try read.get() } catch {
            throw DataFileError(
                file: file, line: error.line, column: error.column, message: "\(error.rule); \(error.fix)")
        }
    }

    /// The bytes of the file at `path`; `what` names it in the error ("catalog file").
    static func bytes(ofFile path: String, what: String) throws(DataFileError) -> [UInt8] {
        guard let file = fopen(path, "rb") else {
            throw DataFileError(file: path, line: 0, column: 0, message: "cannot read the \(what)")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n > 0 { bytes.append(contentsOf: buffer[0..<n]) }
            if n < buffer.count { break }
        }
        if ferror(file) != 0 { throw DataFileError(file: path, line: 0, column: 0, message: "cannot read the \(what)") }
        return bytes
    }
}

import Records

/// A parser of one encoding's records, straight from a buffer. `PieceParser` is generic over it
/// so each encoding gets its own specialized loop, with no per-record dispatch.
protocol RecordParser {
    /// A fast path for records of the usual shape: the record's end (one line end inside), or
    /// nil for any other record, which `parseAny` then reads.
    mutating func parseTypical(
        _ buffer: UnsafeRawBufferPointer, at start: Int, into record: inout DossierRecord
    ) -> Int?

    /// Parses any record starting at `start` of `buffer` into `record`.
    /// - Parameter atEnd: no more input follows `buffer`.
    mutating func parseAny(
        _ buffer: UnsafeRawBufferPointer, at start: Int, atEnd: Bool, into record: inout DossierRecord
    ) -> RecordParse

    /// Frees the parser's storage; it must not be used afterwards.
    func deallocate()
}

extension CSVRecordParser: RecordParser {}

extension JSONLRecordParser: RecordParser {
    func parseTypical(_ buffer: UnsafeRawBufferPointer, at start: Int, into record: inout DossierRecord) -> Int? {
        nil
    }

    mutating func parseAny(
        _ buffer: UnsafeRawBufferPointer, at start: Int, atEnd: Bool, into record: inout DossierRecord
    ) -> RecordParse {
        parse(buffer, at: start, atEnd: atEnd, into: &record)
    }
}

import Records

/// A parser of one encoding's records, straight from a buffer. `PieceParser` is generic over it
/// so each encoding gets its own specialized loop, with no per-record dispatch.
protocol RecordParser {
    /// Parses the record starting at `start` of `buffer` into `record`.
    /// - Parameter atEnd: no more input follows `buffer`.
    mutating func parse(
        _ buffer: UnsafeRawBufferPointer, at start: Int, atEnd: Bool, into record: inout DossierRecord
    ) -> RecordParse

    /// Frees the parser's storage; it must not be used afterwards.
    func deallocate()
}

extension CSVRecordParser: RecordParser {}
extension JSONLRecordParser: RecordParser {}

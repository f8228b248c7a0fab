import Records

/// Receives the records of one piece of the log, on one worker.
///
/// The scanner makes a consumer per piece and merges them in log order, so a consumer whose
/// `merge` is associative gives the same result for any number of workers and any chunk size.
public protocol RecordConsumer: SendableMetatype {
    /// Called for each accepted record; the record's text fields are valid only during the call.
    mutating func consume(_ record: inout DossierRecord)
    /// Folds in the consumer of the piece that follows this one in the log.
    mutating func merge(_ later: consuming Self)
    /// True when the result does not depend on which records a consumer saw or in what order
    /// they were merged (sums of counts, say). The scanner then keeps one consumer per worker for
    /// the whole run instead of one per piece, so large group tables are built once per worker.
    static var foldsInAnyOrder: Bool { get }
    /// Called once the piece is parsed, before the merge, with the index of its file among the
    /// inputs and the line its first record starts on: a record's line is `firstLine +
    /// record.pieceLine`. Only consumers that do not fold in any order (one per piece) are placed.
    mutating func place(file: Int, firstLine: Int)
}

extension RecordConsumer {
    public static var foldsInAnyOrder: Bool { false }
    public mutating func place(file: Int, firstLine: Int) {}
}

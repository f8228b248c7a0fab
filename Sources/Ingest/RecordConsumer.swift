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
}

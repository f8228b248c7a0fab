import Ingest
import Records

/// Two consumers fed by one scan: each record goes to `first`, then to `second`, so a document
/// that needs more than the engine's counts reads its log once (standard input can be read only
/// once).
struct PairedConsumer<First: RecordConsumer, Second: RecordConsumer>: RecordConsumer {
    var first: First
    var second: Second

    mutating func consume(_ record: inout DossierRecord) {
        first.consume(&record)
        second.consume(&record)
    }

    mutating func merge(_ later: consuming PairedConsumer) {
        first.merge(later.first)
        second.merge(later.second)
    }

    static var foldsInAnyOrder: Bool { First.foldsInAnyOrder && Second.foldsInAnyOrder }
}

import CivilTime
import Ingest
import Metrics
import Records
import WorkingTime

/// What every piece's accumulator shares: the rules and the selection.
final class AccumulatorSetup: Sendable {
    let classifier: DossierClassifier
    let dimensions: [GroupDimension]
    let asOf: Timestamp?
    let window: ReceivedWindow
    let needsProcedure: Bool
    let hasCatalog: Bool

    init(options: ReportOptions) {
        classifier = options.classifier
        dimensions = options.dimensions
        asOf = options.asOf
        window = ReceivedWindow(from: options.receivedFrom, before: options.receivedBefore, asOf: options.asOf)
        hasCatalog = options.classifier.catalog != nil
        needsProcedure = hasCatalog || options.dimensions.contains(.procedure)
    }

    /// `classifier.classifyReceived`, out of line here: the call passes this object, and the
    /// classifier's fields are read where they are needed, not packed into registers by every
    /// record's call.
    @inline(never)
    func classifyReceived(_ record: inout DossierRecord, terms: ProcedureCatalog.Terms?, asOf: Timestamp)
        -> Classification
    {
        classifier.classifyReceived(&record, terms: terms, asOf: asOf)
    }

    /// `classifyReceived` without catalog terms (no catalog, or no code): the nil terms are
    /// known here, so no record stores them for the call and the legal due is the record's own.
    @inline(never)
    func classifyReceivedWithoutTerms(_ record: inout DossierRecord, asOf: Timestamp) -> Classification {
        classifier.classifyReceived(&record, terms: nil, asOf: asOf)
    }
}

/// A group key inside one piece: up to four small ids (interned text, time keys, channel codes).
struct LocalKey: Hashable {
    var a: Int32 = 0
    var b: Int32 = 0
    var c: Int32 = 0
    var d: Int32 = 0

    subscript(i: Int) -> Int32 {
        get {
            switch i {
            case 0: return a
            case 1: return b
            case 2: return c
            default: return d
            }
        }
        set {
            switch i {
            case 0: a = newValue
            case 1: b = newValue
            case 2: c = newValue
            default: d = newValue
            }
        }
    }
}

/// Folds records into KPI aggregates, in total and per group.
///
/// Inside a piece, keys are small integer ids (no `String` per record); merging turns them into
/// text keys. An in-progress dossier whose verdict needs the as-of time, when that time is the
/// latest event of the whole log, is kept as a compact `PendingProgress` until the end.
struct KPIAccumulator: RecordConsumer {
    let setup: AccumulatorSetup
    /// The accumulators merged into this one, and the verdicts settled at the end.
    private var ownTotals = KPIAggregate()
    /// Every record's counts. A record is added to its piece-local slot only (without
    /// dimensions, slot 0 holds them all), and the slots are summed here (once, when the
    /// accumulator is merged): sums of integers, so the totals are the same, at one addition per
    /// record instead of two.
    var totals: KPIAggregate {
        var sum = ownTotals
        for slot in 0..<slots.count { sum.merge(slots.aggregate(slot)) }
        return sum
    }
    var latestEvent = Int64.min
    private var leftOut = ReceivedWindowTally()
    var outsideSelection: Int { leftOut.outsideSelection }
    var afterAsOf: Int { leftOut.afterAsOf }

    // Piece-local groups.
    private let slots = SlotAggregates()
    private var slotKeys: [LocalKey] = []
    private var slotIndex = SlotTable()
    /// With one dimension, the slot of value v at v + 1 (-1 while unknown), for values below
    /// `directLimit` - 1: text ids are dense from 0 and channels 1 to 3, so the hash probe,
    /// whose length varied with collisions and was often guessed wrong, is skipped; time keys
    /// (days, months) are larger and stay in `slotIndex`, which holds every key.
    private var directSlots: [Int32] = []
    private static let directLimit = 1 << 12
    /// With one text dimension (unit or field), the slot of the record's key in its text table
    /// (-1 while unknown): the key is the slot's, so the piece-local id is not looked up first.
    private var slotOfTextKey: [Int32] = []
    /// 1 when the one dimension is the unit, 2 when it is the field, else 0.
    private let textDimension: Int
    /// With two dimensions, the slots of the input pairs seen last (`usesPairMemo`).
    private var pairMemo: PairSlotMemo
    private let usesPairMemo: Bool
    private var agencies = ByteInterner()
    private var procedures = ByteInterner()
    private var fields = ByteInterner()
    /// The piece-local ids of text values by their keys in the records' text table
    /// (`DossierRecord.textKeyTag`, the first one seen; records of another table take the bytes).
    private var keyTag = 0
    private var agencyOfKey: [Int32] = []
    private var procedureOfKey: [Int32] = []
    private var fieldOfKey: [Int32] = []
    /// Per time dimension (up to four) and received day modulo 256: the day and its time key
    /// (`day << 32 | key`), `Int64.min` while empty.
    private var timeKeys: [Int64] = []
    private var catalogTerms: [ProcedureCatalog.Terms?] = []
    /// Per piece-local procedure id, dossiers left without a due by a catalog miss (rare: only
    /// that path touches it); index 0 counts those without a code, id + 1 the others.
    private var missesLocal: [Int] = []
    /// Misses of the accumulators merged into this one, by code.
    private var mergedMisses = CatalogMisses()

    /// Every catalog miss this accumulator has seen or merged.
    var catalogMisses: CatalogMisses {
        var misses = mergedMisses
        for (slot, n) in missesLocal.enumerated() where n > 0 {
            misses.add(code: slot == 0 ? "" : procedures.string(slot - 1), dossiers: n)
        }
        return misses
    }
    private var pendingLocal: [(slot: Int32, pending: PendingProgress)] = []

    // Merged groups, keyed by ids of the merged interners: text becomes a `String` only once
    // per distinct value, when the final keys are read.
    private(set) var groups: [KPIAggregate] = []
    private var groupIDs: [LocalKey] = []
    private var groupIndex: [LocalKey: Int] = [:]
    private var mergedAgencies = ByteInterner()
    private var mergedProcedures = ByteInterner()
    private var mergedFields = ByteInterner()
    private(set) var pending: [(group: Int32, pending: PendingProgress)] = []

    /// The text keys of the merged groups, in the order of `groups`.
    var groupKeys: [GroupKey] {
        groupIDs.map {
            Self.groupKey(
                of: $0, dimensions: setup.dimensions, agencies: mergedAgencies, procedures: mergedProcedures,
                fields: mergedFields)
        }
    }

    /// `setup.dimensions` (at most four, as `LocalKey` holds), kept here so that the loop per
    /// record reads no array: iterating the setup's array retained and released it each time.
    private let dimensionCount: Int
    private let dimensionList: (GroupDimension, GroupDimension, GroupDimension, GroupDimension)

    init(setup: AccumulatorSetup) {
        self.setup = setup
        let dimensions = setup.dimensions
        precondition(dimensions.count <= 4, "at most four --by dimensions")
        dimensionCount = dimensions.count
        func at(_ i: Int) -> GroupDimension { i < dimensions.count ? dimensions[i] : .agency }
        dimensionList = (at(0), at(1), at(2), at(3))
        textDimension = dimensions == [.agency] ? 1 : dimensions == [.field] ? 2 : 0
        usesPairMemo = dimensions.count == 2
        pairMemo = PairSlotMemo(entries: usesPairMemo ? 1 << 12 : 0)
        if dimensions.isEmpty { _ = slots.append() }
    }

    /// Counts and histograms only add up, so workers may keep one accumulator for the whole run.
    static var foldsInAnyOrder: Bool { true }

    mutating func consume(_ record: inout DossierRecord) {
        guard leftOut.admits(record.received, in: setup.window) else { return }
        var procedureID = -1
        if setup.needsProcedure && record.procedure.count > 0 {
            procedureID = Self.localID(
                record.procedure, key: record.procedureKey, tag: record.textKeyTag, keyTag: &keyTag,
                ids: &procedureOfKey, interner: &procedures)
            if let catalog = setup.classifier.catalog {
                while catalogTerms.count <= procedureID {
                    catalogTerms.append(catalog[procedures.string(catalogTerms.count)]?.terms)
                }
            }
        }
        // Without dimensions every record goes to slot 0 (made in `init`), the totals' own slot.
        let slot = dimensionCount == 0 ? 0 : self.slot(&record, procedureID: procedureID)
        if setup.hasCatalog {
            foldWithCatalog(&record, slot: slot, procedureID: procedureID)
        } else {
            fold(&record, slot: slot, procedureID: procedureID, terms: nil, hasCatalog: false)
        }
    }

    /// `fold` with the catalog's terms of the record's procedure, out of line: without a
    /// catalog, the terms are a nil known to `fold`, and no record stores them.
    @inline(never)
    private mutating func foldWithCatalog(_ record: inout DossierRecord, slot: Int, procedureID: Int) {
        fold(&record, slot: slot, procedureID: procedureID, terms: terms(ofProcedure: procedureID), hasCatalog: true)
    }

    /// The catalog's terms of a piece-local procedure id (nil without a code or a catalog entry).
    @inline(__always)
    private func terms(ofProcedure procedureID: Int) -> ProcedureCatalog.Terms? {
        procedureID >= 0 && procedureID < catalogTerms.count ? catalogTerms[procedureID] : nil
    }

    /// Classifies the record and adds it to its slot. `hasCatalog` is the setup's, passed as a
    /// constant by each caller, so the path without a catalog tests no catalog miss.
    /// `@inline(always)` (Swift 6.3): `@inline(__always)` left it a call.
    @inline(always)
    private mutating func fold(
        _ record: inout DossierRecord, slot: Int, procedureID: Int, terms: ProcedureCatalog.Terms?, hasCatalog: Bool
    ) {
        let classification: Classification?
        if let asOf = setup.asOf {
            classification = classify(&record, terms: terms, asOf: asOf)
        } else {
            // The latest event is the as-of time only when none was given.
            noteEvents(record)
            classification = classifyBeforeAsOf(&record, procedureID: procedureID, slot: slot)
        }
        if hasCatalog, terms == nil, let progress = classification?.progress,
            progress == .finishedWithoutDue || progress == .inProgressWithoutDue
        {
            noteCatalogMiss(procedureID: procedureID)
        }
        slots.add(
            &record, slot: slot, terms: terms, progress: classification?.progress,
            processingSeconds: classification?.processingWorkingSeconds)
    }

    private mutating func noteCatalogMiss(procedureID: Int) {
        if missesLocal.count <= procedureID + 1 {
            missesLocal.append(contentsOf: repeatElement(0, count: procedureID + 2 - missesLocal.count))
        }
        missesLocal[procedureID + 1] += 1
    }

    /// The latest thing that happened in the log: the default as-of time.
    @inline(__always)
    private mutating func noteEvents(_ record: borrowing DossierRecord) {
        latestEvent = max(latestEvent, record.latestEventSeconds)
    }

    /// The dossier's classification, nil when it has none (not received, withdrawn). Not
    /// `mutating`: called with `self` borrowed, the classifier's tables are not retained.
    @inline(__always)
    private func classify(_ record: inout DossierRecord, terms: ProcedureCatalog.Terms?, asOf: Timestamp)
        -> Classification?
    {
        guard record.status.isJudged else { return nil }
        if terms == nil { return setup.classifyReceivedWithoutTerms(&record, asOf: asOf) }
        return setup.classifyReceived(&record, terms: terms, asOf: asOf)
    }

    /// The dossier's classification while the as-of time is the log's latest event, not yet
    /// known: nil when it has none (not received, withdrawn) or when its verdict waits for that
    /// time in `pendingLocal` (it counts as in progress now).
    /// (Given the procedure's id, not its terms: passing a nil `Terms?` made every record store one.)
    @inline(never)
    private mutating func classifyBeforeAsOf(_ record: inout DossierRecord, procedureID: Int, slot: Int)
        -> Classification?
    {
        guard record.status.isJudged else { return nil }
        let terms = terms(ofProcedure: procedureID)
        if record.end == nil, let pendingProgress = setup.classifier.pending(&record, terms: terms) {
            pendingLocal.append((Int32(slot), pendingProgress))
            return nil
        }
        // Nothing here depends on the as-of time: finished, or without a due.
        return setup.classifyReceived(&record, terms: terms, asOf: Timestamp(seconds: Int64.max / 4))
    }

    /// The piece-local id of a text value: found by its key when the record's table is the one
    /// this accumulator follows, else (and the first time) by its bytes.
    @inline(__always)
    private static func localID(
        _ bytes: UnsafeRawBufferPointer, key: Int32, tag: Int, keyTag: inout Int, ids: inout [Int32],
        interner: inout ByteInterner
    ) -> Int {
        // (A record without a table has tag 0 and stale keys; `ids` stays empty while `keyTag` is 0.)
        if tag == keyTag && key >= 0 && Int(key) < ids.count {
            let id = ids[Int(key)]
            if id >= 0 { return Int(id) }
        }
        return firstLocalID(bytes, key: key, tag: tag, keyTag: &keyTag, ids: &ids, interner: &interner)
    }

    /// `localID` by the bytes, remembering the key's id.
    @inline(never)
    private static func firstLocalID(
        _ bytes: UnsafeRawBufferPointer, key: Int32, tag: Int, keyTag: inout Int, ids: inout [Int32],
        interner: inout ByteInterner
    ) -> Int {
        let id = interner.id(of: bytes)
        if tag != 0 && key >= 0 {
            if keyTag == 0 { keyTag = tag }
            if tag == keyTag {
                if ids.count <= Int(key) { ids.append(contentsOf: repeatElement(-1, count: Int(key) + 1 - ids.count)) }
                ids[Int(key)] = Int32(id)
            }
        }
        return id
    }

    /// The record's value for the dimension at position `i` of the key.
    @inline(__always)
    private mutating func keyValue(
        _ dimension: GroupDimension, at i: Int, _ record: inout DossierRecord, procedureID: Int
    ) -> Int32 {
        let value: Int32
        switch dimension {
        case .agency:
            value =
                record.agency.count > 0
                ? Int32(
                    Self.localID(
                        record.agency, key: record.agencyKey, tag: record.textKeyTag, keyTag: &keyTag,
                        ids: &agencyOfKey, interner: &agencies)) : -1
        case .procedure: value = procedureID >= 0 ? Int32(procedureID) : -1
        case .field:
            value =
                record.field.count > 0
                ? Int32(
                    Self.localID(
                        record.field, key: record.fieldKey, tag: record.textKeyTag, keyTag: &keyTag,
                        ids: &fieldOfKey, interner: &fields)) : -1
        case .channel: value = Int32(record.channel)
        case .day, .week, .month, .quarter:
            if let received = record.received {
                value = timeKey(dimension, at: i, dayNumber: received.dayNumber)
            } else {
                value = Int32.min
            }
        }
        return value
    }

    /// The record's slot: by its text key when the one dimension is a text (inline), else
    /// `slotByKey`.
    @inline(__always)
    private mutating func slot(_ record: inout DossierRecord, procedureID: Int) -> Int {
        if textDimension != 0 {
            let textKey = directTextKey(&record)
            if textKey >= 0 && textKey < slotOfTextKey.count {
                let slot = slotOfTextKey[textKey]
                if slot >= 0 { return Int(slot) }
            }
        }
        if usesPairMemo { return slotByPair(&record, procedureID: procedureID) }
        return slotByKey(&record, procedureID: procedureID)
    }

    /// The record's slot with two dimensions: remembered by the pair of its inputs when both
    /// are at hand, else by its key. (Out of line: the one-dimension path stays small.)
    @inline(never)
    private mutating func slotByPair(_ record: inout DossierRecord, procedureID: Int) -> Int {
        guard let first = memoInput(dimensionList.0, record, procedureID: procedureID),
            let second = memoInput(dimensionList.1, record, procedureID: procedureID)
        else { return slotByKey(&record, procedureID: procedureID) }
        let pair = PairSlotMemo.pack(first, second)
        if let slot = pairMemo.slot(of: pair) { return slot }
        let slot = slotByKey(&record, procedureID: procedureID)
        pairMemo.remember(pair, slot: slot)
        return slot
    }

    /// What decides the record's value in `dimension` with no piece-local lookup, for
    /// `pairMemo`: the received day (`Int32.min` without one), the unit's or field's key in the
    /// text table this accumulator follows (-1 when the value is empty), the channel, the
    /// procedure's piece-local id. Nil when the value must be looked up: a text of another
    /// table, or a day beyond 32 bits. (The day, not the time key: reading the day's cache for
    /// the key cost more than the misses of a log's 2,000 day-unit pairs.)
    @inline(__always)
    private func memoInput(_ dimension: GroupDimension, _ record: borrowing DossierRecord, procedureID: Int) -> Int32? {
        let followed = record.textKeyTag != 0 && record.textKeyTag == keyTag
        switch dimension {
        case .day, .week, .month, .quarter:
            guard let received = record.received else { return Int32.min }
            guard let day = Int32(exactly: received.dayNumber), day != Int32.min else { return nil }
            return day
        case .agency:
            if record.agency.count == 0 { return -1 }
            return followed && record.agencyKey >= 0 ? record.agencyKey : nil
        case .field:
            if record.field.count == 0 { return -1 }
            return followed && record.fieldKey >= 0 ? record.fieldKey : nil
        case .channel: return Int32(record.channel)
        case .procedure: return Int32(truncatingIfNeeded: procedureID)
        }
    }

    /// The record's slot by its key (`slotFor`), remembered by its text key when the one
    /// dimension is a text.
    @inline(never)
    private mutating func slotByKey(_ record: inout DossierRecord, procedureID: Int) -> Int {
        let slot = slotFor(&record, procedureID: procedureID)
        if textDimension != 0 { rememberTextKey(&record, slot: slot) }
        return slot
    }

    /// The key of the record's text value when the one dimension is a text (`textDimension`),
    /// the value is not empty and the key is of the table this accumulator follows; else -1.
    @inline(__always)
    private func directTextKey(_ record: inout DossierRecord) -> Int {
        // (A record without a table has tag 0 and stale keys; an empty value's key is -1.)
        guard record.textKeyTag != 0 && record.textKeyTag == keyTag else { return -1 }
        return Int(textDimension == 1 ? record.agencyKey : record.fieldKey)
    }

    /// Remembers the slot of the record's text key (see `directTextKey`).
    @inline(never)
    private mutating func rememberTextKey(_ record: inout DossierRecord, slot: Int) {
        let textKey = directTextKey(&record)
        guard textKey >= 0 else { return }
        if slotOfTextKey.count <= textKey {
            slotOfTextKey.append(contentsOf: repeatElement(-1, count: textKey + 1 - slotOfTextKey.count))
        }
        slotOfTextKey[textKey] = Int32(slot)
    }

    @inline(__always)
    private mutating func slotFor(_ record: inout DossierRecord, procedureID: Int) -> Int {
        var key = LocalKey()
        key.a = keyValue(dimensionList.0, at: 0, &record, procedureID: procedureID)
        // One dimension of small ids (a unit, procedure, field or channel): one array read.
        let direct = dimensionCount == 1 ? Int(key.a) &+ 1 : -1
        if direct >= 0 && direct < directSlots.count {
            let slot = directSlots[direct]
            if slot >= 0 { return Int(slot) }
        }
        if dimensionCount > 1 { key.b = keyValue(dimensionList.1, at: 1, &record, procedureID: procedureID) }
        if dimensionCount > 2 { key.c = keyValue(dimensionList.2, at: 2, &record, procedureID: procedureID) }
        if dimensionCount > 3 { key.d = keyValue(dimensionList.3, at: 3, &record, procedureID: procedureID) }
        if let slot = slotIndex.slot(of: key) { return slot }
        return newSlot(key, direct: direct)
    }

    /// A slot for a key not seen yet, remembered in `directSlots` when `direct` (the value + 1
    /// of a one-dimension key) is below `directLimit`: so a one-dimension key found in
    /// `slotIndex` is one too large for `directSlots`.
    @inline(never)
    private mutating func newSlot(_ key: LocalKey, direct: Int) -> Int {
        let slot = slots.append()
        slotKeys.append(key)
        slotIndex.insert(key, slot: slot)
        if direct >= 0 && direct < Self.directLimit {
            if directSlots.count <= direct {
                directSlots.append(contentsOf: repeatElement(-1, count: direct + 1 - directSlots.count))
            }
            directSlots[direct] = Int32(slot)
        }
        return slot
    }

    /// The time key of a received day, remembered per dimension for the last 256 days seen
    /// (a log's dossiers fall on a few hundred days, in any order).
    @inline(__always)
    private mutating func timeKey(_ dimension: GroupDimension, at i: Int, dayNumber: Int) -> Int32 {
        if timeKeys.isEmpty { timeKeys = [Int64](repeating: Int64.min, count: 4 * 256) }
        let index = i &* 256 &+ (dayNumber & 255)
        let cached = timeKeys[index]
        if cached != Int64.min && Int(cached >> 32) == dayNumber { return Int32(truncatingIfNeeded: cached) }
        let key = Int32(GroupDimension.timeKey(dimension, dayNumber: dayNumber))
        // A day that does not fit 32 bits is not remembered.
        if let day = Int32(exactly: dayNumber) { timeKeys[index] = Int64(day) << 32 | Int64(UInt32(bitPattern: key)) }
        return key
    }

    private static func groupKey(
        of local: LocalKey, dimensions: [GroupDimension], agencies: ByteInterner, procedures: ByteInterner,
        fields: ByteInterner
    ) -> GroupKey {
        var values: [String?] = []
        var ranks: [Int] = []
        for (i, dimension) in dimensions.enumerated() {
            let v = Int(local[i])
            switch dimension {
            case .agency, .procedure, .field:
                let interner = dimension == .agency ? agencies : dimension == .procedure ? procedures : fields
                values.append(v >= 0 ? interner.string(v) : nil)
                ranks.append(0)
            case .channel:
                values.append(GroupDimension.channelLabel(v))
                ranks.append(v)
            case .day, .week, .month, .quarter:
                values.append(v == Int(Int32.min) ? nil : GroupDimension.timeLabel(dimension, key: v))
                ranks.append(v)
            }
        }
        return GroupKey(values: values, ranks: ranks)
    }

    /// Ids of `from` translated into ids of `into`, one lookup per distinct value. Text keys
    /// meet in NFC here, so groups whose keys differ only in composition merge.
    private static func translation(from: ByteInterner, into: inout ByteInterner) -> [Int32] {
        (0..<from.count).map { id in from.withBytes(id) { Int32(into.canonicalID(of: $0)) } }
    }

    /// A key whose text ids are translated by the given tables (time and channel keys stay).
    private func translated(_ key: LocalKey, agencies: [Int32], procedures: [Int32], fields: [Int32]) -> LocalKey {
        var result = key
        for (i, dimension) in setup.dimensions.enumerated() where key[i] >= 0 {
            switch dimension {
            case .agency: result[i] = agencies[Int(key[i])]
            case .procedure: result[i] = procedures[Int(key[i])]
            case .field: result[i] = fields[Int(key[i])]
            default: break
            }
        }
        return result
    }

    private mutating func mergedGroup(_ key: LocalKey) -> Int {
        if let index = groupIndex[key] { return index }
        let index = groups.count
        groups.append(KPIAggregate())
        groupIDs.append(key)
        groupIndex[key] = index
        return index
    }

    mutating func merge(_ later: consuming KPIAccumulator) {
        ownTotals.merge(later.totals)
        latestEvent = max(latestEvent, later.latestEvent)
        leftOut.merge(later.leftOut)
        mergedMisses.merge(later.catalogMisses)
        guard !setup.dimensions.isEmpty else {
            pending.append(contentsOf: later.pendingLocal.map { (-1, $0.pending) })
            pending.append(contentsOf: later.pending.map { (-1, $0.pending) })
            return
        }
        // The later piece's own groups.
        let agencyIDs = Self.translation(from: later.agencies, into: &mergedAgencies)
        let procedureIDs = Self.translation(from: later.procedures, into: &mergedProcedures)
        let fieldIDs = Self.translation(from: later.fields, into: &mergedFields)
        var localToMerged = [Int32](repeating: -1, count: later.slots.count)
        for slot in 0..<later.slots.count {
            let key = translated(later.slotKeys[slot], agencies: agencyIDs, procedures: procedureIDs, fields: fieldIDs)
            let index = mergedGroup(key)
            groups[index].merge(later.slots.aggregate(slot))
            localToMerged[slot] = Int32(index)
        }
        // Groups the later accumulator had merged itself.
        let mergedAgencyIDs = Self.translation(from: later.mergedAgencies, into: &mergedAgencies)
        let mergedProcedureIDs = Self.translation(from: later.mergedProcedures, into: &mergedProcedures)
        let mergedFieldIDs = Self.translation(from: later.mergedFields, into: &mergedFields)
        var laterToMerged = [Int32](repeating: -1, count: later.groups.count)
        for (i, aggregate) in later.groups.enumerated() {
            let key = translated(
                later.groupIDs[i], agencies: mergedAgencyIDs, procedures: mergedProcedureIDs, fields: mergedFieldIDs)
            let index = mergedGroup(key)
            groups[index].merge(aggregate)
            laterToMerged[i] = Int32(index)
        }
        for item in later.pendingLocal {
            pending.append((item.slot >= 0 ? localToMerged[Int(item.slot)] : -1, item.pending))
        }
        for item in later.pending {
            pending.append((item.group >= 0 ? laterToMerged[Int(item.group)] : -1, item.pending))
        }
    }

    /// Settles the deferred in-progress verdicts at `asOf`.
    mutating func resolvePending(asOf: Timestamp) {
        for item in pending {
            let verdict = setup.classifier.resolve(item.pending, asOf: asOf)
            let overdue = verdict.progress == .inProgressOverdue
            if overdue { ownTotals.counts.inProgressOverdue += 1 } else { ownTotals.counts.inProgressWithin += 1 }
            if item.group >= 0 {
                if overdue {
                    groups[Int(item.group)].counts.inProgressOverdue += 1
                } else {
                    groups[Int(item.group)].counts.inProgressWithin += 1
                }
            }
        }
        pending = []
    }
}

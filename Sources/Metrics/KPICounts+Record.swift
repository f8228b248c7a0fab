import Records
import WorkingTime

extension KPICounts {
    /// The counts one dossier contributes, by the rules of the core report (README,
    /// "How each dossier is classified"). `classification` nil means an in-progress dossier
    /// whose within/overdue verdict is settled later (it counts as `in_progress` only).
    @inlinable
    public init(_ record: borrowing DossierRecord, terms: ProcedureCatalog.Terms?, classification: Classification?) {
        self.init()
        var copy = copy record
        add(&copy, terms: terms, classification: classification)
    }

    /// Adds the counts one dossier contributes (see `init(_:terms:classification:)`). The record
    /// is passed `inout` only so that it goes by address: a borrowed one of this size was copied
    /// on every call; it is not changed. Counts add with `&+=`: no log holds 2^63 dossiers, and
    /// the overflow checks were a fifth of the instructions.
    @inlinable @inline(__always)
    public mutating func add(
        _ record: inout DossierRecord, terms: ProcedureCatalog.Terms?, classification: Classification?
    ) {
        add(&record, terms: terms, progress: classification?.progress)
    }

    /// `add(_:terms:classification:)` given only the classification's progress class, the one
    /// part of it the counts read (nil: no classification). `@inline(always)` (Swift 6.3):
    /// `@inline(__always)` left it a call from `SlotAggregates.add`, with its own frame.
    @inlinable @inline(always)
    public mutating func add(_ record: inout DossierRecord, terms: ProcedureCatalog.Terms?, progress: ProgressClass?) {
        guard record.status.isReceived else {
            notReceived &+= 1
            return
        }
        addReceived(&record, terms: terms)
        if record.status == .withdrawn {
            withdrawn &+= 1
            return
        }
        guard let progress else {
            inProgress &+= 1
            return
        }
        addProgress(&record, progress)
    }

    /// The counts of a received dossier that belong to its receipt: `received`, the channel,
    /// full-online, fee and payment, digitization (withdrawn dossiers included).
    ///
    /// Each count adds 0 or 1 (`one`) instead of adding under an `if`: the flags change from
    /// record to record with no pattern, so each `if` was a branch the processor often guessed
    /// wrong (2.2 wrong guesses per record in valgrind's branch simulation).
    @inlinable @inline(__always)
    public mutating func addReceived(_ record: inout DossierRecord, terms: ProcedureCatalog.Terms?) {
        // The catalog's defaults, read once (no catalog: one well-predicted test).
        let catalogLevel = terms?.level ?? 0
        let catalogFee = terms?.feeBearing ?? false
        let level = record.level != 0 ? Int(record.level) : catalogLevel
        let eligible = Self.one(level == 4)
        let fee = Self.one(record.feeBearing ?? catalogFee)
        // Paid online: code 1 or 2 (`&- 1` takes 0 and the absent value past 1).
        let paid = Self.one((record.paidOnline ?? 0) &- 1 < 2)
        received &+= 1
        online &+= Self.one(record.channel == 2)
        postal &+= Self.one(record.channel == 3)
        fullOnlineEligible &+= eligible
        fullOnline &+= eligible & Self.one(record.fullOnline == true)
        feeBearing &+= fee
        paidOnline &+= fee & paid
        digitized &+= Self.one(record.digitized == true)
    }

    /// The counts of a dossier's progress verdict: finished (early, on time, late, with apology,
    /// electronic result) or in progress (within, overdue), and no due. Every class adds its
    /// 0 or 1 to every count it could touch, so the verdict is never branched on.
    @inlinable @inline(__always)
    public mutating func addProgress(_ record: inout DossierRecord, _ progress: ProgressClass) {
        let isLate = Self.one(progress == .late)
        let isFinished = Self.one(progress.isFinished)
        early &+= Self.one(progress == .early)
        onTime &+= Self.one(progress == .onTime)
        late &+= isLate
        lateWithApology &+= isLate & Self.one(record.apology == true)
        noDue &+= Self.one(progress == .finishedWithoutDue || progress == .inProgressWithoutDue)
        inProgressWithin &+= Self.one(progress == .inProgressWithin)
        inProgressOverdue &+= Self.one(progress == .inProgressOverdue)
        finished &+= isFinished
        electronicResult &+= isFinished & Self.one(record.electronicResult == true)
        inProgress &+= isFinished ^ 1
    }

    /// 1 for true, 0 for false: a value to add, where an `if` would be a branch.
    @inlinable @inline(__always)
    static func one(_ condition: Bool) -> Int { condition ? 1 : 0 }
}

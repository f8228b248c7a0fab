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
        guard record.status.isReceived else {
            notReceived &+= 1
            return
        }
        addReceived(&record, terms: terms)
        if record.status == .withdrawn {
            withdrawn &+= 1
            return
        }
        guard let classification else {
            inProgress &+= 1
            return
        }
        addProgress(&record, classification.progress)
    }

    /// The counts of a received dossier that belong to its receipt: `received`, the channel,
    /// full-online, fee and payment, digitization (withdrawn dossiers included).
    @inlinable @inline(__always)
    public mutating func addReceived(_ record: inout DossierRecord, terms: ProcedureCatalog.Terms?) {
        received &+= 1
        if record.channel == 2 { online &+= 1 }
        if record.channel == 3 { postal &+= 1 }
        let level = record.level != 0 ? Int(record.level) : (terms?.level ?? 0)
        if level == 4 {
            fullOnlineEligible &+= 1
            if record.fullOnline == true { fullOnline &+= 1 }
        }
        if record.feeBearing ?? terms?.feeBearing ?? false {
            feeBearing &+= 1
            if let paid = record.paidOnline, paid == 1 || paid == 2 { paidOnline &+= 1 }
        }
        if record.digitized == true { digitized &+= 1 }
    }

    /// The counts of a dossier's progress verdict: finished (early, on time, late, with apology,
    /// electronic result) or in progress (within, overdue), and no due.
    @inlinable @inline(__always)
    public mutating func addProgress(_ record: inout DossierRecord, _ progress: ProgressClass) {
        switch progress {
        case .early: early &+= 1
        case .onTime: onTime &+= 1
        case .late:
            late &+= 1
            if record.apology == true { lateWithApology &+= 1 }
        case .finishedWithoutDue, .inProgressWithoutDue: noDue &+= 1
        case .inProgressWithin: inProgressWithin &+= 1
        case .inProgressOverdue: inProgressOverdue &+= 1
        case .notReceived, .withdrawn: break
        }
        if progress.isFinished {
            finished &+= 1
            if record.electronicResult == true { electronicResult &+= 1 }
        } else {
            inProgress &+= 1
        }
    }
}

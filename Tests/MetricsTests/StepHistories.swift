import CivilTime
import Records
import TestSupport
import WorkingTime

/// Seeded random step histories for the step-time tests: a few departments and handlers, steps
/// in time order (ties included), supplement requests, ends, withdrawals, open dossiers, steps
/// after the end, dossiers without a received step, planned ends before and after the steps.
enum StepHistories {
    static let departments = ["", "Một cửa", "Địa chính", "Lãnh đạo", "Tư pháp", "Văn thư"]
    static let handlers = ["", "An", "Bình", "Chi", "Dũng", "Hà", "Lan", "Minh"]
    static let procedures: [String?] = ["P1", "P2", "P3", "P9", nil]
    /// 2026-03-02, a Monday, 08:00.
    static let base = Timestamp(year: 2026, month: 3, day: 2, hour: 8)

    static var names: StepNames {
        var names = StepNames()
        names.departments = departments
        names.handlers = handlers
        return names
    }

    /// P9 is not in it: its dossiers have no due.
    static var catalog: ProcedureCatalog {
        ProcedureCatalog(entries: [
            .init(code: "P1", deadline: .workingDays(3)), .init(code: "P2", deadline: .workingHours(6)),
            .init(code: "P3", deadline: .sameDay),
        ])
    }

    static func random(seed: UInt64, count: Int) -> [DossierHistory] {
        var random = SplitMix(seed: seed)
        var histories: [DossierHistory] = []
        for n in 0..<count {
            var time = base.adding(seconds: Int64(random.below(40 * 86_400)))
            var steps: [ProcessStep] = []
            func gap() -> Int64 {
                switch random.below(10) {
                case 0: return 0  // a tie, kept in file order
                case 1, 2, 3: return Int64(random.below(3600))
                case 4, 5, 6: return Int64(random.below(8 * 3600))
                default: return Int64(random.below(4 * 86_400))
                }
            }
            func step(_ status: DossierStatus, department: Int? = nil) {
                time = time.adding(seconds: gap())
                let planned: Timestamp? =
                    random.chance(0.7) ? time.adding(seconds: Int64(random.below(4 * 86_400)) - 2 * 86_400) : nil
                steps.append(
                    ProcessStep(
                        time: time, plannedEnd: planned, status: status,
                        department: Int32(department ?? random.below(departments.count)),
                        handler: Int32(random.below(handlers.count)), title: 0, content: 0, line: Int64(steps.count + 1)
                    ))
            }
            if random.chance(0.2) { step(.new, department: 1) }
            if !random.chance(0.05) { step(.received, department: 1) }
            for _ in 0..<random.below(8) {
                let statuses: [DossierStatus] = [
                    .processing, .processing, .processing, .waitingForSupplement, .waitingForFinancialObligation,
                ]
                step(statuses[random.below(statuses.count)])
            }
            switch random.below(10) {
            case 0, 1, 2, 3:
                step(.finished)
                if random.chance(0.5) { step(.returned, department: 1) }
            case 4: step(.stopped)
            case 5: step(.withdrawn)
            default: break
            }
            if random.chance(0.05) { step(.processing) }
            let procedure = procedures[random.below(procedures.count)]
            histories.append(DossierHistory(id: "H\(n)", procedure: procedure, steps: steps))
        }
        return histories
    }
}

import Metrics
import Targets
import _TextSupport

extension TargetEvaluation {
    /// The measured value as text (`98.71%`, `3`, `n/a`).
    public var measuredText: String {
        guard let denominator else { return String(value) }
        return NumberText.percentText(value, of: denominator)
    }

    /// One sentence on the gap: "41 more dossiers needed to be on time (of 4,100 finished with a
    /// due)", "reaching 60% online needs 1,240 more online dossiers at today's volume (12,000
    /// received)". Nil when the target is met or has no data.
    public var gapSentence: String? {
        guard status == .missed, let gap else { return nil }
        return GapWording.sentence(target: target, gap: gap, denominator: denominator)
    }
}

/// The words of gap sentences, per KPI.
enum GapWording {
    /// (good side, bad side, denominator) nouns of a rate.
    static func nouns(_ kpi: KPI) -> (good: String, bad: String, whole: String) {
        switch kpi {
        case .progress: return ("dossiers on time or within time", "late or overdue", "dossiers judged on progress")
        case .onTime: return ("dossiers", "late", "finished with a due")
        case .online: return ("online dossiers", "in person or by post", "received")
        case .fullOnline: return ("full-online dossiers", "not full-online", "dossiers of full-online procedures")
        case .onlinePayment: return ("dossiers paid online", "not paid online", "fee-bearing dossiers")
        case .digitization: return ("digitized dossiers", "not digitized", "received")
        case .electronicResult: return ("electronic results", "finished without one", "finished")
        case .apology: return ("apology letters", "late without one", "late")
        }
    }

    static func sentence(target: Target, gap: Gap, denominator: Int?) -> String {
        switch (target.metric, gap) {
        case (.rate(let kpi), .impossible):
            let d = denominator ?? 0
            return
                "\(target.displayText) cannot be met at today's volume (\(NumberText.grouped(d)) \(nouns(kpi).whole))"
        case (.count(let count), .impossible):
            return "\(target.displayText) cannot be met: \(count.words) is a whole number of dossiers, never negative"
        case (.rate(let kpi), .dossiers(let k)):
            let (good, bad, whole) = nouns(kpi)
            let d = NumberText.grouped(denominator ?? 0)
            if k >= 0 {
                if kpi == .onTime {
                    return
                        "\(NumberText.grouped(k)) more dossiers needed to be on time instead of late (of \(d) \(whole))"
                }
                return "reaching \(target.threshold)% \(kpi.rawValue) needs \(NumberText.grouped(k)) more \(good) "
                    + "(instead of \(bad)) at today's volume (\(d) \(whole))"
            }
            return
                "reaching \(target.displayText) needs \(NumberText.grouped(-k)) fewer \(good) at today's volume (\(d) \(whole))"
        case (.count(let count), .dossiers(let k)):
            return k >= 0
                ? "\(NumberText.grouped(k)) more \(count.words) dossiers needed"
                : "\(NumberText.grouped(-k)) fewer \(count.words) dossiers needed"
        }
    }
}

extension GapWording {
    /// What the wrong side of a target is called in a contributors table (`late`, `not online`).
    static func wrongSideName(_ target: Target, raise: Bool) -> String {
        switch target.metric {
        case .rate(let kpi): return raise ? nouns(kpi).bad : nouns(kpi).good
        case .count(let count): return count.words
        }
    }
}

extension CountMetric {
    /// The name in running text (`in progress overdue`).
    var words: String { name.replacingOccurrences(of: "_", with: " ") }
}

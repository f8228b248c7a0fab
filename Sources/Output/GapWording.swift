import Metrics
import Targets
import _TextSupport

extension TargetEvaluation {
    /// The measured value as text (`98.71%`, `3`, `n/a`).
    public var measuredText: String { measuredText(.en) }

    /// The measured value in `language`'s number style (`98,71%` in Vietnamese).
    public func measuredText(_ language: Language) -> String {
        guard let denominator else { return Labels.grouped(value, language) }
        return Labels.percentText(value, of: denominator, language)
    }

    /// `4,000/4,100` for a rate, empty for a count.
    func fractionText(_ language: Language = .en) -> String {
        guard let d = denominator else { return "" }
        return Labels.grouped(value, language) + "/" + Labels.grouped(d, language)
    }

    /// One sentence on the gap: "41 more dossiers needed to be on time (of 4,100 finished with a
    /// due)", "reaching 60% online needs 1,240 more online dossiers at today's volume (12,000
    /// received)". Nil when the target is met or has no data.
    public var gapSentence: String? { gapSentence(.en) }

    public func gapSentence(_ language: Language) -> String? {
        guard status == .missed, let gap else { return nil }
        return GapWording.sentence(target: target, gap: gap, denominator: denominator, language)
    }
}

/// The words of gap sentences, per KPI, in both languages.
enum GapWording {
    /// (good side, bad side, denominator) nouns of a rate; the good side in the plural.
    static func nouns(_ kpi: KPI, _ language: Language = .en) -> (good: String, bad: String, whole: String) {
        switch (kpi, language) {
        case (.progress, .en):
            return ("dossiers on time or within time", "late or overdue", "dossiers judged on progress")
        case (.progress, .vi): return ("hồ sơ đúng hạn hoặc trong hạn", "quá hạn", "hồ sơ tính tiến độ")
        case (.onTime, .en): return ("dossiers", "late", "finished with a due")
        case (.onTime, .vi): return ("hồ sơ", "quá hạn", "hồ sơ đã giải quyết có hạn trả")
        case (.online, .en): return ("online dossiers", "in person or by post", "received")
        case (.online, .vi): return ("hồ sơ trực tuyến", "trực tiếp hoặc qua bưu chính", "hồ sơ đã tiếp nhận")
        case (.fullOnline, .en):
            return ("full-online dossiers", "not full-online", "dossiers of full-online procedures")
        case (.fullOnline, .vi): return ("hồ sơ toàn trình", "không toàn trình", "hồ sơ thuộc thủ tục toàn trình")
        case (.onlinePayment, .en): return ("dossiers paid online", "not paid online", "fee-bearing dossiers")
        case (.onlinePayment, .vi):
            return ("hồ sơ thanh toán trực tuyến", "không thanh toán trực tuyến", "hồ sơ có phí, lệ phí")
        case (.digitization, .en): return ("digitized dossiers", "not digitized", "received")
        case (.digitization, .vi): return ("hồ sơ được số hóa", "chưa số hóa", "hồ sơ đã tiếp nhận")
        case (.electronicResult, .en): return ("electronic results", "finished without one", "finished")
        case (.electronicResult, .vi): return ("kết quả điện tử", "không có kết quả điện tử", "hồ sơ đã giải quyết")
        case (.apology, .en): return ("apology letters", "late without one", "late")
        case (.apology, .vi): return ("thư xin lỗi", "quá hạn không có thư xin lỗi", "hồ sơ quá hạn")
        }
    }

    /// An English plural noun phrase agreeing with `count`: `1 more online dossier`.
    static func agreeing(_ phrase: String, _ count: Int, _ language: Language) -> String {
        guard language == .en, abs(count) == 1 else { return phrase }
        for (many, one) in [("dossiers", "dossier"), ("letters", "letter"), ("results", "result")] {
            if let range = phrase.range(of: many) { return phrase.replacingCharacters(in: range, with: one) }
        }
        return phrase
    }

    static func sentence(target: Target, gap: Gap, denominator: Int?, _ language: Language = .en) -> String {
        let vi = language == .vi
        let n = { (k: Int) in Labels.grouped(k, language) }
        let targetText = Labels.number(target.displayText, language)
        switch (target.metric, gap) {
        case (.rate(let kpi), .impossible):
            let d = denominator ?? 0
            return vi
                ? "\(targetText) không thể đạt với số hồ sơ hiện nay (\(n(d)) \(nouns(kpi, .vi).whole))"
                : "\(targetText) cannot be met at today's volume (\(n(d)) \(nouns(kpi).whole))"
        case (.count(let count), .impossible):
            return vi
                ? "\(targetText) không thể đạt: \(count.words(.vi)) là số hồ sơ nguyên, không âm"
                : "\(targetText) cannot be met: \(count.words) is a whole number of dossiers, never negative"
        case (.rate(let kpi), .dossiers(let k)):
            let (good, bad, whole) = nouns(kpi, language)
            let d = n(denominator ?? 0)
            let threshold = Labels.number(target.threshold.description, language)
            if vi {
                if k >= 0 {
                    if kpi == .onTime { return "cần thêm \(n(k)) hồ sơ đúng hạn thay vì quá hạn (trên \(d) \(whole))" }
                    return "để đạt \(threshold)% \(Labels.rate(kpi, .vi).lowercased()) cần thêm \(n(k)) \(good) "
                        + "(thay vì \(bad)) với số hồ sơ hiện nay (\(d) \(whole))"
                }
                return "để đạt \(targetText) cần bớt \(n(-k)) \(good) với số hồ sơ hiện nay (\(d) \(whole))"
            }
            if k >= 0 {
                if kpi == .onTime {
                    return
                        "\(n(k)) more \(agreeing("dossiers", k, language)) needed to be on time instead of late (of \(d) \(whole))"
                }
                return
                    "reaching \(target.threshold)% \(kpi.rawValue) needs \(n(k)) more \(agreeing(good, k, language)) "
                    + "(instead of \(bad)) at today's volume (\(d) \(whole))"
            }
            return
                "reaching \(targetText) needs \(n(-k)) fewer \(agreeing(good, -k, language)) at today's volume (\(d) \(whole))"
        case (.count(let count), .dossiers(let k)):
            if vi {
                return k >= 0
                    ? "cần thêm \(n(k)) hồ sơ \(count.words(.vi))" : "cần bớt \(n(-k)) hồ sơ \(count.words(.vi))"
            }
            let noun = abs(k) == 1 ? "dossier" : "dossiers"
            return k >= 0
                ? "\(n(k)) more \(count.words) \(noun) needed"
                : "\(n(-k)) fewer \(count.words) \(noun) needed"
        }
    }
}

extension GapWording {
    /// What the wrong side of a target is called in a contributors table (`late`, `not online`).
    static func wrongSideName(_ target: Target, raise: Bool, _ language: Language = .en) -> String {
        switch target.metric {
        case .rate(let kpi): return raise ? nouns(kpi, language).bad : nouns(kpi, language).good
        case .count(let count): return count.words(language)
        }
    }
}

extension CountMetric {
    /// The name in running text (`in progress overdue`).
    var words: String { name.replacingOccurrences(of: "_", with: " ") }

    /// The name in running text in `language` (`đang giải quyết quá hạn`).
    func words(_ language: Language) -> String {
        guard language == .vi else { return words }
        let label = Labels.count(name, .vi).drop { $0 == " " }
        return label == name ? words : label.lowercased()
    }
}

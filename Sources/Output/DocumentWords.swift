import CivilTime
import Metrics
import Targets

/// The words a document builder writes in its language: labels, period names, target verdicts,
/// counts with their nouns.
struct DocumentWords {
    let language: Language

    init(_ language: Language) { self.language = language }

    func callAsFunction(_ key: String) -> String { Labels.document(key, language) }

    /// A count's label without the table indent (`đúng hạn`, not `  đúng hạn`).
    func count(_ jsonName: String) -> String {
        let label = Labels.count(jsonName, language)
        let trimmed = label.drop { $0 == " " }
        return trimmed.prefix(1).uppercased() + trimmed.dropFirst()
    }

    /// `1 dossier`, `2 dossiers`, `3 hồ sơ`.
    func dossierCount(_ n: Int) -> String {
        DocumentText.text(.integer(n), language) + " " + self(n == 1 ? "dossier_one" : "dossier_many")
    }

    /// `≥ 99%`, `> 95%`, `≤ 0`: a target's comparison and threshold in this language's number style.
    func thresholdText(_ target: Target) -> String {
        let symbol: String
        switch target.comparison {
        case .atLeast: symbol = "≥"
        case .greater: symbol = ">"
        case .atMost: symbol = "≤"
        case .less: symbol = "<"
        case .equal: symbol = "="
        }
        return symbol + " " + DocumentText.number(target.threshold.description, language)
            + (target.metric.isRate ? "%" : "")
    }

    /// The verdict of a target as a tile shows it.
    func verdict(_ evaluation: TargetEvaluation) -> KPITile.TargetVerdict {
        let tone: DocumentTone
        let verdict: String
        switch evaluation.status {
        case .met: (tone, verdict) = (.good, self("met"))
        case .missed: (tone, verdict) = (.bad, self("missed"))
        case .noData: (tone, verdict) = (.muted, self("no_data"))
        }
        var gap: String?
        if evaluation.status == .missed, let g = evaluation.gap {
            switch g {
            case .dossiers(let k):
                gap = self(k >= 0 ? "gap_more" : "gap_fewer").replacingOccurrences(
                    of: "{n}", with: DocumentText.text(.integer(abs(k)), language))
            case .impossible:
                gap = self("gap_impossible")
            }
        }
        return KPITile.TargetVerdict(
            text: self("target") + " " + thresholdText(evaluation.target), tone: tone, verdict: verdict, gap: gap)
    }

    /// The verdict of the profile's first target on `metric`, if it has one.
    func targetVerdict(_ profile: TargetProfile?, _ metric: TargetMetric, _ counts: KPICounts)
        -> KPITile.TargetVerdict?
    {
        guard let item = profile?.targets.first(where: { $0.target.metric == metric }) else { return nil }
        return verdict(item.target.evaluate(counts))
    }

    /// A group key's value for people: channel codes named, time keys as they are.
    func groupValue(_ dimension: GroupDimension, _ value: String) -> String {
        guard dimension == .channel else { return value }
        switch value {
        case "in_person": return self("in_person")
        case "online": return self("online_channel")
        case "postal": return self("postal")
        default: return value
        }
    }

    /// `Quý I năm 2026`, `Q1 2026`, `Tháng 3 năm 2026`, `March 2026`.
    func periodName(_ period: ReportingPeriod) -> String {
        let y = String(period.year)
        let vi = language == .vi
        switch period.kind {
        case .quarter(let q):
            return vi ? "Quý \(["I", "II", "III", "IV"][q - 1]) năm \(y)" : "Q\(q) \(y)"
        case .half(let h):
            return vi ? (h == 1 ? "6 tháng đầu năm \(y)" : "6 tháng cuối năm \(y)") : "H\(h) \(y)"
        case .year: return vi ? "Năm \(y)" : "Year \(y)"
        case .month(let m):
            let months = [
                "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December",
            ]
            return vi ? "Tháng \(m) năm \(y)" : "\(months[m - 1]) \(y)"
        case .isoWeek(let week): return vi ? "Tuần \(week) năm \(y)" : "Week \(week), \(y)"
        case .day: return (vi ? "Ngày " : "") + DocumentText.date(period.firstDay, language)
        }
    }

    /// `15/12/2025 – 14/03/2026`.
    func range(_ first: CivilDate, _ last: CivilDate) -> String {
        DocumentText.date(first, language) + " – " + DocumentText.date(last, language)
    }

    /// The subtitle of a document: the period with its cut-off dates, or the received dates, and
    /// the as-of time.
    func scope(_ provenance: DocumentProvenance) -> String? {
        var parts: [String] = []
        if let period = provenance.period {
            parts.append(periodName(period) + " (" + range(period.firstDay, period.lastDay) + ")")
        } else if provenance.from != nil || provenance.to != nil {
            let from = provenance.from.map { DocumentText.date($0, language) } ?? "…"
            let to = provenance.to.map { DocumentText.date($0, language) } ?? "…"
            parts.append(
                self("received_between").replacingOccurrences(of: "{from}", with: from)
                    .replacingOccurrences(of: "{to}", with: to))
        }
        if let asOf = provenance.asOf {
            parts.append(self("as_of_lower") + " " + DocumentText.timestamp(asOf, language))
        }
        guard !parts.isEmpty else { return nil }
        let text = parts.joined(separator: ", ")
        return text.prefix(1).uppercased() + text.dropFirst()
    }
}

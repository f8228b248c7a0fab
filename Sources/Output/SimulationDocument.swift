import Metrics
import Simulation

extension Document {
    /// `tthc simulate`'s document: each KPI with its 95% confidence interval.
    public static func simulation(
        _ result: ExperimentResult, scenario: Scenario, seed: UInt64, provenance: DocumentProvenance,
        language: Language
    ) -> Document {
        let w = DocumentWords(language)
        var table = DocumentTable(
            id: "kpis", title: w("simulated_kpis"),
            columns: [
                .init("kpi", w("kpi")), .init("mean", w("mean")), .init("ci_low", w("ci_low")),
                .init("ci_high", w("ci_high")),
            ])
        for (name, e) in zip(result.metricNames, result.estimates) {
            let finite = e.halfWidth.isFinite
            table.add([
                .text(w.simulationMetric(name)), w.figure(e.mean, metric: name),
                finite ? w.figure(e.lower, metric: name) : .empty, finite ? w.figure(e.upper, metric: name) : .empty,
            ])
        }
        var provenance = provenance
        provenance.facts += [
            .init(w("scenario"), .text(scenario.name)), .init(w("seed"), .integer(Int(seed))),
            .init(w("replications"), .integer(result.replications.count)),
        ]
        if provenance.asOf == nil { provenance.asOf = result.replications.first?.asOf }
        return Document(
            kind: .simulate, language: language, title: w("simulate_title"), subtitle: scenario.name,
            provenance: provenance,
            sections: [
                DocumentSection(
                    id: "kpis", title: w("simulated_kpis"), blocks: [.paragraph(w("ci_note")), .table(table)])
            ])
    }

    /// `tthc simulate --compare`'s document: A and B side by side, the paired difference with its
    /// interval, and whether it is significant (the interval excludes 0).
    public static func comparison(
        _ comparison: ScenarioComparison, a: Scenario, b: Scenario, seed: UInt64, provenance: DocumentProvenance,
        language: Language
    ) -> Document {
        let w = DocumentWords(language)
        var table = DocumentTable(
            id: "comparison", title: w("compare_kpis"),
            columns: [
                .init("kpi", w("kpi")), .init("a", w("scenario_a")), .init("b", w("scenario_b")),
                .init("difference", w("difference_b_a")), .init("ci_low", w("ci_low")),
                .init("ci_high", w("ci_high")), .init("significant", w("significant")),
            ])
        for row in comparison.rows {
            let d = row.difference
            let finite = d.halfWidth.isFinite
            let significant = finite && (d.lower > 0 || d.upper < 0)
            table.add([
                .text(w.simulationMetric(row.name)), w.figure(row.a.mean, metric: row.name),
                w.figure(row.b.mean, metric: row.name), w.figure(d.mean, metric: row.name),
                finite ? w.figure(d.lower, metric: row.name) : .empty,
                finite ? w.figure(d.upper, metric: row.name) : .empty,
                .flag(significant, tone: significant ? .warning : .neutral),
            ])
        }
        var provenance = provenance
        provenance.facts += [
            .init(w("scenario_a"), .text(a.name)), .init(w("scenario_b"), .text(b.name)),
            .init(w("seed"), .integer(Int(seed))), .init(w("replications"), .integer(comparison.replications)),
        ]
        return Document(
            kind: .simulate, language: language, title: w("compare_title"), subtitle: "A: \(a.name) · B: \(b.name)",
            provenance: provenance,
            sections: [
                DocumentSection(
                    id: "comparison", title: w("compare_kpis"), blocks: [.paragraph(w("compare_note")), .table(table)])
            ])
    }
}

extension DocumentWords {
    /// The simulator's percentages (rates of the 766 KPIs), shown like rates.
    static let percentMetrics: Set<String> = ["on_time", "progress", "online", "full_online", "online_payment"]

    /// A simulated figure: a percentage truncated like a rate, anything else with two decimals.
    func figure(_ x: Double, metric: String) -> DocumentCell {
        if DocumentWords.percentMetrics.contains(metric) { return DocumentCell(.percent(x, decimals: 2)) }
        return .decimal(x, decimals: 2)
    }

    /// `pools.land.mean_wait_hours` -> `land: Mean wait (hours)`; names it does not know stay.
    func simulationMetric(_ name: String) -> String {
        let parts = name.split(separator: ".").map(String.init)
        if parts.count == 3 && parts[0] == "pools" { return parts[1] + ": " + simulationMetric(parts[2]) }
        let key = "sim_" + name
        let label = self(key)
        if label != key { return label }
        if let kpi = [
            "on_time": KPI.onTime, "progress": .progress, "online": .online, "full_online": .fullOnline,
            "online_payment": .onlinePayment,
        ][name] {
            return Labels.rate(kpi, language)
        }
        if KPICounts.fields.contains(where: { $0.name == name }) { return count(name) }
        return name
    }
}

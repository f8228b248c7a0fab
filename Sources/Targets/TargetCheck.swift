import Metrics

/// Counts split by one dimension (`agency` -> [unit: counts]), as the engine's group-by gives them.
public struct Breakdown: Sendable {
    /// The dimension names of the key (`["agency"]`, `["agency", "procedure"]`).
    public var dimensions: [String]
    public var groups: [(key: [String], counts: KPICounts)]

    public init(dimensions: [String], groups: [(key: [String], counts: KPICounts)]) {
        self.dimensions = dimensions
        self.groups = groups
    }

    /// `agency=UBND xa A, procedure=1.001193`.
    public func keyText(_ key: [String]) -> String {
        zip(dimensions, key).map { "\($0)=\($1)" }.joined(separator: ", ")
    }
}

/// The verdict of a set of targets on a log: totals, the `--by` groups that miss, and for each
/// missed target the units and procedures contributing most to the miss.
public struct TargetCheck: Sendable {
    /// A group's share in a missed target.
    public struct Contributor: Sendable {
        public var key: [String]
        /// The target judged on the group's own counts.
        public var evaluation: TargetEvaluation
        /// Dossiers of the group on the wrong side of the target: late for on-time, late or overdue
        /// for progress, not online for online; the count itself for a `<=`/`<` count target.
        public var wrongSide: Int
    }

    public struct Result: Sendable {
        public var target: Target
        public var label: String
        public var source: String?
        public var total: TargetEvaluation
        /// `--by` groups whose own counts miss the target.
        public var missedGroups: [(key: [String], evaluation: TargetEvaluation)]
        /// For a missed target, per breakdown dimension (`agency`, `procedure`): the groups ranked
        /// by how many dossiers they would have to move to meet the target on their own, then by
        /// their wrong-side dossiers.
        public var contributors: [(dimension: String, ranked: [Contributor])]
    }

    public struct WatchValue: Sendable {
        public var metric: TargetMetric
        public var label: String
        public var value: Int
        public var denominator: Int?
    }

    public var results: [Result]
    public var watch: [WatchValue]
    public var notChecked: [TargetProfile.Note]
    public var groupDimensions: [String]

    /// True when no target is missed in the totals or in any group.
    public var allMet: Bool { !results.contains { $0.total.status == .missed || !$0.missedGroups.isEmpty } }

    /// Number of targets missed in the totals or in some group.
    public var missedCount: Int { results.filter { $0.total.status == .missed || !$0.missedGroups.isEmpty }.count }

    /// Checks `items` against the totals, every group of `groups` and ranks contributors from
    /// `contributorBreakdowns` (at most `limit` per dimension).
    public init(
        items: [TargetProfile.Item], watch: [TargetProfile.Watch] = [], notChecked: [TargetProfile.Note] = [],
        totals: KPICounts, groups: Breakdown?, contributorBreakdowns: [Breakdown], limit: Int = 5
    ) {
        groupDimensions = groups?.dimensions ?? []
        self.notChecked = notChecked
        self.watch = watch.map { item in
            let probe = Target(item.metric, .atLeast, Threshold(0)).evaluate(totals)
            return WatchValue(
                metric: item.metric, label: item.label, value: probe.value, denominator: probe.denominator)
        }
        results = items.map { item in
            let total = item.target.evaluate(totals)
            let missedGroups: [(key: [String], evaluation: TargetEvaluation)] = (groups?.groups ?? []).compactMap {
                let evaluation = item.target.evaluate($0.counts)
                return evaluation.status == .missed ? ($0.key, evaluation) : nil
            }
            var contributors: [(dimension: String, ranked: [Contributor])] = []
            if total.status == .missed {
                for breakdown in contributorBreakdowns {
                    let ranked = TargetCheck.rank(item.target, total: total, breakdown.groups)
                    contributors.append((breakdown.dimensions.joined(separator: ","), Array(ranked.prefix(limit))))
                }
            }
            return Result(
                target: item.target, label: item.label, source: item.source, total: total, missedGroups: missedGroups,
                contributors: contributors)
        }
    }

    /// Groups that miss the target on their own, most needed dossiers first.
    static func rank(_ target: Target, total: TargetEvaluation, _ groups: [(key: [String], counts: KPICounts)])
        -> [Contributor]
    {
        // Which way the total has to move decides which side is wrong.
        let raise: Bool
        if case .dossiers(let k)? = total.gap {
            raise = k > 0
        } else {
            raise = [.atLeast, .greater].contains(target.comparison)
        }
        var list: [Contributor] = []
        for group in groups {
            let evaluation = target.evaluate(group.counts)
            guard evaluation.status == .missed else { continue }
            let wrongSide: Int
            if let d = evaluation.denominator {
                wrongSide = raise ? d - evaluation.value : evaluation.value
            } else {
                wrongSide = evaluation.value
            }
            list.append(Contributor(key: group.key, evaluation: evaluation, wrongSide: wrongSide))
        }
        func needed(_ c: Contributor) -> Int {
            if case .dossiers(let k)? = c.evaluation.gap { return abs(k) }
            return c.wrongSide
        }
        return list.sorted {
            let (a, b) = (needed($0), needed($1))
            if a != b { return a > b }
            if $0.wrongSide != $1.wrongSide { return $0.wrongSide > $1.wrongSide }
            return $0.key.lexicographicallyPrecedes($1.key)
        }
    }
}

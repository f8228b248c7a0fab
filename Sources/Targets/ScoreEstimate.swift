import Metrics

/// The groups of a points index (the 766 index) and the indicators a dossier log can feed.
///
/// Every indicator scores by the rule of Guides/Index766.md ("Groups and points"): at or above
/// its threshold it earns its full points, below it `rate x points / threshold` (rate and
/// threshold in percent). Parts of a group that a dossier log cannot measure are listed as
/// `notComputed` with their points, and are never guessed.
public struct ScoreModel: Sendable {
    public struct Indicator: Sendable {
        public var kpi: KPI
        public var label: String
        public var points: Double
        /// The rate (percent) from which the indicator earns full points.
        public var threshold: Double
        public var source: String?
    }

    public struct NotComputed: Sendable {
        public var label: String
        public var points: Double
        public var reason: String
    }

    public struct Group: Sendable {
        public var name: String
        public var title: String?
        public var points: Double
        public var indicators: [Indicator]
        public var notComputed: [NotComputed]
    }

    public var total: Double
    public var groups: [Group]
    public var source: String?

    /// The points of a rate under the threshold rule; nil when the rate has no denominator.
    public static func points(rate: Rate, maximum: Double, threshold: Double) -> Double? {
        guard rate.denominator > 0 else { return nil }
        // Compare exactly in integers where possible: rate >= threshold <=> 100 n >= t d.
        let percent = Double(rate.numerator) * 100 / Double(rate.denominator)
        if Double(rate.numerator) * 100 >= threshold * Double(rate.denominator) { return maximum }
        return percent * maximum / threshold
    }

    /// Scores `counts` (one unit, or the total).
    public func estimate(_ counts: KPICounts) -> ScoreEstimate {
        var lines: [ScoreEstimate.Line] = []
        var groupResults: [ScoreEstimate.GroupResult] = []
        for group in groups {
            var earned = 0.0
            var computedMaximum = 0.0
            var noData: [String] = []
            for indicator in group.indicators {
                let rate = counts.rate(indicator.kpi)
                let points = ScoreModel.points(rate: rate, maximum: indicator.points, threshold: indicator.threshold)
                lines.append(
                    .init(group: group.name, indicator: indicator, rate: rate, points: points))
                if let points {
                    earned += points
                    computedMaximum += indicator.points
                } else {
                    noData.append(indicator.label)
                }
            }
            groupResults.append(
                .init(
                    group: group, points: computedMaximum > 0 ? earned : nil, computedMaximum: computedMaximum,
                    noData: noData))
        }
        return ScoreEstimate(model: self, lines: lines, groups: groupResults)
    }
}

/// The score of one set of counts.
public struct ScoreEstimate: Sendable {
    public struct Line: Sendable {
        public var group: String
        public var indicator: ScoreModel.Indicator
        public var rate: Rate
        /// Nil when the rate has no denominator (no dossiers to judge).
        public var points: Double?
    }

    public struct GroupResult: Sendable {
        public var group: ScoreModel.Group
        /// Points earned by the computed indicators; nil when none could be computed.
        public var points: Double?
        /// The points the computed indicators could have earned.
        public var computedMaximum: Double
        /// Indicators of the group with no dossiers to judge.
        public var noData: [String]
    }

    public var model: ScoreModel
    public var lines: [Line]
    public var groups: [GroupResult]

    /// Points earned over every computed indicator.
    public var points: Double { groups.compactMap(\.points).reduce(0, +) }

    /// The most the computed indicators could earn.
    public var computedMaximum: Double { groups.map(\.computedMaximum).reduce(0, +) }

    /// Points of the index that this estimate does not cover (not computed, or no data).
    public var uncoveredPoints: Double { model.total - computedMaximum }
}

import Foundation
import Metrics
import _TextSupport

/// A named set of targets (`--profile hanoi-commune-2026`), read from a JSON document.
///
/// The format (`"format": "tthc-profile/1"`, documented in `Guides/Targets.md`):
/// ```json
/// {
///   "format": "tthc-profile/1",
///   "name": "hanoi-commune-2025",
///   "title": "Hanoi communes, 2025",
///   "source": "where the targets come from",
///   "targets": [{"target": "online>=60", "label": "at least 60% of dossiers online", "source": "..."}],
///   "watch": [{"metric": "online-payment", "label": "raise the online-payment rate"}],
///   "not_checked": [{"label": "SIPAS >= 86%", "reason": "a survey, not in the dossier log"}],
///   "score": {"total": 100, "groups": [...]}
/// }
/// ```
/// `targets` are checked (a miss gives exit status 1); `watch` metrics are shown without a
/// threshold (plans that say "raise the rate"); `not_checked` lists the plan's targets that a
/// dossier log cannot measure, so the output says so instead of staying silent; `score`
/// (optional) defines the groups of a score estimate for `tthc score`.
public struct TargetProfile: Sendable {
    public struct Item: Sendable {
        public var target: Target
        public var label: String
        public var source: String?

        public init(target: Target, label: String, source: String?) {
            self.target = target
            self.label = label
            self.source = source
        }
    }

    public struct Watch: Sendable {
        public var metric: TargetMetric
        public var label: String

        public init(metric: TargetMetric, label: String) {
            self.metric = metric
            self.label = label
        }
    }

    public struct Note: Sendable {
        public var label: String
        public var reason: String

        public init(label: String, reason: String) {
            self.label = label
            self.reason = reason
        }
    }

    public var name: String
    public var title: String
    public var source: String
    public var targets: [Item]
    public var watch: [Watch]
    public var notChecked: [Note]
    public var score: ScoreModel?

    /// The format tag every profile carries.
    public static let formatTag = "tthc-profile/1"

    /// Reads a profile; `origin` names it in error messages (a file path or a built-in name).
    public static func parse(json text: String, origin: String) throws(ProfileError) -> TargetProfile {
        let object: JSONValue
        do {
            object = try JSONValue.parse(text)
        } catch {
            throw ProfileError(origin: origin, path: "", reason: "not valid JSON (\(error))")
        }
        var reader = ProfileReader(origin: origin)
        return try reader.profile(object)
    }

    /// The built-in profile called `name`, or the profile in the file at `name`.
    public static func load(_ nameOrPath: String) throws(ProfileError) -> TargetProfile {
        if let builtin = BuiltinProfiles.all.first(where: { $0.name == nameOrPath }) {
            return try parse(json: builtin.json, origin: "built-in profile \(builtin.name)")
        }
        let looksLikePath = nameOrPath.contains("/") || nameOrPath.hasSuffix(".json")
        guard let data = FileManager.default.contents(atPath: nameOrPath) else {
            let builtins = BuiltinProfiles.all.map(\.name)
            let names = builtins.joined(separator: ", ")
            throw ProfileError(
                origin: nameOrPath, path: "",
                reason: looksLikePath
                    ? "cannot read the file; expected a JSON profile file or one of the built-in profiles: \(names)"
                    : "no such built-in profile or file\(Suggestion.didYouMean(nameOrPath, among: builtins)); expected one of: \(names), or a JSON profile file"
            )
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ProfileError(origin: nameOrPath, path: "", reason: "not UTF-8 text")
        }
        return try parse(json: text, origin: nameOrPath)
    }
}

/// A profile that could not be read: where (`targets[2].target`) and why.
public struct ProfileError: Error, Sendable, CustomStringConvertible {
    public var origin: String
    public var path: String
    public var reason: String
    public var description: String {
        "profile \(origin)" + (path.isEmpty ? "" : " at \(path)") + ": \(reason)"
    }
}

/// Reads the profile's JSON tree with messages that name the offending key.
struct ProfileReader {
    var origin: String

    func fail(_ path: String, _ reason: String) -> ProfileError {
        ProfileError(origin: origin, path: path, reason: reason)
    }

    func object(_ value: JSONValue?, _ path: String, allowed: [String]) throws(ProfileError) -> JSONValue {
        guard let value, let members = value.members else { throw fail(path, "expected an object") }
        if let unknown = members.map(\.key).sorted().first(where: { !allowed.contains($0) }) {
            throw fail(path, "unknown key '\(unknown)'; expected: \(allowed.joined(separator: ", "))")
        }
        return value
    }

    func string(_ dict: JSONValue, _ key: String, _ path: String, required: Bool = true) throws(ProfileError)
        -> String?
    {
        guard let value = dict[key] else {
            if required { throw fail(path, "missing key '\(key)'") }
            return nil
        }
        guard case .string(let text) = value else { throw fail(path + "." + key, "expected a string") }
        return text
    }

    func number(_ dict: JSONValue, _ key: String, _ path: String) throws(ProfileError) -> Double {
        guard let value = dict[key] else { throw fail(path, "missing key '\(key)'") }
        guard case .number(let number) = value, number.isFinite, number >= 0 else {
            throw fail(path + "." + key, "expected a non-negative number")
        }
        return number
    }

    func array(_ dict: JSONValue, _ key: String, _ path: String) throws(ProfileError) -> [JSONValue] {
        guard let value = dict[key] else { return [] }
        guard case .array(let list) = value else { throw fail(path + "." + key, "expected a list") }
        return list
    }

    mutating func profile(_ value: JSONValue) throws(ProfileError) -> TargetProfile {
        let top = try object(
            value, "",
            allowed: ["format", "name", "title", "source", "targets", "watch", "not_checked", "score", "notes"])
        let format = try string(top, "format", "")!
        guard format == TargetProfile.formatTag else {
            throw fail("format", "expected \"\(TargetProfile.formatTag)\", got \"\(format)\"")
        }
        guard top["targets"] != nil || top["score"] != nil else { throw fail("", "missing key 'targets'") }
        var targets: [TargetProfile.Item] = []
        for (i, entry) in try array(top, "targets", "").enumerated() {
            let path = "targets[\(i)]"
            let dict = try object(entry, path, allowed: ["target", "label", "source"])
            let text = try string(dict, "target", path)!
            let target: Target
            do { target = try Target.parse(text) } catch { throw fail(path + ".target", error.description) }
            targets.append(
                .init(
                    target: target, label: try string(dict, "label", path, required: false) ?? target.displayText,
                    source: try string(dict, "source", path, required: false)))
        }
        var watch: [TargetProfile.Watch] = []
        for (i, entry) in try array(top, "watch", "").enumerated() {
            let path = "watch[\(i)]"
            let dict = try object(entry, path, allowed: ["metric", "label"])
            let name = try string(dict, "metric", path)!
            guard let metric = TargetMetric(name) else {
                throw fail(path + ".metric", "unknown KPI or count '\(name)'")
            }
            watch.append(.init(metric: metric, label: try string(dict, "label", path, required: false) ?? name))
        }
        var notes: [TargetProfile.Note] = []
        for (i, entry) in try array(top, "not_checked", "").enumerated() {
            let path = "not_checked[\(i)]"
            let dict = try object(entry, path, allowed: ["label", "reason"])
            notes.append(.init(label: try string(dict, "label", path)!, reason: try string(dict, "reason", path)!))
        }
        var score: ScoreModel?
        if let scoreValue = top["score"] { score = try scoreModel(scoreValue) }
        return TargetProfile(
            name: try string(top, "name", "")!, title: try string(top, "title", "")!,
            source: try string(top, "source", "")!, targets: targets, watch: watch, notChecked: notes, score: score)
    }

    func scoreModel(_ value: JSONValue) throws(ProfileError) -> ScoreModel {
        let dict = try object(value, "score", allowed: ["total", "groups", "source"])
        let total = try number(dict, "total", "score")
        var groups: [ScoreModel.Group] = []
        for (g, entry) in try array(dict, "groups", "score").enumerated() {
            let path = "score.groups[\(g)]"
            let group = try object(entry, path, allowed: ["group", "title", "points", "indicators", "not_computed"])
            var indicators: [ScoreModel.Indicator] = []
            for (i, item) in try array(group, "indicators", path).enumerated() {
                let ipath = path + ".indicators[\(i)]"
                let ind = try object(item, ipath, allowed: ["kpi", "label", "points", "threshold", "source"])
                let name = try string(ind, "kpi", ipath)!
                guard let kpi = KPI(rawValue: name) else {
                    throw fail(
                        ipath + ".kpi",
                        "unknown KPI '\(name)'; expected one of \(KPI.allCases.map(\.rawValue).joined(separator: ", "))"
                    )
                }
                let threshold = try number(ind, "threshold", ipath)
                guard threshold > 0 else { throw fail(ipath + ".threshold", "expected a percentage above 0") }
                indicators.append(
                    .init(
                        kpi: kpi, label: try string(ind, "label", ipath, required: false) ?? kpi.rawValue,
                        points: try number(ind, "points", ipath), threshold: threshold,
                        source: try string(ind, "source", ipath, required: false)))
            }
            var missing: [ScoreModel.NotComputed] = []
            for (i, item) in try array(group, "not_computed", path).enumerated() {
                let npath = path + ".not_computed[\(i)]"
                let note = try object(item, npath, allowed: ["label", "points", "reason"])
                missing.append(
                    .init(
                        label: try string(note, "label", npath)!, points: try number(note, "points", npath),
                        reason: try string(note, "reason", npath)!))
            }
            let points = try number(group, "points", path)
            let sum = indicators.map(\.points).reduce(0, +) + missing.map(\.points).reduce(0, +)
            guard abs(sum - points) < 1e-9 else {
                throw fail(path, "indicator and not-computed points add up to \(sum), expected the group's \(points)")
            }
            groups.append(
                .init(
                    name: try string(group, "group", path)!, title: try string(group, "title", path, required: false),
                    points: points, indicators: indicators, notComputed: missing))
        }
        let sum = groups.map(\.points).reduce(0, +)
        guard abs(sum - total) < 1e-9 else {
            throw fail("score", "group points add up to \(sum), expected total \(total)")
        }
        return ScoreModel(total: total, groups: groups, source: try string(dict, "source", "score", required: false))
    }
}

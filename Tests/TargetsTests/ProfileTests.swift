import Foundation
import Metrics
import Testing

@testable import Targets

@Suite struct BuiltinProfileTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Datasets/profiles").standardized

    @Test func shippedFilesEqualTheEmbeddedText() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        #expect(files == BuiltinProfiles.all.map(\.file).sorted(), "run sh Datasets/profiles/embed.sh")
        for entry in BuiltinProfiles.all {
            let text = try String(contentsOf: Self.folder.appendingPathComponent(entry.file), encoding: .utf8)
            #expect(
                text == entry.json,
                "Datasets/profiles/\(entry.file) differs from the embedded copy: run sh Datasets/profiles/embed.sh")
        }
    }

    @Test(arguments: ["hanoi-commune-2025", "hanoi-commune-2026", "dinh-lap-2026", "ha-dong-2026", "766"])
    func builtinProfilesLoadAndCiteASource(name: String) throws {
        let profile = try TargetProfile.load(name)
        #expect(profile.name == name)
        #expect(profile.source.contains("Guides/"))
        #expect(!profile.targets.isEmpty)
        for item in profile.targets { #expect(item.source != nil, "\(name): \(item.target) has no source") }
        // The same profile loads from its shipped file.
        let fromFile = try TargetProfile.load(Self.folder.appendingPathComponent("\(name).json").path)
        #expect(fromFile.targets.map(\.target) == profile.targets.map(\.target))
    }

    @Test func targetsOfThePlans() throws {
        func texts(_ name: String) throws -> [String] { try TargetProfile.load(name).targets.map(\.target.description) }
        #expect(try texts("hanoi-commune-2025") == ["online>=60", "full-online>=20", "on-time>=100"])
        #expect(try texts("dinh-lap-2026").first == "on-time>99")
        #expect(try texts("ha-dong-2026") == ["on-time>=100"])
        #expect(
            try texts("766") == [
                "progress>=100", "online>=50", "online-payment>=100", "e-result>=80", "digitization>=80",
            ])
        #expect(try TargetProfile.load("766").score != nil)
        #expect(try TargetProfile.load("hanoi-commune-2026").score == nil)
    }
}

@Suite struct ProfileParsingTests {
    func parse(_ json: String) throws(ProfileError) -> TargetProfile {
        try TargetProfile.parse(json: json, origin: "test.json")
    }

    @Test func minimalProfile() throws {
        let profile = try parse(
            #"{"format": "tthc-profile/1", "name": "mine", "title": "Mine", "source": "me", "targets": [{"target": "late<=0"}]}"#
        )
        #expect(profile.targets.map(\.target.description) == ["late<=0"])
        #expect(profile.targets[0].label == "late <= 0")
        #expect(profile.watch.isEmpty && profile.notChecked.isEmpty && profile.score == nil)
    }

    @Test(arguments: [
        (#"{"#, "not valid JSON"),
        (#"[]"#, "expected an object"),
        (
            #"{"format": "x", "name": "a", "title": "b", "source": "c", "targets": []}"#,
            "at format: expected \"tthc-profile/1\""
        ),
        (#"{"format": "tthc-profile/1", "name": "a", "title": "b", "source": "c"}"#, "missing key 'targets'"),
        (
            #"{"format": "tthc-profile/1", "name": "a", "title": "b", "source": "c", "target": []}"#,
            "unknown key 'target'"
        ),
        (
            #"{"format": "tthc-profile/1", "name": "a", "title": "b", "source": "c", "targets": [{"target": "ontime>=9"}]}"#,
            "at targets[0].target: invalid target 'ontime>=9'"
        ),
        (
            #"{"format": "tthc-profile/1", "name": "a", "title": "b", "source": "c", "targets": [{"target": 5}]}"#,
            "at targets[0].target: expected a string"
        ),
        (#"{"format": "tthc-profile/1", "title": "b", "source": "c", "targets": []}"#, "missing key 'name'"),
        (
            #"{"format": "tthc-profile/1", "name": "a", "title": "b", "source": "c", "targets": [], "watch": [{"metric": "speed"}]}"#,
            "at watch[0].metric: unknown KPI or count 'speed'"
        ),
        (
            #"{"format": "tthc-profile/1", "name": "a", "title": "b", "source": "c", "targets": [], "score": {"total": 10, "groups": [{"group": "g", "points": 10, "indicators": [{"kpi": "online", "points": 5, "threshold": 50}]}]}}"#,
            "at score.groups[0]: indicator and not-computed points add up to 5.0, expected the group's 10.0"
        ),
        (
            #"{"format": "tthc-profile/1", "name": "a", "title": "b", "source": "c", "targets": [], "score": {"total": 10, "groups": [{"group": "g", "points": 10, "indicators": [{"kpi": "online", "points": 10, "threshold": 0}]}]}}"#,
            "at score.groups[0].indicators[0].threshold: expected a percentage above 0"
        ),
        (
            #"{"format": "tthc-profile/1", "name": "a", "title": "b", "source": "c", "targets": [], "score": {"total": true, "groups": []}}"#,
            "at score.total: expected a non-negative number"
        ),
    ])
    func errorsNameThePlace(json: String, expected: String) {
        do {
            _ = try parse(json)
            Issue.record("accepted \(json)")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
            #expect(error.description.hasPrefix("profile test.json"))
        }
    }

    @Test func unknownNameListsTheBuiltins() {
        do {
            _ = try TargetProfile.load("hanoi-2099")
            Issue.record("loaded")
        } catch {
            #expect(error.description.contains("hanoi-commune-2026"))
            #expect(error.description.contains("no such built-in profile or file"))
        }
    }
}

@Suite struct ScoreEstimateTests {
    func counts(_ body: (inout KPICounts) -> Void) -> KPICounts {
        var c = KPICounts()
        body(&c)
        return c
    }

    @Test func thresholdRule() {
        // Below the threshold: rate x max / threshold. 40% online against 50%: 12 x 40 / 50 = 9.6.
        #expect(ScoreModel.points(rate: Rate(40, 100), maximum: 12, threshold: 50) == 9.6)
        // At or above: full points.
        #expect(ScoreModel.points(rate: Rate(50, 100), maximum: 12, threshold: 50) == 12)
        #expect(ScoreModel.points(rate: Rate(90, 100), maximum: 12, threshold: 50) == 12)
        // Progress: 20 x rate (threshold 100). 97 / 100 -> 19.4.
        #expect(abs(ScoreModel.points(rate: Rate(97, 100), maximum: 20, threshold: 100)! - 19.4) < 1e-12)
        #expect(ScoreModel.points(rate: Rate(0, 0), maximum: 20, threshold: 100) == nil)
    }

    @Test func workedExampleWith766() throws {
        let model = try #require(try TargetProfile.load("766").score)
        let c = counts {
            // progress: (30 + 60 + 5) / (30 + 60 + 5 + 4 + 1) = 95 / 100 -> 19.0
            $0.early = 30; $0.onTime = 60; $0.late = 4; $0.inProgressWithin = 5; $0.inProgressOverdue = 1
            $0.finished = 94; $0.received = 100
            // online 30 / 100 = 30% against 50% -> 12 x 30 / 50 = 7.2
            $0.online = 30
            // online payment 10 / 40 = 25% -> 10 x 25 / 100 = 2.5
            $0.feeBearing = 40; $0.paidOnline = 10
            // e-result 47 / 94 = 50% against 80% -> 6 x 50 / 80 = 3.75
            $0.electronicResult = 47
            // digitized 90 / 100 = 90% >= 80% -> 4
            $0.digitized = 90
        }
        let estimate = model.estimate(c)
        let byKPI = Dictionary(uniqueKeysWithValues: estimate.lines.map { ($0.indicator.kpi, $0.points!) })
        #expect(abs(byKPI[.progress]! - 19.0) < 1e-9)
        #expect(abs(byKPI[.online]! - 7.2) < 1e-9)
        #expect(abs(byKPI[.onlinePayment]! - 2.5) < 1e-9)
        #expect(abs(byKPI[.electronicResult]! - 3.75) < 1e-9)
        #expect(byKPI[.digitization]! == 4)
        #expect(abs(estimate.points - 36.45) < 1e-9)
        #expect(estimate.computedMaximum == 52)
        #expect(estimate.uncoveredPoints == 48)
        let groups = Dictionary(uniqueKeysWithValues: estimate.groups.map { ($0.group.name, $0) })
        #expect(groups["publicity"]!.points == nil && groups["satisfaction"]!.points == nil)
        #expect(abs(groups["digitization"]!.points! - 7.75) < 1e-9)
        #expect(groups["digitization"]!.computedMaximum == 10)
        #expect(groups["digitization"]!.group.notComputed.map(\.points) == [12])
    }

    @Test func noDataIsNotScored() throws {
        let model = try #require(try TargetProfile.load("766").score)
        // Only received dossiers, none judged, none fee-bearing, none finished.
        let estimate = model.estimate(
            counts {
                $0.received = 10; $0.online = 10; $0.digitized = 10
            })
        #expect(estimate.points == 16)
        #expect(estimate.computedMaximum == 16)
        let groups = Dictionary(uniqueKeysWithValues: estimate.groups.map { ($0.group.name, $0) })
        #expect(
            groups["progress"]!.points == nil
                && groups["progress"]!.noData == ["early, on time and within time / received and processed"])
        #expect(groups["online-payment"]!.points == nil)
    }
}

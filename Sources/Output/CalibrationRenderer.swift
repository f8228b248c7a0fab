import Engine
import Simulation
import _TextSupport

/// `tthc calibrate`'s outputs: the calibrated scenario file, the staff estimate of each pool
/// with its assumption, and the reproduction check with what each gap means.
public enum CalibrationRenderer {
    /// The scenario file: comments naming the logs and the staffing assumption, then the JSON.
    public static func scenarioFile(_ summary: Calibration.Summary, files: [String]) -> String {
        var text = "// Calibrated by tthc calibrate from \(files.joined(separator: ", ")).\n"
        if summary.pools.isEmpty {
            text += "// Delay model: pools without a staff limit, processing fitted to the log's elapsed times.\n"
        } else {
            text += "// Staffing model: each pool's size is estimated from the log's throughput and an ASSUMED work\n"
            text +=
                "// content per dossier (see the staffing table `tthc calibrate` printed). Try --set pools.X.size=N.\n"
            for p in summary.pools {
                text += "//   \(staffingLine(p, hoursPerDay: summary.workingHoursPerDay, language: .en))\n"
            }
        }
        return text + summary.scenario.text
    }

    static func word(_ key: String, _ language: Language) -> String { Labels.simulation(key, language) }

    static func decimal(_ x: Double, _ digits: Int = 2) -> String { NumberText.trimmed(x, maxDecimals: digits) }

    /// One pool's estimate in words, with its assumption.
    public static func staffingLine(_ p: Calibration.PoolEstimate, hoursPerDay: Double, language: Language = .en)
        -> String
    {
        let fields = p.fields == [p.pool] ? "" : " (" + p.fields.joined(separator: ", ") + ")"
        let wait = p.modelWaitHours.isFinite ? decimal(p.modelWaitHours) : "∞"
        if language == .vi {
            return
                "\(p.pool)\(fields): \(p.received) hồ sơ tiếp nhận = \(decimal(p.arrivalsPerWorkingHour)) hồ sơ mỗi giờ làm việc "
                + "(\(decimal(hoursPerDay)) giờ mỗi ngày; đã giải quyết \(decimal(p.throughputPerWorkingHour)) mỗi giờ) × "
                + "\(decimal(p.workMinutes, 1)) phút xử lý (giả định: \(p.sources.joined(separator: ", "))) = "
                + "\(decimal(p.offeredStaff)) người làm toàn thời gian; hồ sơ đã chờ trung bình \(decimal(p.observedWaitHours)) giờ làm việc "
                + "ngoài thời gian xử lý → \(p.staff) cán bộ ("
                + (p.staffFrom.map { "đếm từ nhật ký bước: \($0); " } ?? "") + "M/M/c, Erlang C: chờ \(wait) giờ)"
        }
        return
            "\(p.pool)\(fields): \(p.received) dossiers received = \(decimal(p.arrivalsPerWorkingHour)) per working hour "
            + "(\(decimal(hoursPerDay)) h a day; throughput \(decimal(p.throughputPerWorkingHour)) finished per hour) × "
            + "\(decimal(p.workMinutes, 1)) work minutes each (assumption: \(p.sources.joined(separator: ", "))) = "
            + "\(decimal(p.offeredStaff)) staff busy full time; the log's dossiers waited \(decimal(p.observedWaitHours)) working h "
            + "beyond their work on average → \(p.staff) staff ("
            + (p.staffFrom.map { "counted in the step log: \($0); " } ?? "") + "M/M/c, Erlang C: \(wait) h wait)"
    }

    /// Why a KPI's simulated interval misses the log's figure, and what to do about it.
    public static func advice(_ row: CalibrationCheck.Row, staffing: Bool, language: Language = .en) -> String? {
        guard !row.logWithinInterval, row.log.isFinite else { return nil }
        let higher = row.simulated.mean > row.log
        let vi = language == .vi
        switch row.name {
        case "on_time", "progress", "finished", "in_progress":
            if staffing {
                if vi {
                    return higher == (row.name != "in_progress")
                        ? "mô hình nhanh hơn nhật ký: thời gian chờ trong nhật ký không chỉ do xếp hàng (chờ cơ quan khác, thẩm định, ký duyệt); tăng số phút xử lý (--work-minutes, cột PhutXuLy) hoặc so với --delay-model"
                        : "mô hình chậm hơn nhật ký: số phút xử lý giả định quá cao hoặc thực tế có nhiều cán bộ hơn; giảm --work-minutes hoặc đặt --set pools.X.size"
                }
                return higher == (row.name != "in_progress")
                    ? "the model is faster than the log: the log's delays are not all queueing (waiting for other agencies, inspections, signatures); raise the work minutes (--work-minutes, the catalog's PhutXuLy) or compare with --delay-model, which fits the elapsed times"
                    : "the model is slower than the log: the assumed work minutes are too high or more staff worked than estimated; lower --work-minutes or set --set pools.X.size"
            }
            return vi
                ? "mô hình trễ chỉ học từ hồ sơ đã giải quyết; thử --censor-open để học cả hồ sơ đang mở"
                : "the delay model learns from finished dossiers only; --censor-open also learns from those still open"
        case "online", "full_online", "online_payment":
            return vi
                ? "tỷ lệ lấy từ toàn kỳ của nhật ký; nếu tỷ lệ thay đổi trong kỳ, hiệu chỉnh trên nhật ký ngắn hơn, gần đây hơn, hoặc đặt bằng --set"
                : "the scenario draws one share for the whole period; if the log's mix changed during it, calibrate on a shorter, recent log or set the share with --set"
        case "received":
            return vi
                ? "số hồ sơ đến theo giờ trong tuần là trung bình của kỳ; xu hướng hoặc mùa cao điểm làm lệch: dùng kỳ ngắn hơn hoặc hệ số monthly"
                : "arrival rates by hour of the week average the period; a trend or a seasonal peak shifts them: use a shorter period or monthly multipliers"
        default:
            return nil
        }
    }

    /// The notes under the check: how the log's figures relate to the simulated ones.
    public static func notes(_ check: CalibrationCheck, language: Language = .en) -> [String] {
        if language == .vi {
            return [
                "Số liệu nhật ký tính như tthc report, tính đến \(check.asOf.iso8601) (sự kiện cuối của nhật ký).",
                "on_time mô phỏng tính trên lứa hồ sơ tiếp nhận trong kỳ, mỗi hồ sơ theo đến khi giải quyết xong; on_time của nhật ký bỏ qua \(check.openAtAsOf) hồ sơ còn đang giải quyết lúc đó.",
                "Với \(check.replications) lần lặp, khoảng tin cậy 95% bỏ sót giá trị thật khoảng 1 lần trên 20; thêm --replications thu hẹp khoảng nhưng không xóa sai lệch.",
            ]
        }
        return [
            "The log's figures are those of `tthc report` as of \(check.asOf.iso8601) (the log's latest event).",
            "The simulated on_time is that of the cohort received in the period, each dossier followed until it finishes; the log's leaves out the \(check.openAtAsOf) dossiers still open at that time.",
            "With \(check.replications) replications a 95% interval misses the true value about 1 time in 20; more --replications narrow it but do not remove a bias.",
        ]
    }

    /// The check as JSON; `scenario` names the written file.
    public static func json(
        _ check: CalibrationCheck, summary: Calibration.Summary, scenario: String, language: Language = .en
    ) -> String {
        let staffing = !summary.pools.isEmpty
        let kpis: [(String, JSONValue)] = check.rows.map { row in
            (
                row.name,
                .object([
                    ("log", .number(row.log)), ("simulated", SimulationRenderer.estimateJSON(row.simulated)),
                    ("log_within_ci", .bool(row.logWithinInterval)),
                    ("simulated_on", .string(row.cohort ? "cohort" : "as_of")),
                    ("advice", advice(row, staffing: staffing, language: language).map(JSONValue.string) ?? .null),
                ])
            )
        }
        let pools: [JSONValue] = summary.pools.map { p in
            .object(
                [
                    ("pool", .string(p.pool)), ("fields", .array(p.fields.map(JSONValue.string))),
                    ("received", .int(p.received)), ("finished", .int(p.finished)),
                    ("arrivals_per_working_hour", .decimal(p.arrivalsPerWorkingHour)),
                    ("throughput_per_working_hour", .decimal(p.throughputPerWorkingHour)),
                    ("work_minutes", .decimal(p.workMinutes)),
                    ("work_minutes_from", .array(p.sources.map(JSONValue.string))),
                    ("offered_staff", .decimal(p.offeredStaff)),
                    ("observed_wait_working_hours", .decimal(p.observedWaitHours)),
                    ("staff", .int(p.staff)), ("model_wait_working_hours", .decimal(p.modelWaitHours)),
                    ("text", .string(staffingLine(p, hoursPerDay: summary.workingHoursPerDay, language: language))),
                ] + (p.staffFrom.map { [("staff_from", JSONValue.string($0))] } ?? []))
        }
        return JSONValue.object([
            ("scenario", .string(scenario)), ("model", .string(staffing ? "staffing" : "delay")),
            ("as_of", .string(check.asOf.iso8601)), ("replications", .number(Double(check.replications))),
            ("working_hours", .decimal(summary.workingHours)),
            ("working_hours_per_day", .decimal(summary.workingHoursPerDay)), ("pools", .array(pools)),
            ("kpis", .object(kpis)), ("open_at_as_of", .int(check.openAtAsOf)),
            ("notes", .array(notes(check, language: language).map(JSONValue.string))),
        ]).text
    }

    public static func table(_ check: CalibrationCheck, summary: Calibration.Summary, language: Language = .en)
        -> String
    {
        let staffing = !summary.pools.isEmpty
        var lines: [String] = []
        if staffing {
            lines += ["\(word("staffing", language)):"]
            lines += summary.pools.map {
                "  " + staffingLine($0, hoursPerDay: summary.workingHoursPerDay, language: language)
            }
            lines.append("")
        }
        var rows: [[String]] = [
            [
                word("kpi", language), word("log", language), word("simulated", language), word("ci", language),
                word("log_in_ci", language),
            ]
        ]
        for row in check.rows {
            rows.append([
                row.name + (row.cohort ? " (cohort)" : ""), NumberText.figure(row.log),
                NumberText.figure(row.simulated.mean),
                "[\(NumberText.figure(row.simulated.lower)), \(NumberText.figure(row.simulated.upper))]",
                row.logWithinInterval ? word("yes", language) : word("no", language),
            ])
        }
        lines += [
            "\(word("reproduction", language)), \(check.replications) \(word("replications_word", language)), \(check.asOf.iso8601):",
            "",
        ]
        lines += SimulationRenderer.kpiTable(rows)
        let advised = check.rows.compactMap { row in
            advice(row, staffing: staffing, language: language).map { "  \(row.name): \($0)" }
        }
        lines += ["", "\(word("notes", language)):"] + notes(check, language: language).map { "  " + $0 } + advised
        return lines.joined(separator: "\n") + "\n"
    }
}

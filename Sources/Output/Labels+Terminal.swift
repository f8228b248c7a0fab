extension Labels {
    /// The words of the terminal outputs, English and Vietnamese side by side, by command. A
    /// `{name}` is filled by `phrase(_:_:_:)`. Another helper adds its words here the same way:
    /// one key, both languages.
    static let terminalWords: [String: (en: String, vi: String)] = [
        // calendar
        "calendar_title": (
            "Working calendar {year} (office hours {hours}, Monday-Friday)",
            "Lịch làm việc năm {year} (giờ hành chính {hours}, thứ Hai - thứ Sáu)"
        ),
        "calendar_date": ("Date", "Ngày"), "calendar_day": ("Day", "Thứ"), "calendar_status": ("Status", "Trạng thái"),
        "calendar_name": ("Name", "Tên"), "calendar_working": ("working", "làm việc"), "calendar_off": ("off", "nghỉ"),
        "calendar_per_month": ("Working days per month:", "Số ngày làm việc theo tháng:"),
        "calendar_total": ("Total", "Tổng"), "lunar": ("lunar", "âm lịch"), "leap_month": ("leap month", "tháng nhuận"),
        // due
        "due_line": ("Due: {due} ({weekday})", "Hạn trả: {due} ({weekday})"),
        "due_how": (
            "Received {received}; clock starts {start}; {deadline}",
            "Tiếp nhận {received}; bắt đầu tính {start}; {deadline}"
        ),
        "due_paused": (" + {minutes} paused working minutes", " + {minutes} phút làm việc tạm dừng"),
        "due_minutes": (" = {minutes} working minutes", " = {minutes} phút làm việc"),
        "due_end_of_day": (", rounded to the end of the working day", ", làm tròn đến cuối ngày làm việc"),
        "due_none_skipped": ("No day skipped.", "Không bỏ qua ngày nào."), "due_skipped": ("Skipped: ", "Bỏ qua: "),
        "due_same_day": (
            "within the day (to the end of the receiving working day)",
            "trong ngày (đến hết ngày làm việc tiếp nhận)"
        ),
        "due_after_cutoff": (
            "received after the {cutoff} cut-off: counted from the next working day",
            "tiếp nhận sau {cutoff}: tính từ ngày làm việc tiếp theo"
        ),
        "day_off": ("day off", "ngày nghỉ"),
        // The lines every log command's table starts with.
        "header_as_of": ("as of {time}", "tính đến {time}"), "header_period": (", period {period}", ", kỳ {period}"),
        "header_received": (", received {from} .. {to}", ", tiếp nhận {from} .. {to}"),
        "header_basis": (", basis {basis}", ", cơ sở số liệu {basis}"),
        "header_input": (
            "input: {records}, {rejected} rejected, {duplicates} duplicate ids",
            "dữ liệu vào: {records}, {rejected} bị loại, {duplicates} trùng mã hồ sơ"
        ),
        "header_input_steps": (
            "input: {rows} step rows, {rejected} rejected", "dữ liệu vào: {rows} dòng bước xử lý, {rejected} bị loại"
        ),
        "header_outside": (", {n} outside the selection", ", {n} ngoài phạm vi chọn"),
        "header_profile": ("profile {name}: {title}", "bộ chỉ tiêu {name}: {title}"),
        "header_source": ("source: {source}", "nguồn: {source}"),
        "impossible": ("impossible", "không thể"),
        // audit
        "audit_title": (
            "Audit of NgayHenTra against the legal due ({catalog}, due mode {mode}",
            "Kiểm tra NgayHenTra so với hạn theo quy định ({catalog}, cách tính hạn {mode}"
        ),
        "audit_tolerance": (", tolerance {minutes} min", ", sai lệch cho phép {minutes} phút"),
        "audit_summary": (
            "{records}; {checked} checked: {later} due later than the law allows, {earlier} earlier, {matching} matching.",
            "{records}; {checked} hồ sơ được kiểm tra: {later} hẹn trả muộn hơn quy định, {earlier} sớm hơn, {matching} khớp."
        ),
        "audit_not_checked": (
            "Not checked: {received} without NgayTiepNhan, {due} without NgayHenTra, {unknown} with a MaTTHC not in the catalog.",
            "Không kiểm tra: {received} thiếu NgayTiepNhan, {due} thiếu NgayHenTra, {unknown} có MaTTHC không có trong danh mục."
        ),
        "audit_no_mismatch": ("No mismatch.", "Không có sai lệch."),
        "audit_unit": ("Unit", "Đơn vị"), "audit_procedure": ("Procedure", "Thủ tục"),
        "audit_procedure_name": ("Procedure name", "Tên thủ tục"), "audit_checked": ("Checked", "Kiểm tra"),
        "audit_later": ("Later", "Muộn hơn"), "audit_earlier": ("Earlier", "Sớm hơn"),
        "audit_max_later": ("Max later (working h)", "Muộn nhất (giờ làm việc)"),
        "audit_examples": (
            "Examples (MaHoSo: received, recorded due vs legal due, difference in working time):",
            "Ví dụ (MaHoSo: tiếp nhận, hạn ghi nhận so với hạn theo quy định, chênh lệch thời gian làm việc):"
        ),
        "audit_vs": ("vs", "so với"),
        // simulate, calibrate
        "simulate_line": (
            "Scenario: {scenario}   replications: {replications}   seed: {seed}   as of (replication 0): {asOf}",
            "Kịch bản: {scenario}   số lần lặp: {replications}   seed: {seed}   tính đến (lần lặp 0): {asOf}"
        ),
        "simulate_kpi": ("KPI", "Chỉ số"), "simulate_mean": ("mean", "Trung bình"),
        "simulate_ci_difference": ("95% CI of B - A", "95% CI của B - A"),
        "simulate_compare_line": (
            "Paired comparison (common random numbers), {replications} replications: A = {a}, B = {b}",
            "So sánh cặp (cùng dãy số ngẫu nhiên), {replications} lần lặp: A = {a}, B = {b}"
        ),
        "calibrate_line": (
            "Reproduction of the log by the calibrated scenario, {replications} replications, as of {asOf}:",
            "Kịch bản hiệu chỉnh tái tạo dữ liệu, {replications} lần lặp, tính đến {asOf}:"
        ),
        "calibrate_log": ("log", "Dữ liệu"), "calibrate_simulated": ("simulated", "Mô phỏng"),
        "calibrate_in_ci": ("log in CI", "Dữ liệu trong CI"), "calibrate_no": ("no", "không"),
        "calibrate_wrote": (
            "wrote {file}: {procedures} from {dossiers} over {days}",
            "đã ghi {file}: {procedures} từ {dossiers} trong {days}"
        ),
        // generate
        "generate_wrote": (
            "wrote {rows} {rowNoun} ({repeated} repeated MaHoSo), {mb} MB to {file} in {seconds} s ({rate} MB/s, {workers} {workerNoun})",
            "đã ghi {rows} {rowNoun} ({repeated} MaHoSo lặp lại), {mb} MB vào {file} trong {seconds} s ({rate} MB/s, {workers} {workerNoun})"
        ),
        // check
        "check_none": ("no targets given", "chưa có chỉ tiêu nào"),
        "check_all_met": ("all {n} targets met", "đạt cả {n} chỉ tiêu"),
        "check_missed": ("{m} of {n} missed", "{m}/{n} không đạt"),
        "check_met": ("met", "đạt"), "check_met_star": ("met*", "đạt*"), "check_missed_status": ("MISSED", "KHÔNG ĐẠT"),
        "check_no_data": ("no data", "không có số liệu"),
        "check_star_note": ("(* met in total, missed in some groups)", "(* đạt trên tổng số, không đạt ở một số nhóm)"),
        "check_units": ("units", "các đơn vị"), "check_procedures": ("procedures", "các thủ tục"),
        "check_contributing": ("{target}: {who} contributing most to the miss", "{target}: {who} ảnh hưởng nhiều nhất"),
        "check_groups_missing": ("Groups missing targets (--by {by}):", "Nhóm không đạt chỉ tiêu (--by {by}):"),
        "check_watched": ("Watched (no threshold):", "Theo dõi (không có ngưỡng):"),
        "check_not_checked": (
            "Not checked (the log cannot measure them):", "Không kiểm tra (dữ liệu không đo được):"
        ),
        "check_col_status": ("status", "Kết quả"), "check_col_target": ("target", "Chỉ tiêu"),
        "check_col_value": ("value", "Giá trị"), "check_col_of": ("of", "Trên"), "check_col_gap": ("gap", "Còn thiếu"),
        "check_col_needed": ("needed", "Cần thêm"), "check_col_metric": ("metric", "Chỉ số"),
        "check_col_note": ("note", "Ghi chú"),
        // score
        "score_line": (
            "tthc score: {points} of the {computable} points the log can support (the index has {total}; {uncovered} not computed)",
            "tthc score: {points} trên {computable} điểm dữ liệu tính được (bộ chỉ số có {total} điểm; {uncovered} điểm không tính)"
        ),
        "score_formulas": ("formulas: {source}", "công thức: {source}"),
        "score_not_computed": ("not computed", "không tính"),
        "score_not_computed_heading": (
            "Not computed (the log cannot support them):", "Không tính (dữ liệu không có):"
        ),
        "score_per": ("Per {unit}:", "Theo {unit}:"),
        "score_group": ("group", "Nhóm"), "score_indicator": ("indicator", "Chỉ số"), "score_rate": ("rate", "Tỷ lệ"),
        "score_of": ("of", "Trên"), "score_threshold": ("threshold", "Ngưỡng"), "score_points": ("points", "Điểm"),
        "score_max": ("max", "Tối đa"),
        // today
        "today_line": (
            "tthc today: {due} due by {horizon}, {overdue} overdue, {late} late without apology",
            "tthc today: {due} hồ sơ đến hạn trước {horizon}, {overdue} quá hạn, {late} trễ hạn chưa xin lỗi"
        ),
        "today_first_shown": (" (first {n} shown)", " ({n} hồ sơ đầu)"),
        "today_due_soon": (
            "Due soon (in progress, due by {horizon})", "Sắp đến hạn (đang giải quyết, hạn trước {horizon})"
        ),
        "today_overdue": ("Overdue in progress", "Đang giải quyết quá hạn"),
        "today_with_apology": ("({n} with an apology letter recorded)", "({n} hồ sơ đã có thư xin lỗi)"),
        "today_late_without_apology": (
            "Finished late without an apology letter", "Đã giải quyết trễ hạn chưa có thư xin lỗi"
        ),
        "today_waiting": ("waiting for supplement", "chờ bổ sung"),
        "today_two_supplements": (
            "2+ supplement requests: late by the 766 rule", "yêu cầu bổ sung từ 2 lần: quá hạn theo quy tắc 766"
        ),
        "today_yes": ("yes", "có"), "today_no": ("NO", "CHƯA"),
        "today_figures": (
            "Figures: today ({day}) and period to date ({period}, from {from})",
            "Số liệu: hôm nay ({day}) và lũy kế trong kỳ ({period}, từ {from})"
        ),
        "today_received": ("received", "Đã tiếp nhận"), "today_finished": ("finished", "Đã giải quyết"),
        "today_early_or_on_time": ("early or on time", "Trước hạn hoặc đúng hạn"),
        "today_late": ("late", "Quá hạn"),
        "today_in_progress_overdue": ("in progress overdue", "Đang giải quyết quá hạn"),
        "today_targets": ("Targets{profile}:", "Chỉ tiêu{profile}:"),
        "today_profile": (" (profile {name})", " (bộ chỉ tiêu {name})"),
        "today_col_due": ("due", "Hạn trả"), "today_col_left": ("left", "Còn lại"),
        "today_col_agency": ("agency", "Đơn vị"), "today_col_procedure": ("procedure", "Thủ tục"),
        "today_col_procedure name": ("procedure name", "Tên thủ tục"), "today_col_dossier": ("dossier", "Hồ sơ"),
        "today_col_note": ("note", "Ghi chú"), "today_col_overdue": ("overdue", "Quá hạn"),
        "today_col_apology": ("apology", "Xin lỗi"), "today_col_finished": ("finished", "Kết thúc"),
        "today_col_late by": ("late by", "Trễ"), "today_col_today": ("today", "Hôm nay"),
        "today_col_period to date": ("period to date", "Lũy kế trong kỳ"), "today_col_target": ("target", "Chỉ tiêu"),
    ]
}

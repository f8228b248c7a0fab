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
    ]
}

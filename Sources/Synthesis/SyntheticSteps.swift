/// The processing steps of one generated dossier, made to agree with it: the first received
/// step is its `NgayTiepNhan`, each supplement pause runs from a waiting-for-supplement step
/// (5) to the next step, the first finished step (8, 9, 10) is its end, and the last step's
/// status is its `TrangThaiHoSo`. Between those, the dossier passes the counter, a specialist
/// department and the leader; the instants in between are drawn from a generator seeded by the
/// dossier alone, so a step log agrees with the dossier log of the same seed row for row.
struct SyntheticStep {
    var time: Int64
    /// `NgayBatDau`: the previous step's time (absent for the first).
    var start: Int64
    /// `NgayKetThucTheoQuyDinh`, absent when the dossier has no due.
    var plannedEnd: Int64
    var status: UInt8
    /// Index into `SyntheticSteps.departments`.
    var department: Int
    /// 0...3: which of the department's handlers.
    var handler: Int
    /// Index into `SyntheticSteps.contents`.
    var content: Int
}

enum SyntheticSteps {
    static let counter = 0, leader = 1
    /// The counter, the leader, then the specialist departments (picked by the procedure).
    static let departments = [
        "Bộ phận Một cửa", "Lãnh đạo UBND", "Công chức Tư pháp - Hộ tịch", "Công chức Địa chính - Xây dựng",
        "Công chức Văn hóa - Xã hội", "Công chức Tài chính - Kế toán",
    ]
    static let titles = ["Công chức Bộ phận Một cửa", "Phó Chủ tịch UBND", "Công chức chuyên môn"]
    static let contents = [
        "Đăng ký hồ sơ trực tuyến", "Tiếp nhận hồ sơ", "Chuyển xử lý", "Yêu cầu bổ sung hồ sơ",
        "Tiếp nhận hồ sơ bổ sung", "Trình ký", "Hoàn thành xử lý", "Trả kết quả", "Từ chối tiếp nhận",
        "Chờ thực hiện nghĩa vụ tài chính", "Công dân rút hồ sơ", "Dừng xử lý",
    ]
    static let submitted = 0, receive = 1, transfer = 2, askSupplement = 3, resume = 4, sign = 5, done = 6
    static let hand = 7, refuse = 8, financial = 9, withdraw = 10, stop = 11

    static func title(ofDepartment department: Int) -> Int { department == counter ? 0 : department == leader ? 1 : 2 }

    /// The steps of `d`, in time order (ties in the order given), into `steps`.
    static func steps(of d: SyntheticDossier, seed: UInt64, snapshot: Int64, into steps: inout [SyntheticStep]) {
        steps.removeAll(keepingCapacity: true)
        let absent = SyntheticDossier.absent
        var random = SeededRandom(seed: seed ^ 0x7374_6570_73, stream: UInt64(d.serial))
        let specialist = 2 + d.procedure % (departments.count - 2)
        let handlers = (0..<departments.count).map { _ in random.below(4) }
        func add(_ time: Int64, _ status: UInt8, _ department: Int, _ content: Int, planned: Int64 = absent) {
            let start = steps.last?.time ?? absent
            steps.append(
                SyntheticStep(
                    time: time, start: start, plannedEnd: planned, status: status, department: department,
                    handler: handlers[department], content: content))
        }
        /// An instant strictly inside (a, b) when there is room, else b.
        func between(_ a: Int64, _ b: Int64, share: Double) -> Int64 {
            guard b - a > 2 else { return b }
            let span = Double(b - a)
            return a + 1 + Int64(span * share * (0.5 + 0.5 * Double(random.below(1000)) / 1000)) % (b - a - 1)
        }
        guard d.received != absent else {
            // Never received: registered online (1) or refused at the counter (3).
            guard d.submitted != absent else { return }
            add(d.submitted, 1, counter, submitted)
            if d.status == 3 { add(min(snapshot, d.submitted + 3600), 3, counter, refuse) }
            return
        }
        add(d.received, 2, counter, receive)
        if d.status == 2 { return }
        if d.status == 3 {
            add(between(d.received, snapshot, share: 0.1), 3, counter, refuse)
            return
        }
        let end = d.processingEnd != absent ? d.processingEnd : d.returned
        // The active stretches: from received (or a pause's end) to the next pause or the end.
        let horizon = end != absent ? end : snapshot
        let due = d.due
        var last = d.received
        let firstPause = d.pauseCount > 0 ? d.pause(0).start : horizon
        add(between(last, firstPause, share: 0.2), 4, specialist, transfer, planned: due)
        last = steps.last!.time
        for i in 0..<d.pauseCount {
            let pause = d.pause(i)
            add(max(last, pause.start), 5, specialist, askSupplement)
            guard pause.end != absent else { break }
            add(max(pause.start, pause.end), 4, specialist, resume, planned: due)
            last = steps.last!.time
        }
        if steps.last!.status == 5 { return }
        switch d.status {
        case 8, 9, 10:
            add(between(last, end, share: 0.8), 4, leader, sign, planned: due)
            if d.processingEnd != absent {
                add(d.processingEnd, d.status == 8 ? 8 : 9, d.status == 8 ? leader : specialist, d.status == 8 ? stop : done)
                if d.status == 10 && d.returned != absent { add(max(d.returned, d.processingEnd), 10, counter, hand) }
            } else {
                add(d.returned, 10, counter, hand)
            }
        case 6: add(between(last, snapshot, share: 0.5), 6, specialist, financial)
        case 7: add(between(last, snapshot, share: 0.5), 7, counter, withdraw)
        default: break
        }
    }
}

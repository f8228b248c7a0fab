#!/usr/bin/env python3
"""The tthc KPI counts of a dossier log, computed row by row in plain Python: slow, obvious, the
reference the vectorized peers (and small `tthc report` runs) are checked against.

Reads the core CSV (any column order, BOM, CRLF, RFC 4180 quoting) and every timestamp spelling
of the issue (`yyyyMMddHHmmss`, ISO 8601 with or without offset, `dd/MM/yyyy HH:mm:ss`).

Usage: kpis_reference.py FILE.csv [--as-of ...] [--pause-time working|calendar]
"""

import csv
import datetime as dt
import os
import sys
import time


def parse_any(text):
    import common
    text = text.strip()
    if not text:
        return None
    if "/" in text:
        date, _, clock = text.partition(" ")
        d, m, y = (int(x) for x in date.split("/"))
        parts = [int(x) for x in clock.split(":")] if clock else [0, 0, 0]
        parts += [0] * (3 - len(parts))
        return (dt.date(y, m, d) - dt.date(1970, 1, 1)).days * 86400 + parts[0] * 3600 + parts[1] * 60 + parts[2]
    return common.parse_time(text)


def main():
    import common
    args = common.arguments("plain Python")
    started = time.perf_counter()
    cal = common.calendar(args)
    rows = []
    with open(args.file, newline="", encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            rows.append(r)
    ts = ["NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayTra"]
    if args.as_of:
        as_of = common.parse_time(args.as_of)
    else:
        latest = ["NgayTiepNhan", "NgayKetThucXuLy", "NgayTra"]
        as_of = max(t for r in rows for t in (parse_any(r[c]) for c in latest) if t is not None)
    c = {k: 0 for k in common.COUNTS}
    for r in rows:
        st = int(r["TrangThaiHoSo"])
        if st in (1, 3):
            c["not_received"] += 1
            continue
        c["received"] += 1
        flag = lambda name: r.get(name, "").strip()
        if flag("KenhThucHien") == "2":
            c["online"] += 1
        if flag("KenhThucHien") == "3":
            c["postal"] += 1
        if flag("MucDo") == "4":
            c["full_online_eligible"] += 1
            if flag("ToanTrinh") == "1":
                c["full_online"] += 1
        if flag("CoPhiLePhi") == "1":
            c["fee_bearing"] += 1
            if flag("DuocThanhToanTrucTuyen") in ("1", "2"):
                c["paid_online"] += 1
        if flag("HoSoCoThanhPhanSoHoa") == "1":
            c["digitized"] += 1
        if st == 7:
            c["withdrawn"] += 1
            continue
        end = parse_any(r["NgayKetThucXuLy"]) or parse_any(r["NgayTra"])
        due = parse_any(r["NgayHenTra"])
        pauses = [p for p in (r.get("DanhSachHoSoBoSung") or "").split(";") if p]
        finished = end is not None and end <= as_of
        received = parse_any(r["NgayTiepNhan"])
        limit = end if finished else as_of
        c["finished" if finished else "in_progress"] += 1
        if finished and flag("KetQuaDienTu") == "1":
            c["e_result"] += 1
        if due is None:
            c["no_due"] += 1
            continue
        paused = 0
        for p in pauses:
            a, _, b = p.partition("/")
            s = max(parse_any(a), received)
            e = min(parse_any(b), limit) if b else limit
            paused += max(0, cal.w(e) - cal.w(s)) if args.pause_time == "working" else max(0, e - s)
        if paused:
            due = cal.advance(due, paused) if args.pause_time == "working" else due + paused
        strict = len(pauses) > 1 and not args.lenient_supplements
        if finished:
            if strict or end > due:
                c["late"] += 1
                if flag("XinLoi") == "1":
                    c["late_with_apology"] += 1
            elif end // 86400 < due // 86400:
                c["early"] += 1
            else:
                c["on_time"] += 1
        else:
            c["in_progress_overdue" if strict or as_of > due else "in_progress_within"] += 1
    common.emit("reference", c, as_of, started, args)


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    main()

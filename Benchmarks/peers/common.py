"""Shared command line and output of the peer KPI scripts (benchmark helpers)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time

import workcal

COUNTS = [
    "not_received", "received", "withdrawn", "finished", "early", "on_time", "late", "in_progress",
    "in_progress_within", "in_progress_overdue", "no_due", "online", "postal", "full_online_eligible",
    "full_online", "fee_bearing", "paid_online", "digitized", "e_result", "late_with_apology",
]


def parse_time(text: str) -> int:
    """`yyyyMMddHHmmss` or ISO `yyyy-MM-ddTHH:mm:ss` (Vietnam time) -> local seconds."""
    text = text.strip()
    if "-" in text:
        t = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        if t.tzinfo is not None:
            t = (t.astimezone(dt.timezone.utc) + dt.timedelta(hours=7)).replace(tzinfo=None)
    else:
        t = dt.datetime.strptime(text, "%Y%m%d%H%M%S")
    return int((t - dt.datetime(1970, 1, 1)).total_seconds())


def format_time(seconds: int) -> str:
    return (dt.datetime(1970, 1, 1) + dt.timedelta(seconds=seconds)).isoformat()


def arguments(engine: str):
    p = argparse.ArgumentParser(description=f"The tthc KPI counts of a core-format CSV dossier log, through {engine}.")
    p.add_argument("file")
    p.add_argument("--as-of", help="as-of time (default: the latest of the four timestamp columns)")
    p.add_argument("--pause-time", choices=["working", "calendar"], default="working",
                   help="measure supplement pauses in working time (default) or calendar time")
    p.add_argument("--lenient-supplements", action="store_true",
                   help="do not count dossiers with more than one supplement request as late")
    p.add_argument("--weekends-only", action="store_true", help="calendar without public holidays")
    p.add_argument("--days-off", help="file of official days off (yyyy-MM-dd per line)")
    p.add_argument("--workdays", help="file of make-up working Saturdays (yyyy-MM-dd per line)")
    p.add_argument("--threads", type=int, help="threads for the engine (default: all)")
    p.add_argument("--by", help="agency, month or both (comma separated, as tthc report --by); given, even "
                   "empty, the output lists groups (compare_groups.py) instead of the totals (compare.py)")
    p.add_argument("--first", default="2024-01-01", help="first day of the calendar tables")
    p.add_argument("--last", default="2027-12-31", help="last day of the calendar tables")
    return p.parse_args()


def calendar(args) -> workcal.WorkCalendar:
    def lines(path):
        if not path:
            return None
        with open(path) as f:
            return [x.strip() for x in f if x.strip()]
    return workcal.WorkCalendar(dt.date.fromisoformat(args.first), dt.date.fromisoformat(args.last),
                                days_off=lines(args.days_off), workdays=lines(args.workdays),
                                weekends_only=args.weekends_only)


def emit(engine: str, counts: dict, as_of: int, started: float, args):
    out = {
        "engine": engine,
        "seconds": round(time.perf_counter() - started, 3),
        "as_of": format_time(as_of),
        "pause_time": args.pause_time,
        "counts": {k: int(counts[k]) for k in COUNTS},
    }
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


# --by for the peers: the dimensions `tthc report --by` names, as tthc writes their keys.
DIMENSIONS = ["agency", "month"]

# The columns the lean peers read: the codes and flags, the four timestamps (and DonViXuLy).
LEAN_CODES = ["TrangThaiHoSo", "KenhThucHien", "MucDo", "ToanTrinh", "CoPhiLePhi", "DuocThanhToanTrucTuyen",
              "HoSoCoThanhPhanSoHoa", "KetQuaDienTu", "XinLoi"]
LEAN_TIMES = ["NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayTra"]


def lean_arguments(description: str):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("file")
    p.add_argument("--as-of", required=True)
    p.add_argument("--by", help="agency, month or both (comma separated), as tthc report --by")
    p.add_argument("--threads", type=int)
    return p.parse_args()


def dimensions(text: str | None) -> list[str]:
    by = [d for d in (text or "").split(",") if d]
    for d in by:
        if d not in DIMENSIONS:
            raise SystemExit(f"--by: unknown dimension '{d}'; expected a comma list of {', '.join(DIMENSIONS)}")
    return by


def month_text(value) -> str | None:
    """A month key as tthc writes it (`2026-01`) from yyyyMM (int), a date/datetime, that text, or None."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return f"{value // 100:04d}-{value % 100:02d}"
    return f"{value.year:04d}-{value.month:02d}"


def emit_groups(engine: str, by: list[str], rows: list[dict], as_of: int, started: float, **extra):
    """Writes the counts of each group (`rows`: dicts of the `by` keys and the COUNTS) as JSON."""
    groups = []
    for row in rows:
        key = {d: (month_text(row[d]) if d == "month" else row[d]) for d in by}
        groups.append({"key": key, "counts": {k: int(row[k] or 0) for k in COUNTS}})
    out = {"engine": engine, "seconds": round(time.perf_counter() - started, 3), "as_of": format_time(as_of),
           "by": by, **extra, "groups": groups}
    json.dump(out, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")

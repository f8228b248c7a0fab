#!/usr/bin/env python3
"""The counts of `tthc report --format json [--by ...]`, as a DuckDB user would write them (lean peer).

One `read_csv` (or `read_json` for .jsonl) with a typed schema for only the columns the counts
need, one GROUP BY, nothing else: no pause computation for a CSV, since the one-stop export
shape (`tthc generate --export-shape`) has no supplement column; no dedupe, since the benchmark
files repeat no MaHoSo. The rules are tthc's (Guides/Index766.md, Metrics/DossierClassifier):

- received = status not 1 or 3 (withdrawn 7 included); active = received and not 7;
- end = NgayKetThucXuLy, else NgayTra; finished = active with an end at or before the as-of
  time, in progress = any other active dossier; due = NgayHenTra (no catalog: none is no_due);
- finished: late when end > due (to the second), else early when the day of end is before the
  day of due, else on time; in progress: overdue when as-of > due;
- JSONL (`tthc generate --format jsonl`) keeps its supplement pauses in a nested list: with
  `--clock calendar` (tthc's option) each pause, clipped to [received, end or as-of], moves the
  due by its elapsed seconds, and more than one supplement request makes the dossier late.

CSV timestamps are typed as 64-bit integers: `yyyyMMddHHmmss` orders like the instant and its
day is the integer divided by 10^6, which is cheaper than parsing a datetime (the fastest
correct reading we found, so the peer is not handicapped).

Usage: lean_duckdb.py FILE.csv|FILE.jsonl --as-of 2026-06-30T23:59:59 [--by agency,month] [--threads N]
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

FLAGS = common.LEAN_CODES
TIMES = common.LEAN_TIMES


def counts_sql(as_of, late_rule, fin_rule, early_rule, overdue_rule):
    """The 20 counts over columns st, ch, lvl, ..., end_t, due_t (the names below)."""
    rec = "st NOT IN (1, 3)"
    active = "st NOT IN (1, 3, 7)"
    fin = f"({active} AND {fin_rule})"
    prog = f"({active} AND NOT coalesce({fin_rule}, false))"
    late = f"({fin} AND due_t IS NOT NULL AND ({late_rule}))"
    early = f"({fin} AND due_t IS NOT NULL AND NOT ({late_rule}) AND {early_rule})"
    return f"""
        count(*) FILTER (WHERE NOT ({rec})) AS not_received,
        count(*) FILTER (WHERE {rec}) AS received,
        count(*) FILTER (WHERE st = 7) AS withdrawn,
        count(*) FILTER (WHERE {fin}) AS finished,
        count(*) FILTER (WHERE {early}) AS early,
        count(*) FILTER (WHERE {fin} AND due_t IS NOT NULL AND NOT ({late_rule}) AND NOT ({early_rule})) AS on_time,
        count(*) FILTER (WHERE {late}) AS late,
        count(*) FILTER (WHERE {prog}) AS in_progress,
        count(*) FILTER (WHERE {prog} AND due_t IS NOT NULL AND NOT ({overdue_rule})) AS in_progress_within,
        count(*) FILTER (WHERE {prog} AND due_t IS NOT NULL AND ({overdue_rule})) AS in_progress_overdue,
        count(*) FILTER (WHERE {active} AND due_t IS NULL) AS no_due,
        count(*) FILTER (WHERE {rec} AND ch = 2) AS online,
        count(*) FILTER (WHERE {rec} AND ch = 3) AS postal,
        count(*) FILTER (WHERE {rec} AND lvl = 4) AS full_online_eligible,
        count(*) FILTER (WHERE {rec} AND lvl = 4 AND fullon = 1) AS full_online,
        count(*) FILTER (WHERE {rec} AND fee = 1) AS fee_bearing,
        count(*) FILTER (WHERE {rec} AND fee = 1 AND paid IN (1, 2)) AS paid_online,
        count(*) FILTER (WHERE {rec} AND dig = 1) AS digitized,
        count(*) FILTER (WHERE {fin} AND eres = 1) AS e_result,
        count(*) FILTER (WHERE {late} AND sorry = 1) AS late_with_apology"""


def main():
    args = common.lean_arguments(__doc__.splitlines()[0])
    import duckdb

    started = time.perf_counter()
    by = common.dimensions(args.by)
    as_of = common.parse_time(args.as_of)
    con = duckdb.connect()
    if args.threads:
        con.execute(f"SET threads = {args.threads}")
    path = args.file.replace("'", "''")
    renames = ("TrangThaiHoSo AS st, KenhThucHien AS ch, MucDo AS lvl, ToanTrinh AS fullon, CoPhiLePhi AS fee, "
               "DuocThanhToanTrucTuyen AS paid, HoSoCoThanhPhanSoHoa AS dig, KetQuaDienTu AS eres, XinLoi AS sorry")
    if args.file.endswith((".jsonl", ".ndjson")):
        columns = {**{c: "INTEGER" for c in FLAGS}, **{c: "TIMESTAMP" for c in TIMES}, "DonViXuLy": "VARCHAR",
                   "DanhSachHoSoBoSung": "STRUCT(NgayBoSung TIMESTAMP, NgayTiepNhanBoSung TIMESTAMP)[]"}
        spec = ", ".join(f"'{k}': '{v}'" for k, v in columns.items())
        as_of_t = f"TIMESTAMP '{common.format_time(as_of).replace('T', ' ')}'"
        end_t = "coalesce(NgayKetThucXuLy, NgayTra)"
        # Pauses clipped to [received, end or as-of], in elapsed seconds (tthc --clock calendar).
        limit = f"CASE WHEN {end_t} <= {as_of_t} THEN {end_t} ELSE {as_of_t} END"
        paused = f"""coalesce(list_sum(list_transform(DanhSachHoSoBoSung, lambda x:
            greatest(0, epoch(least(coalesce(x.NgayTiepNhanBoSung, {limit}), {limit}))
                      - epoch(least(greatest(x.NgayBoSung, NgayTiepNhan), {limit}))))), 0)"""
        source = f"""SELECT {renames}, DonViXuLy, NgayTiepNhan AS rec_t, {end_t} AS end_t,
                       NgayHenTra + to_seconds(CASE WHEN NgayHenTra IS NULL THEN 0 ELSE {paused} END) AS due_t,
                       coalesce(len(DanhSachHoSoBoSung), 0) > 1 AS strict
                FROM read_json('{path}', format = 'newline_delimited', timestampformat = '%Y%m%d%H%M%S',
                               columns = {{{spec}}})"""
        month = "strftime(rec_t, '%Y-%m')"
        sql = counts_sql(as_of_t, "strict OR end_t > due_t", f"end_t <= {as_of_t}",
                         "CAST(end_t AS DATE) < CAST(due_t AS DATE)", f"strict OR {as_of_t} > due_t")
    else:
        columns = {**{c: "INTEGER" for c in FLAGS}, **{c: "BIGINT" for c in TIMES}, "DonViXuLy": "VARCHAR"}
        spec = ", ".join(f"'{k}': '{v}'" for k, v in columns.items())
        a = common.format_time(as_of).replace("-", "").replace(":", "").replace("T", "")
        source = f"""SELECT {renames}, DonViXuLy, NgayTiepNhan AS rec_t,
                       coalesce(NgayKetThucXuLy, NgayTra) AS end_t, NgayHenTra AS due_t
                FROM read_csv('{path}', header = true, types = {{{spec}}})"""
        month = "rec_t // 100000000"
        sql = counts_sql(a, "end_t > due_t", f"end_t <= {a}", "end_t // 1000000 < due_t // 1000000",
                         f"{a} > due_t")
    keys = {"agency": "DonViXuLy", "month": month}
    select_keys = "".join(f"{keys[d]} AS {d}, " for d in by)
    group = f" GROUP BY {', '.join(by)}" if by else ""
    cur = con.execute(f"SELECT {select_keys}{sql} FROM ({source}){group}")
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, r)) for r in cur.fetchall()]
    common.emit_groups("duckdb-lean", by, rows, as_of, started, version=duckdb.__version__)


if __name__ == "__main__":
    main()

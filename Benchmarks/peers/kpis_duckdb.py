#!/usr/bin/env python3
"""The tthc KPI counts of a core-format CSV dossier log, computed by DuckDB (benchmark peer).

Same rules as `tthc report` (issue 2): statuses 1/3 not received, 7 withdrawn; end =
NgayKetThucXuLy else NgayTra; the due (NgayHenTra) moves later by the working time of the
supplement pauses (open pauses run to the as-of time); more than one supplement request makes a
finished dossier late unless --lenient-supplements; early = date(end) < date(due), late = end > due,
else on time; in progress: overdue when as-of > due. Timestamps must be `yyyyMMddHHmmss` (the
generator's benchmark files); the working clock is the flat table of workcal.py, inlined as
constant lists so every step stays vectorized.

Usage: kpis_duckdb.py FILE.csv [--as-of 2026-06-30T23:59:59] [--pause-time working|calendar]
"""

import time

import duckdb

import common


def main():
    args = common.arguments("DuckDB")
    started = time.perf_counter()
    cal = common.calendar(args)
    con = duckdb.connect()
    if args.threads:
        con.execute(f"SET threads = {args.threads}")
    ts_cols = ["NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayTra"]
    columns = {
        "TrangThaiHoSo": "INTEGER", "KenhThucHien": "INTEGER", "MucDo": "INTEGER", "ToanTrinh": "INTEGER",
        "CoPhiLePhi": "INTEGER", "DuocThanhToanTrucTuyen": "INTEGER", "HoSoCoThanhPhanSoHoa": "INTEGER",
        "KetQuaDienTu": "INTEGER", "XinLoi": "INTEGER", "DanhSachHoSoBoSung": "VARCHAR", "DonViXuLy": "VARCHAR",
        **{c: "TIMESTAMP" for c in ts_cols},
    }
    spec = ", ".join(f"'{k}': '{v}'" for k, v in columns.items())
    path = args.file.replace("'", "''")
    con.execute(f"""
        CREATE TEMP VIEW log AS SELECT {", ".join(columns)} FROM read_csv('{path}', header = true,
            delim = ',', quote = '"', escape = '"', timestampformat = '%Y%m%d%H%M%S',
            types = {{{spec}}}, all_varchar = false, auto_detect = true)
    """)

    # Local seconds of each timestamp; as-of.
    sec = {c: f"epoch({c})::BIGINT" for c in ts_cols}
    if args.as_of:
        as_of = common.parse_time(args.as_of)
    else:
        latest = ", ".join(sec[c] for c in ["NgayTiepNhan", "NgayKetThucXuLy", "NgayTra"])
        as_of = con.execute(f"SELECT max(greatest({latest})) FROM log").fetchone()[0]

    first, per_day = cal.first, cal.per_day
    # The working clock as two small tables, joined only by the few dossiers with pauses.
    def ints(values):
        return "[" + ",".join(map(str, values)) + "]::BIGINT[]"
    con.execute(f"""CREATE TEMP TABLE cal AS SELECT unnest({ints(range(first, first + len(cal.ordinal)))}) AS day,
                    unnest({ints(cal.ordinal)}) AS ord, unnest({ints(cal.working)}) AS working""")
    con.execute(f"""CREATE TEMP TABLE byord AS SELECT unnest({ints(range(len(cal.workday_by_ordinal)))}) AS ord,
                    unnest({ints(cal.workday_by_ordinal)}) AS day""")
    within = " + ".join(f"least(greatest(sod - {s}, 0), {e - s})" for s, e in cal.office)
    inv = []
    acc = 0
    for s, e in cal.office:
        inv.append(f"WHEN r <= {acc + e - s} THEN {s} + r - {acc}")
        acc += e - s
    tod = "CASE " + " ".join(inv) + " END"

    working_pause = args.pause_time == "working"
    strict = "FALSE" if args.lenient_supplements else "npause > 1"
    if working_pause:
        # W(t) = working days before t's day * per_day + working seconds of t's day before t.
        span = f"""(w_e.ord * {per_day} + CASE WHEN w_e.working = 1 THEN {within.replace('sod', 'p.e % 86400')} ELSE 0 END)
                 - (w_s.ord * {per_day} + CASE WHEN w_s.working = 1 THEN {within.replace('sod', 'p.s % 86400')} ELSE 0 END)"""
        pause_join = "JOIN cal w_s ON w_s.day = p.s // 86400 JOIN cal w_e ON w_e.day = p.e // 86400"
        # advance(due, paused): the working day of ordinal k and the offset r inside it.
        moved_due = f"""SELECT q.rid, CASE WHEN q.paused = 0 THEN q.due_s ELSE b.day * 86400 + {tod.replace('r ', 'q.r ').replace('+ r', '+ q.r')} END AS eff_due
            FROM (SELECT x.rid, x.due_s, x.paused,
                         (c.ord * {per_day} + CASE WHEN c.working = 1 THEN {within.replace('sod', 'x.due_s % 86400')} ELSE 0 END + x.paused - 1) // {per_day} AS k,
                         c.ord * {per_day} + CASE WHEN c.working = 1 THEN {within.replace('sod', 'x.due_s % 86400')} ELSE 0 END + x.paused
                           - ((c.ord * {per_day} + CASE WHEN c.working = 1 THEN {within.replace('sod', 'x.due_s % 86400')} ELSE 0 END + x.paused - 1) // {per_day}) * {per_day} AS r
                  FROM paused x JOIN cal c ON c.day = x.due_s // 86400) q
            LEFT JOIN byord b ON b.ord = q.k"""
    else:
        span = "(p.e - p.s)"
        pause_join = ""
        moved_due = "SELECT rid, due_s + paused AS eff_due FROM paused"

    by = common.dimensions(args.by)
    keys = "".join(f"{d}, " for d in by)
    group = f" GROUP BY {', '.join(by)}" if by else ""
    query = f"""
    WITH base AS (
        SELECT TrangThaiHoSo AS st, KenhThucHien AS ch, MucDo AS lvl, ToanTrinh AS fullon, CoPhiLePhi AS fee,
               DuocThanhToanTrucTuyen AS paid, HoSoCoThanhPhanSoHoa AS dig, KetQuaDienTu AS eres, XinLoi AS sorry,
               DanhSachHoSoBoSung, DonViXuLy AS agency, strftime(NgayTiepNhan, '%Y-%m') AS month,
               {sec['NgayHenTra']} AS due_s, {sec['NgayTiepNhan']} AS rec_s,
               coalesce({sec['NgayKetThucXuLy']}, {sec['NgayTra']}) AS end_s,
               CASE WHEN DanhSachHoSoBoSung IS NULL OR DanhSachHoSoBoSung = '' THEN 0
                    ELSE len(string_split(DanhSachHoSoBoSung, ';')) END AS npause
        FROM log
    ), with_pauses AS MATERIALIZED (
        -- Only the few dossiers with supplement pauses need the working clock.
        SELECT *, row_number() OVER () AS rid,
               -- pauses count up to the end, or the as-of time while in progress
               CASE WHEN end_s <= {as_of} THEN end_s ELSE {as_of} END AS lim
        FROM base WHERE npause > 0 AND due_s IS NOT NULL
    ), pause_list AS (
        SELECT rid, lim, rec_s, unnest(string_split(DanhSachHoSoBoSung, ';')) AS pair FROM with_pauses
    ), p AS (
        SELECT rid,
               greatest(epoch(strptime(split_part(pair, '/', 1), '%Y%m%d%H%M%S'))::BIGINT, rec_s) AS s,
               CASE WHEN split_part(pair, '/', 2) = '' THEN lim
                    ELSE least(epoch(strptime(split_part(pair, '/', 2), '%Y%m%d%H%M%S'))::BIGINT, lim) END AS e
        FROM pause_list
    ), paused AS (
        SELECT w.rid, w.due_s, coalesce(sum(greatest({span}, 0)) FILTER (WHERE p.e > p.s), 0) AS paused
        FROM with_pauses w LEFT JOIN p ON p.rid = w.rid {pause_join.replace('JOIN cal', 'LEFT JOIN cal')}
        GROUP BY w.rid, w.due_s
    ), moved_due AS ({moved_due}
    ), judged AS (
        SELECT * EXCLUDE (lim, rid), due_s AS eff_due FROM (SELECT *, 0 AS lim, 0 AS rid FROM base)
        WHERE npause = 0 OR due_s IS NULL
        UNION ALL
        SELECT w.* EXCLUDE (lim, rid), m.eff_due FROM with_pauses w JOIN moved_due m ON m.rid = w.rid
    ), moved AS (
        SELECT *, st NOT IN (1, 3) AS rec, st NOT IN (1, 3, 7) AS active FROM judged
    ), classified AS (
        SELECT *,
            active AND end_s IS NOT NULL AND end_s <= {as_of} AS fin,
            active AND (end_s IS NULL OR end_s > {as_of}) AS prog,
            CASE WHEN active AND end_s IS NOT NULL AND end_s <= {as_of} AND eff_due IS NOT NULL THEN
                CASE WHEN {strict} OR end_s > eff_due THEN 'late'
                     WHEN end_s // 86400 < eff_due // 86400 THEN 'early' ELSE 'on_time' END END AS outcome
        FROM moved
    )
    SELECT {keys}
        count(*) FILTER (WHERE NOT rec) AS not_received,
        count(*) FILTER (WHERE rec) AS received,
        count(*) FILTER (WHERE st = 7) AS withdrawn,
        count(*) FILTER (WHERE fin) AS finished,
        count(*) FILTER (WHERE outcome = 'early') AS early,
        count(*) FILTER (WHERE outcome = 'on_time') AS on_time,
        count(*) FILTER (WHERE outcome = 'late') AS late,
        count(*) FILTER (WHERE prog) AS in_progress,
        count(*) FILTER (WHERE prog AND eff_due IS NOT NULL AND NOT ({strict} OR {as_of} > eff_due)) AS in_progress_within,
        count(*) FILTER (WHERE prog AND eff_due IS NOT NULL AND ({strict} OR {as_of} > eff_due)) AS in_progress_overdue,
        count(*) FILTER (WHERE (fin OR prog) AND eff_due IS NULL) AS no_due,
        count(*) FILTER (WHERE rec AND ch = 2) AS online,
        count(*) FILTER (WHERE rec AND ch = 3) AS postal,
        count(*) FILTER (WHERE rec AND lvl = 4) AS full_online_eligible,
        count(*) FILTER (WHERE rec AND lvl = 4 AND fullon = 1) AS full_online,
        count(*) FILTER (WHERE rec AND fee = 1) AS fee_bearing,
        count(*) FILTER (WHERE rec AND fee = 1 AND paid IN (1, 2)) AS paid_online,
        count(*) FILTER (WHERE rec AND dig = 1) AS digitized,
        count(*) FILTER (WHERE fin AND eres = 1) AS e_result,
        count(*) FILTER (WHERE outcome = 'late' AND sorry = 1) AS late_with_apology
    FROM classified{group}
    """
    cur = con.execute(query)
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, r)) for r in cur.fetchall()]
    if args.by is not None:
        common.emit_groups("duckdb", by, rows, as_of, started, pause_time=args.pause_time, version=duckdb.__version__)
    else:
        common.emit("duckdb", rows[0], as_of, started, args)


if __name__ == "__main__":
    main()

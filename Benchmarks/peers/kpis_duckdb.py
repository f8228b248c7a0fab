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
        "KetQuaDienTu": "INTEGER", "XinLoi": "INTEGER", "DanhSachHoSoBoSung": "VARCHAR",
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
    ordinal = "[" + ",".join(map(str, cal.ordinal)) + "]"
    working = "[" + ",".join(map(str, cal.working)) + "]"
    by_ord = "[" + ",".join(map(str, cal.workday_by_ordinal)) + "]"
    con.execute(f"CREATE MACRO ordl() AS {ordinal}")
    con.execute(f"CREATE MACRO workl() AS {working}")
    con.execute(f"CREATE MACRO byord() AS {by_ord}")
    within = " + ".join(f"least(greatest(s - {s}, 0), {e - s})" for s, e in cal.office)
    con.execute(f"""CREATE MACRO wt(t) AS
        ordl()[t // 86400 - {first} + 1] * {per_day}
        + CASE WHEN workl()[t // 86400 - {first} + 1] = 1 THEN {within.replace('s -', '(t % 86400) -')} ELSE 0 END""")
    # advance(t, p): the earliest instant with W = W(t) + p (k: ordinal of its working day, r: offset in it).
    inv = []
    acc = 0
    for s, e in cal.office:
        inv.append(f"WHEN r <= {acc + e - s} THEN {s} + r - {acc}")
        acc += e - s
    con.execute(f"CREATE MACRO adv_k(target) AS (target - 1) // {per_day}")
    con.execute(f"""CREATE MACRO adv_at(k, r) AS byord()[k + 1] * 86400 + CASE {' '.join(inv)} END""")
    con.execute(f"""CREATE MACRO adv(t, p) AS CASE WHEN p <= 0 THEN t ELSE
        adv_at(adv_k(wt(t) + p), wt(t) + p - adv_k(wt(t) + p) * {per_day}) END""")

    working_pause = args.pause_time == "working"
    n_pauses = con.execute(
        "SELECT coalesce(max(len(string_split(DanhSachHoSoBoSung, ';'))), 0) FROM log "
        "WHERE DanhSachHoSoBoSung IS NOT NULL AND DanhSachHoSoBoSung <> ''").fetchone()[0]
    pause_terms = []
    for i in range(1, n_pauses + 1):
        part = f"string_split(DanhSachHoSoBoSung, ';')[{i}]"
        start = f"greatest(epoch(strptime(split_part({part}, '/', 1), '%Y%m%d%H%M%S'))::BIGINT, rec_s)"
        end_text = f"split_part({part}, '/', 2)"
        end = (f"CASE WHEN {end_text} = '' THEN lim "
               f"ELSE least(epoch(strptime({end_text}, '%Y%m%d%H%M%S'))::BIGINT, lim) END")
        span = f"(wt({end}) - wt({start}))" if working_pause else f"({end} - {start})"
        pause_terms.append(f"CASE WHEN npause >= {i} THEN greatest({span}, 0) ELSE 0 END")
    pause_sum = " + ".join(pause_terms) if pause_terms else "0"
    strict = "FALSE" if args.lenient_supplements else "npause > 1"
    eff = "adv(due_s, paused)" if working_pause else "due_s + paused"

    query = f"""
    WITH base AS (
        SELECT TrangThaiHoSo AS st, KenhThucHien AS ch, MucDo AS lvl, ToanTrinh AS fullon, CoPhiLePhi AS fee,
               DuocThanhToanTrucTuyen AS paid, HoSoCoThanhPhanSoHoa AS dig, KetQuaDienTu AS eres, XinLoi AS sorry,
               DanhSachHoSoBoSung,
               {sec['NgayHenTra']} AS due_s, {sec['NgayTiepNhan']} AS rec_s,
               coalesce({sec['NgayKetThucXuLy']}, {sec['NgayTra']}) AS end_s,
               -- pauses count up to the end, or the as-of time while in progress
               CASE WHEN coalesce({sec['NgayKetThucXuLy']}, {sec['NgayTra']}) <= {as_of}
                    THEN coalesce({sec['NgayKetThucXuLy']}, {sec['NgayTra']}) ELSE {as_of} END AS lim,
               CASE WHEN DanhSachHoSoBoSung IS NULL OR DanhSachHoSoBoSung = '' THEN 0
                    ELSE len(string_split(DanhSachHoSoBoSung, ';')) END AS npause
        FROM log
    ), judged AS (
        SELECT *, CASE WHEN npause = 0 OR due_s IS NULL THEN 0 ELSE {pause_sum} END AS paused
        FROM base
    ), moved AS (
        SELECT *, st NOT IN (1, 3) AS rec, st NOT IN (1, 3, 7) AS active,
               CASE WHEN due_s IS NULL THEN NULL WHEN paused = 0 THEN due_s ELSE {eff} END AS eff_due
        FROM judged
    ), classified AS (
        SELECT *,
            active AND end_s IS NOT NULL AND end_s <= {as_of} AS fin,
            active AND (end_s IS NULL OR end_s > {as_of}) AS prog,
            CASE WHEN active AND end_s IS NOT NULL AND end_s <= {as_of} AND eff_due IS NOT NULL THEN
                CASE WHEN {strict} OR end_s > eff_due THEN 'late'
                     WHEN end_s // 86400 < eff_due // 86400 THEN 'early' ELSE 'on_time' END END AS outcome
        FROM moved
    )
    SELECT
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
    FROM classified
    """
    cur = con.execute(query)
    names = [d[0] for d in cur.description]
    counts = dict(zip(names, cur.fetchone()))
    common.emit("duckdb", counts, as_of, started, args)


if __name__ == "__main__":
    main()

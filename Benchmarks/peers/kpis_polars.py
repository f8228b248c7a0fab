#!/usr/bin/env python3
"""The tthc KPI counts of a core-format CSV dossier log, computed by Polars (benchmark peer).

Same rules as kpis_duckdb.py and `tthc report` (issue 2); see kpis_duckdb.py for the list. The
working clock is workcal.py's flat tables, looked up with `gather`, so every step is a columnar
expression over the lazily scanned file.

Usage: kpis_polars.py FILE.csv [--as-of 2026-06-30T23:59:59] [--pause-time working|calendar]
"""

import os
import sys
import time


def main():
    import common
    args = common.arguments("Polars")
    if args.threads:
        os.environ["POLARS_MAX_THREADS"] = str(args.threads)
    import polars as pl

    started = time.perf_counter()
    cal = common.calendar(args)
    ts_cols = ["NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayTra"]
    ints = ["TrangThaiHoSo", "KenhThucHien", "MucDo", "ToanTrinh", "CoPhiLePhi", "DuocThanhToanTrucTuyen",
            "HoSoCoThanhPhanSoHoa", "KetQuaDienTu", "XinLoi"]
    schema = {c: pl.Int32 for c in ints} | {c: pl.String for c in ts_cols + ["DanhSachHoSoBoSung"]}
    log = pl.scan_csv(args.file, schema_overrides=schema, infer_schema=False).select(ints + ts_cols + ["DanhSachHoSoBoSung", "DonViXuLy"])

    def secs(expr):
        return expr.str.to_datetime("%Y%m%d%H%M%S", time_unit="ms").dt.epoch("s")

    ordl = pl.Series(cal.ordinal, dtype=pl.Int64)
    workl = pl.Series(cal.working, dtype=pl.Int64)
    byord = pl.Series(cal.workday_by_ordinal, dtype=pl.Int64)
    per_day = cal.per_day

    def wt(t):
        i = t // 86400 - cal.first
        sod = t % 86400
        within = sum((pl.min_horizontal(pl.max_horizontal(sod - s, pl.lit(0)), pl.lit(e - s))) for s, e in cal.office)
        return pl.lit(ordl).gather(i) * per_day + pl.when(pl.lit(workl).gather(i) == 1).then(within).otherwise(0)

    def adv(t, p):
        target = wt(t) + p
        k = (target - 1) // per_day
        r = target - k * per_day
        acc = 0
        tod = None
        for s, e in cal.office:
            branch = (pl.when(r <= acc + e - s).then(s + r - acc)) if tod is None else tod.when(r <= acc + e - s).then(s + r - acc)
            tod = branch
            acc += e - s
        return pl.when(p <= 0).then(t).otherwise(pl.lit(byord).gather(k) * 86400 + tod.otherwise(None))

    base = log.with_columns(
        st=pl.col("TrangThaiHoSo"),
        due_s=secs(pl.col("NgayHenTra")),
        end_s=pl.coalesce(secs(pl.col("NgayKetThucXuLy")), secs(pl.col("NgayTra"))),
        npause=pl.when(pl.col("DanhSachHoSoBoSung").is_null() | (pl.col("DanhSachHoSoBoSung") == ""))
            .then(0).otherwise(pl.col("DanhSachHoSoBoSung").str.count_matches(";", literal=True) + 1),
    )

    if args.as_of:
        as_of = common.parse_time(args.as_of)
    else:
        latest = ["NgayTiepNhan", "NgayKetThucXuLy", "NgayTra"]
        as_of = log.select(pl.max_horizontal([secs(pl.col(c)).max() for c in latest])).collect().item()

    # Pauses count up to the end, or the as-of time while in progress.
    def pause_columns(frame):
        return frame.with_columns(
            plist=pl.col("DanhSachHoSoBoSung").str.split(";"), rec_s=secs(pl.col("NgayTiepNhan")),
            lim=pl.when(pl.col("end_s") <= as_of).then(pl.col("end_s")).otherwise(pl.lit(as_of, dtype=pl.Int64)))

    n_pauses = base.select(pl.col("npause").max()).collect().item() or 0
    working = args.pause_time == "working"
    paused = pl.lit(0, dtype=pl.Int64)
    for i in range(n_pauses):
        part = pl.col("plist").list.get(i, null_on_oob=True)
        start = pl.max_horizontal(secs(part.str.split("/").list.get(0)), pl.col("rec_s"))
        end_text = part.str.split("/").list.get(1, null_on_oob=True)
        end = pl.when(end_text.is_null() | (end_text == "")).then(pl.col("lim")).otherwise(
            pl.min_horizontal(secs(end_text), pl.col("lim")))
        span = (wt(end) - wt(start)) if working else (end - start)
        paused = paused + pl.when(pl.col("npause") > i).then(pl.max_horizontal(span, pl.lit(0))).otherwise(0)

    # Only the few dossiers with pauses need the working clock: they go through it on their own
    # and are concatenated back (the scan is shared by Polars' common-subplan elimination).
    due = pl.col("due_s")
    plain = base.filter((pl.col("npause") == 0) | due.is_null()).with_columns(eff_due=due)
    with_pauses = pause_columns(base.filter((pl.col("npause") > 0) & due.is_not_null())).with_columns(paused=paused).with_columns(
        eff_due=pl.when(pl.col("paused") == 0).then(due)
            .otherwise(adv(due, pl.col("paused")) if working else due + pl.col("paused"))).drop("paused", "plist", "rec_s", "lim")
    moved = pl.concat([plain, with_pauses], how="vertical_relaxed").with_columns(
        rec=~pl.col("st").is_in([1, 3]),
        active=~pl.col("st").is_in([1, 3, 7]),
    )
    strict = pl.lit(False) if args.lenient_supplements else pl.col("npause") > 1
    fin = pl.col("active") & pl.col("end_s").is_not_null() & (pl.col("end_s") <= as_of)
    prog = pl.col("active") & ~(pl.col("end_s").is_not_null() & (pl.col("end_s") <= as_of))
    has_due = pl.col("eff_due").is_not_null()
    late = fin & has_due & (strict | (pl.col("end_s") > pl.col("eff_due")))
    early = fin & has_due & ~late & (pl.col("end_s") // 86400 < pl.col("eff_due") // 86400)
    on_time = fin & has_due & ~late & ~early
    rec = pl.col("rec")

    def n(expr):
        return expr.sum()

    by = common.dimensions(args.by)
    keys = {"agency": pl.col("DonViXuLy"), "month": pl.col("NgayTiepNhan").str.slice(0, 6).cast(pl.Int64)}
    counts = dict(
        not_received=n(~rec), received=n(rec), withdrawn=n(pl.col("st") == 7),
        finished=n(fin), early=n(early), on_time=n(on_time), late=n(late), in_progress=n(prog),
        in_progress_within=n(prog & has_due & ~(strict | (pl.lit(as_of) > pl.col("eff_due")))),
        in_progress_overdue=n(prog & has_due & (strict | (pl.lit(as_of) > pl.col("eff_due")))),
        no_due=n((fin | prog) & ~has_due),
        online=n(rec & (pl.col("KenhThucHien") == 2)), postal=n(rec & (pl.col("KenhThucHien") == 3)),
        full_online_eligible=n(rec & (pl.col("MucDo") == 4)),
        full_online=n(rec & (pl.col("MucDo") == 4) & (pl.col("ToanTrinh") == 1)),
        fee_bearing=n(rec & (pl.col("CoPhiLePhi") == 1)),
        paid_online=n(rec & (pl.col("CoPhiLePhi") == 1) & pl.col("DuocThanhToanTrucTuyen").is_in([1, 2])),
        digitized=n(rec & (pl.col("HoSoCoThanhPhanSoHoa") == 1)),
        e_result=n(fin & (pl.col("KetQuaDienTu") == 1)),
        late_with_apology=n(late & (pl.col("XinLoi") == 1)),
    )
    if by:
        result = moved.group_by([keys[d].alias(d) for d in by]).agg(**counts).collect()
    else:
        result = moved.select(**counts).collect()
    if args.by is not None:
        common.emit_groups("polars", by, result.to_dicts(), as_of, started, pause_time=args.pause_time,
                           version=pl.__version__)
    else:
        common.emit("polars", result.row(0, named=True), as_of, started, args)


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    main()

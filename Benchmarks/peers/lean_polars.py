#!/usr/bin/env python3
"""The counts of `tthc report --format json [--by ...]`, as a Polars user would write them (lean peer).

One lazy `scan_csv` (or `scan_ndjson` for .jsonl) with a typed schema for only the columns the
counts need, one `group_by`, nothing else. The rules and the choices (integer-typed CSV
timestamps; JSONL pauses in elapsed time, as `tthc report --clock calendar`) are those of
lean_duckdb.py, which lists them. A JSONL dossier may have up to three supplement requests
(what the generator writes); the script stops with an error on a log with more.

Usage: lean_polars.py FILE.csv|FILE.jsonl --as-of 2026-06-30T23:59:59 [--by agency,month] [--threads N]
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

FLAGS = common.LEAN_CODES
TIMES = common.LEAN_TIMES
MAX_PAUSES = 3


def main():
    args = common.lean_arguments(__doc__.splitlines()[0])
    if args.threads:
        os.environ["POLARS_MAX_THREADS"] = str(args.threads)
    import polars as pl

    started = time.perf_counter()
    by = common.dimensions(args.by)
    as_of = common.parse_time(args.as_of)
    col = pl.col
    jsonl = args.file.endswith((".jsonl", ".ndjson"))
    extra = []
    if jsonl:
        pause = pl.Struct({"NgayBoSung": pl.String, "NgayTiepNhanBoSung": pl.String})
        schema = ({c: pl.Int32 for c in FLAGS} | {c: pl.String for c in TIMES}
                  | {"DonViXuLy": pl.String, "DanhSachHoSoBoSung": pl.List(pause)})
        log = pl.scan_ndjson(args.file, schema=schema)

        def secs(e):
            return e.str.to_datetime("%Y%m%d%H%M%S", time_unit="ms").dt.epoch("s")

        rec_t, due0 = secs(col("NgayTiepNhan")), secs(col("NgayHenTra"))
        end_t = pl.coalesce(secs(col("NgayKetThucXuLy")), secs(col("NgayTra")))
        limit = pl.when(end_t <= as_of).then(end_t).otherwise(pl.lit(as_of, dtype=pl.Int64))
        pauses = col("DanhSachHoSoBoSung")
        n_pauses = pauses.list.len().fill_null(0)
        paused = pl.lit(0, dtype=pl.Int64)
        # Each pause clipped to [received, end or as-of], in elapsed seconds (tthc --clock calendar).
        for i in range(MAX_PAUSES):
            item = pauses.list.get(i, null_on_oob=True)
            start = pl.min_horizontal(pl.max_horizontal(secs(item.struct.field("NgayBoSung")), rec_t), limit)
            back = pl.min_horizontal(pl.coalesce(secs(item.struct.field("NgayTiepNhanBoSung")), limit), limit)
            paused = paused + pl.when(n_pauses > i).then(pl.max_horizontal(back - start, pl.lit(0))).otherwise(0)
        strict = n_pauses > 1
        frame = log.with_columns(
            rec_t=rec_t, end_t=end_t, due_t=due0 + pl.when(n_pauses > 0).then(paused).otherwise(0), strict=strict,
            n_pauses=n_pauses)
        month = pl.from_epoch(col("rec_t"), time_unit="s")
        month = month.dt.year() * 100 + month.dt.month()
        day = lambda e: e // 86400  # noqa: E731
        extra = [col("n_pauses").max().alias("pause_max")]
    else:
        schema = {c: pl.Int32 for c in FLAGS} | {c: pl.Int64 for c in TIMES} | {"DonViXuLy": pl.String}
        log = pl.scan_csv(args.file, schema_overrides=schema, infer_schema=False)
        frame = log.select(FLAGS + ["DonViXuLy"], rec_t=col("NgayTiepNhan"), due_t=col("NgayHenTra"),
                           end_t=pl.coalesce(col("NgayKetThucXuLy"), col("NgayTra")), strict=pl.lit(False))
        as_of = int(common.format_time(as_of).replace("-", "").replace(":", "").replace("T", ""))
        month = col("rec_t") // 100000000
        day = lambda e: e // 1000000  # noqa: E731

    st, due, end = col("TrangThaiHoSo"), col("due_t"), col("end_t")
    rec = ~st.is_in([1, 3])
    active = ~st.is_in([1, 3, 7])
    fin = active & (end <= as_of).fill_null(False)
    prog = active & ~fin
    has_due = due.is_not_null()
    late = fin & has_due & (col("strict") | (end > due))
    early = fin & has_due & ~late & (day(end) < day(due))
    overdue = col("strict") | (pl.lit(as_of) > due)
    ch, fee = col("KenhThucHien"), col("CoPhiLePhi")
    counts = dict(
        not_received=~rec, received=rec, withdrawn=st == 7, finished=fin, early=early,
        on_time=fin & has_due & ~late & ~early, late=late, in_progress=prog,
        in_progress_within=prog & has_due & ~overdue, in_progress_overdue=prog & has_due & overdue,
        no_due=active & ~has_due, online=rec & (ch == 2), postal=rec & (ch == 3),
        full_online_eligible=rec & (col("MucDo") == 4), full_online=rec & (col("MucDo") == 4) & (col("ToanTrinh") == 1),
        fee_bearing=rec & (fee == 1), paid_online=rec & (fee == 1) & col("DuocThanhToanTrucTuyen").is_in([1, 2]),
        digitized=rec & (col("HoSoCoThanhPhanSoHoa") == 1), e_result=fin & (col("KetQuaDienTu") == 1),
        late_with_apology=late & (col("XinLoi") == 1))
    aggregates = [e.fill_null(False).sum().alias(k) for k, e in counts.items()] + extra
    keys = {"agency": col("DonViXuLy"), "month": month}
    if by:
        result = frame.group_by([keys[d].alias(d) for d in by]).agg(aggregates).collect()
    else:
        result = frame.select(aggregates).collect()
    rows = result.to_dicts()
    if jsonl and max((r["pause_max"] or 0) for r in rows) > MAX_PAUSES:
        raise SystemExit(f"{args.file}: a dossier has more than {MAX_PAUSES} supplement requests; raise MAX_PAUSES")
    common.emit_groups("polars-lean", by, rows, common.parse_time(args.as_of), started, version=pl.__version__)


if __name__ == "__main__":
    main()

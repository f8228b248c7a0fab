#!/usr/bin/env python3
"""Summarizes a `Benchmarks/shape.sh` run: medians, paired ratios and the issue-13 targets, as Markdown.

Usage: shape_summary.py RESULTS_DIR   (reads runs.tsv and machine.txt)

Every ratio is paired: computed within each repetition from runs made minutes apart in the same
loop, then the median over the repetitions is taken (so a slow phase of the machine cancels).
"""

import collections
import csv
import os
import statistics
import sys

FILES = {"export": "export shape (CSV)", "plain": "plain generated CSV", "jsonl": "JSONL, nested lists"}
VARIANTS = ["totals", "agency", "month", "month,agency"]


def main(results):
    runs = collections.defaultdict(dict)  # (file, variant, contender) -> rep -> row
    with open(os.path.join(results, "runs.tsv")) as f:
        for row in csv.DictReader(f, delimiter="\t"):
            runs[(row["file"], row["variant"], row["contender"])][int(row["rep"])] = row
    with open(os.path.join(results, "machine.txt")) as f:
        print("# Benchmarks/shape.sh\n")
        print("```\n" + f.read().rstrip() + "\n```\n")
    resident_path = os.path.join(results, "resident.tsv")
    if os.path.exists(resident_path):
        with open(resident_path) as f:
            shares = [int(row["resident_percent"]) for row in csv.DictReader(f, delimiter="\t")]
        if shares:
            print(f"Input in the page cache just before each timed run (read again first): "
                  f"{min(shares)}% at the lowest, {sum(s == 100 for s in shares)} of {len(shares)} runs at 100%.\n")

    def wall(key):
        return {rep: float(r["wall_s"]) for rep, r in runs.get(key, {}).items()}

    def paired(a, b):
        """Median over repetitions of wall(b) / wall(a): how many times faster a is than b."""
        wa, wb = wall(a), wall(b)
        ratios = [wb[r] / wa[r] for r in wa if r in wb and wa[r] > 0]
        return (statistics.median(ratios), min(ratios), max(ratios)) if ratios else None

    def fmt(r, suffix="x"):
        return "—" if r is None else f"{r[0]:.2f}{suffix} ({r[1]:.2f}-{r[2]:.2f})"

    targets = []
    files = [f for f in FILES if any(k[0] == f for k in runs)]
    for file in files:
        print(f"## {FILES[file]}\n")
        print("| variant | contender | median wall s | median CPU s | peak RSS MiB | load1 before (min-max) | runs |")
        print("| --- | --- | ---: | ---: | ---: | --- | ---: |")
        for variant in VARIANTS:
            for key in sorted(k for k in runs if k[0] == file and k[1] == variant):
                rows = list(runs[key].values())
                loads = [float(r["load1"]) for r in rows]
                print(f"| {variant} | {key[2]} | {statistics.median(float(r['wall_s']) for r in rows):.3f} "
                      f"| {statistics.median(float(r['cpu_s']) for r in rows):.2f} "
                      f"| {max(int(r['max_rss_kib']) for r in rows) / 1024:.0f} "
                      f"| {min(loads):.2f}-{max(loads):.2f} | {len(rows)} |")
        print("\nPaired ratios, median over repetitions (min-max): how many times faster tthc -j 2 is\n")
        print("| variant | vs Polars | vs DuckDB | -j 2 vs -j 1 | tthc time / totals time |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for variant in VARIANTS:
            t = (file, variant, "tthc-j2")
            if t not in runs:
                continue
            by_cost = None if variant == "totals" else paired((file, "totals", "tthc-j2"), t)
            print(f"| {variant} | {fmt(paired(t, (file, variant, 'polars')))} | {fmt(paired(t, (file, variant, 'duckdb')))} "
                  f"| {fmt(paired(t, (file, variant, 'tthc-j1')))} | {fmt(by_cost)} |")
        wc = paired((file, "totals", "wc"), (file, "totals", "tthc-j2"))
        print(f"\ntthc -j 2 totals / one `wc -l` pass: {fmt(wc)}\n")
        rss = max((int(r["max_rss_kib"]) for k, v in runs.items() if k[0] == file and k[2] == "tthc-j2"
                   for r in v.values()), default=0) / 1024

        def add(name, measured, limit, higher_is_better=True):
            if measured is None:
                return
            ok = measured[0] >= limit if higher_is_better else measured[0] <= limit
            targets.append((FILES[file], name, fmt(measured), ("≥ " if higher_is_better else "≤ ") + f"{limit}",
                            "met" if ok else "missed"))
        if file == "export":
            add("--by agency vs Polars", paired((file, "agency", "tthc-j2"), (file, "agency", "polars")), 3)
            add("--by agency vs DuckDB", paired((file, "agency", "tthc-j2"), (file, "agency", "duckdb")), 5)
            for variant, limit in (("agency", 1.1), ("month", 1.1), ("month,agency", 1.2)):
                r = paired((file, "totals", "tthc-j2"), (file, variant, "tthc-j2"))
                add(f"--by {variant} time / totals time", r, limit, higher_is_better=False)
            add("--by agency -j 2 vs -j 1", paired((file, "agency", "tthc-j2"), (file, "agency", "tthc-j1")), 1.8)
            add("totals time / wc -l time", wc, 3, higher_is_better=False)
            targets.append((FILES[file], "peak RSS tthc -j 2", f"{rss:.0f} MiB", "< 256 MiB + duplicate index",
                            "met" if rss < 256 else "see the duplicate index"))
        if file == "jsonl":
            add("totals vs DuckDB read_json", paired((file, "totals", "tthc-j2"), (file, "totals", "duckdb")), 2)
            add("totals vs Polars scan_ndjson", paired((file, "totals", "tthc-j2"), (file, "totals", "polars")), 2)
            add("--by agency vs DuckDB read_json", paired((file, "agency", "tthc-j2"), (file, "agency", "duckdb")), 2)
            add("--by agency vs Polars scan_ndjson", paired((file, "agency", "tthc-j2"), (file, "agency", "polars")), 2)
    if targets:
        print("## Issue 13 targets (meaningful only on a quiet machine)\n")
        print("| file | target | measured, median (min-max) | asked | verdict |")
        print("| --- | --- | ---: | --- | --- |")
        for t in targets:
            print("| " + " | ".join(t) + " |")


if __name__ == "__main__":
    main(sys.argv[1])

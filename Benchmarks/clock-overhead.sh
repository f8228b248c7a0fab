#!/usr/bin/env bash
# The cost of the legal clock in `tthc report`: the same file with pauses and processing times
# measured in office hours (--clock working, the default) and in elapsed time (--clock calendar),
# alternating runs so both see the same machine state. Prints median wall and CPU time and the
# throughput ratio. Issue 3 asks that the clock cost at most 15% of throughput.
#
# Environment: FILE (default: the 10M file of run.sh), RUNS (5), JOBS (2).
set -euo pipefail
cd "$(dirname "$0")/.."
FILE=${FILE:-Benchmarks/data/dossiers-10m-seed1.csv}
RUNS=${RUNS:-5}
JOBS=${JOBS:-2}
[ -s "$FILE" ] || { echo "missing $FILE: run Benchmarks/run.sh first (or set FILE)" >&2; exit 2; }
# The release flags (-enforce-exclusivity=unchecked, gated in Package.swift) are part of what is measured.
export TTHC_UNSAFE_FLAGS=1
swift build -c release --product tthc >&2
TTHC=$(swift build -c release --show-bin-path)/tthc
cat "$FILE" > /dev/null
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cpus, $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
echo "file: $FILE ($(stat -c %s "$FILE") bytes), -j $JOBS, $RUNS runs each, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for clock in working calendar; do : > "/tmp/tthc-clock-$clock.times"; done
for i in $(seq "$RUNS"); do
    for clock in working calendar; do
        /usr/bin/time -f "%e %U %S" -a -o "/tmp/tthc-clock-$clock.times" \
            "$TTHC" report "$FILE" --format json -j "$JOBS" --as-of 2026-06-30T23:59:59 --clock "$clock" > /dev/null
    done
done
python3 - "$FILE" <<'PY'
import os, statistics, sys
size = os.path.getsize(sys.argv[1])
rows = {}
for clock in ("working", "calendar"):
    runs = [list(map(float, l.split())) for l in open(f"/tmp/tthc-clock-{clock}.times")]
    wall = statistics.median(r[0] for r in runs)
    cpu = statistics.median(r[1] + r[2] for r in runs)
    rows[clock] = (wall, cpu)
    print(f"--clock {clock:8s} median wall {wall:.2f} s, CPU {cpu:.2f} s, {size / wall / 1e9:.2f} GB/s")
w, c = rows["working"], rows["calendar"]
print(f"throughput with the clock: {c[0] / w[0] * 100:.1f}% of without (wall); CPU cost of the clock {(w[1] / c[1] - 1) * 100:.1f}%")
PY

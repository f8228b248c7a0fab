#!/usr/bin/env bash
# `tthc export` against PM4Py reading what it wrote (issue 14): a generated dossier log of ROWS
# rows exported to XES and to OCEL 2.0 JSON by tthc, then the same files read by PM4Py
# (pm4py.read_xes, pm4py.read_ocel2_json). Prints each step's wall and CPU (user + sys) time and
# peak RSS, and the counts both sides found (they must be equal: the script exits 1 otherwise).
#
# Environment: ROWS (default 200000), J (2: workers), TTHC (a binary to measure; skips the
# release build), OUT (results directory, default Benchmarks/data/export-<UTC time>), KEEP (1
# keeps the generated files). PM4Py's OCEL reader holds about six times the file in memory (12 GB
# after 30 s on the 2.1 GB file of 1M rows): keep ROWS at 200000 or so for the OCEL half here.
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${ROWS:-200000}
J=${J:-2}
OUT=${OUT:-Benchmarks/data/export-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
[ -x /usr/bin/time ] || { echo "GNU time not found (apt-get install time)" >&2; exit 2; }
python3 -c "import pm4py" 2>/dev/null || { echo "pm4py not installed (pip install pm4py)" >&2; exit 2; }

if [ -z "${TTHC:-}" ]; then
    echo "== building tthc (release, TTHC_UNSAFE_FLAGS=1)" >&2
    export TTHC_UNSAFE_FLAGS=1
    swift build -c release --product tthc >&2
    TTHC=$(swift build -c release --show-bin-path)/tthc
fi

LOG=$OUT/dossiers.csv
"$TTHC" generate --dossiers "$ROWS" --seed 1 -o "$LOG" 2> /dev/null
cat "$LOG" > /dev/null  # a warm page cache

# One timed run: "wall cpu maxrss_kb" in $OUT/<name>.time, its standard error in <name>.err.
measure() {
    local name=$1; shift
    /usr/bin/time -f "%e %U %S %M" -o "$OUT/$name.time" "$@" > "$OUT/$name.out" 2> "$OUT/$name.err"
    awk -v n="$name" '{printf "%-12s wall %7.2f s  cpu %7.2f s  peak RSS %8.0f MiB\n", n, $1, $2 + $3, $4 / 1024}' \
        "$OUT/$name.time"
}

{
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cpus, $(lscpu | sed -n 's/^Model name: *//p' | head -1), load $(cut -d' ' -f1 /proc/loadavg)"
    echo "log: $ROWS rows, $(stat -c %s "$LOG") bytes; tthc -j $J; pm4py $(python3 -c 'import pm4py; print(pm4py.__version__)' 2>/dev/null)"
    measure tthc-xes "$TTHC" export "$LOG" --to xes -o "$OUT/log.xes" -j "$J" --quiet
    measure tthc-ocel "$TTHC" export "$LOG" --to ocel -o "$OUT/log.ocel.json" -j "$J" --quiet
    echo "files: xes $(stat -c %s "$OUT/log.xes") bytes, ocel $(stat -c %s "$OUT/log.ocel.json") bytes"
    echo "tthc: $(tail -1 "$OUT/tthc-xes.err")"
    echo "tthc: $(tail -1 "$OUT/tthc-ocel.err")"
    measure pm4py-xes python3 -c "
import pm4py, sys
log = pm4py.read_xes(sys.argv[1], return_legacy_log_object=True)
print(len(log), sum(len(t) for t in log))" "$OUT/log.xes"
    measure pm4py-ocel python3 -c "
import pm4py, sys
ocel = pm4py.read_ocel2_json(sys.argv[1])
print(len(ocel.events), len(ocel.objects))" "$OUT/log.ocel.json"
    echo "pm4py: xes $(tail -1 "$OUT/pm4py-xes.out") (traces events), ocel $(tail -1 "$OUT/pm4py-ocel.out") (events objects)"
} | tee "$OUT/summary.txt"

xes=$(sed -n 's/.*wrote \([0-9]*\) traces and \([0-9]*\) events.*/\1 \2/p' "$OUT/tthc-xes.err")
ocel=$(sed -n 's/.*wrote \([0-9]*\) events and \([0-9]*\) objects.*/\1 \2/p' "$OUT/tthc-ocel.err")
status=0
[ "$xes" = "$(tail -1 "$OUT/pm4py-xes.out")" ] || { echo "XES counts differ: tthc $xes" >&2; status=1; }
[ "$ocel" = "$(tail -1 "$OUT/pm4py-ocel.out")" ] || { echo "OCEL counts differ: tthc $ocel" >&2; status=1; }
[ "${KEEP:-0}" = 1 ] || rm -f "$LOG" "$OUT/log.xes" "$OUT/log.ocel.json"
exit $status

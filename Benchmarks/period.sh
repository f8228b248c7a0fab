#!/usr/bin/env bash
# The period table against the report it must not cost much more than (issue 15): `tthc period
# FILE --periods 2026-01..2026-12 --by agency` (12 consecutive months by unit, one pass) and
# `tthc report FILE --by agency`, on the same file, interleaved in the same run so both see the
# same machine load. Prints the median wall and CPU (user + sys) time and peak RSS of each, and
# the ratio period / report of the medians; exits 1 when the CPU ratio exceeds LIMIT.
#
# The 10M figure: FILE=Benchmarks/data/dossiers-10m-seed1.csv (run.sh's file). Helpers measure
# the 200k file only (Benchmarks/callgrind.sh's), with CALLGRIND=1 for instruction counts too.
#
# Environment: FILE (default Benchmarks/data/dossiers-200k-seed1.csv), REPS (5), J (2: workers),
# PERIODS (2026-01..2026-12), LIMIT (1.3), CALLGRIND (0; 1 adds valgrind --tool=callgrind of both
# at -j 1), TTHC (a binary to measure; skips the release build), OUT (results directory, default
# Benchmarks/data/period-<UTC time>).
set -euo pipefail
cd "$(dirname "$0")/.."

FILE=${FILE:-Benchmarks/data/dossiers-200k-seed1.csv}
REPS=${REPS:-5}
J=${J:-2}
PERIODS=${PERIODS:-2026-01..2026-12}
LIMIT=${LIMIT:-1.3}
CALLGRIND=${CALLGRIND:-0}
OUT=${OUT:-Benchmarks/data/period-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
[ -s "$FILE" ] || { echo "no file $FILE (Benchmarks/callgrind.sh makes the 200k one)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time not found (apt-get install time)" >&2; exit 2; }

if [ -z "${TTHC:-}" ]; then
    echo "== building tthc (release, TTHC_UNSAFE_FLAGS=1)" >&2
    export TTHC_UNSAFE_FLAGS=1
    swift build -c release --product tthc >&2
    TTHC=$(swift build -c release --show-bin-path)/tthc
fi

REPORT=("$TTHC" report "$FILE" --by agency --format json -j "$J")
PERIOD=("$TTHC" period "$FILE" --periods "$PERIODS" --by agency --format json -j "$J")
echo "report: ${REPORT[*]}" | tee "$OUT/commands.txt"
echo "period: ${PERIOD[*]}" | tee -a "$OUT/commands.txt"
cat "$FILE" > /dev/null  # a warm page cache for both

# One timed run: "wall cpu maxrss_kb" appended to $OUT/<name>.times.
measure() {
    local name=$1; shift
    /usr/bin/time -f "%e %U %S %M" -o "$OUT/$name.time" "$@" > "$OUT/$name.json" 2> "$OUT/$name.err"
    awk '{printf "%s %.3f %s\n", $1, $2 + $3, $4}' "$OUT/$name.time" >> "$OUT/$name.times"
}
measure report "${REPORT[@]}"  # warm-up, not counted
measure period "${PERIOD[@]}"
rm -f "$OUT/report.times" "$OUT/period.times"
for i in $(seq "$REPS"); do
    echo "== repetition $i of $REPS (load $(cut -d' ' -f1 /proc/loadavg))" >&2
    measure report "${REPORT[@]}"
    measure period "${PERIOD[@]}"
done
grep -q '"balance_holds": true' "$OUT/period.json" || { echo "the period run's balance failed (see $OUT/period.json)" >&2; exit 1; }

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
column_median() { awk -v c="$2" '{print $c}' "$OUT/$1.times" | median; }
{
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cpus, $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
    echo "file: $FILE ($(stat -c %s "$FILE") bytes), $REPS repetitions, -j $J, periods $PERIODS"
    for name in report period; do
        echo "$name: wall $(column_median $name 1) s, cpu $(column_median $name 2) s, peak RSS $(column_median $name 3) KiB"
    done
    wall=$(awk -v a="$(column_median period 1)" -v b="$(column_median report 1)" 'BEGIN {printf "%.3f", a / b}')
    cpu=$(awk -v a="$(column_median period 2)" -v b="$(column_median report 2)" 'BEGIN {printf "%.3f", a / b}')
    echo "ratio period / report: wall $wall, cpu $cpu (limit $LIMIT)"
} | tee "$OUT/summary.txt"

if [ "$CALLGRIND" = 1 ]; then
    command -v valgrind >/dev/null || { echo "valgrind not found" >&2; exit 2; }
    for name in report period; do
        if [ $name = report ]; then cmd=("${REPORT[@]}"); else cmd=("${PERIOD[@]}"); fi
        cmd[-1]=1  # -j 1
        valgrind --tool=callgrind --callgrind-out-file="$OUT/$name.callgrind" "${cmd[@]}" > /dev/null 2> "$OUT/$name.valgrind"
        sed -n 's/^summary: *//p' "$OUT/$name.callgrind" | awk -v n=$name '{printf "%s instructions (Ir, -j 1): %d\n", n, $1}'
    done | tee -a "$OUT/summary.txt"
    awk '/^report instructions/ {r = $NF} /^period instructions/ {p = $NF} END {printf "ratio period / report (Ir): %.3f\n", p / r}' \
        "$OUT/summary.txt" | tee -a "$OUT/summary.txt"
fi
awk -v l="$LIMIT" '/^ratio period \/ report: / {split($0, a, "cpu "); split(a[2], b, " "); exit (b[1] + 0 > l + 0) ? 1 : 0}' \
    "$OUT/summary.txt" || { echo "over the limit of ${LIMIT}x" >&2; exit 1; }

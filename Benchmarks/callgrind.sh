#!/usr/bin/env bash
# Instruction count of `tthc report` under valgrind's callgrind: the "200k-record callgrind"
# figure quoted in Benchmarks/README.md and in commit messages (463M at 8f1ce79).
#
# File: Benchmarks/data/dossiers-200k-seed1.csv = the header and the first 200,000 records of
# run.sh's 10-million-dossier file (`tthc generate --dossiers 10000000 --seed 1`, no quirks, one
# line per record), made with `head -n 200001`. Not `generate --dossiers 200000`: that is a
# different log. The 10M file is generated first when missing, as run.sh does.
# Command: valgrind --tool=callgrind tthc report FILE200K --format json --as-of 2026-06-30T23:59:59 -j 1
# (run.sh's options with one worker; without --as-of the count is about 1.4% higher).
# Build: release, with TTHC_UNSAFE_FLAGS=1 in the environment (the -enforce-exclusivity=unchecked
# release flags the figures were measured with; Package.swift at 8f1ce79 uses them always).
# Prints the total instructions (Ir, whole process, startup included) and instructions per
# record. Callgrind counts vary by a few thousand between runs (thread scheduling), not more.
#
# Environment: TTHC (a tthc binary to measure; skips the build), BIG (the 10M file, default
# Benchmarks/data/dossiers-10m-seed1.csv), FILE (the 200k file, default
# Benchmarks/data/dossiers-200k-seed1.csv), AS_OF (2026-06-30T23:59:59), OUT (callgrind output,
# default Benchmarks/data/callgrind-<UTC time>.out).
set -euo pipefail
cd "$(dirname "$0")/.."

RECORDS=200000
AS_OF=${AS_OF:-2026-06-30T23:59:59}
DATA=Benchmarks/data
BIG=${BIG:-$DATA/dossiers-10m-seed1.csv}
FILE=${FILE:-$DATA/dossiers-200k-seed1.csv}
OUT=${OUT:-$DATA/callgrind-$(date -u +%Y%m%dT%H%M%SZ).out}
mkdir -p "$DATA" "$(dirname "$OUT")"

command -v valgrind >/dev/null || { echo "valgrind not found (apt-get install valgrind)" >&2; exit 2; }

if [ -z "${TTHC:-}" ]; then
    echo "== building tthc (release, TTHC_UNSAFE_FLAGS=1)" >&2
    export TTHC_UNSAFE_FLAGS=1
    swift build -c release --product tthc >&2
    TTHC=$(swift build -c release --show-bin-path)/tthc
fi
[ -x "$TTHC" ] || { echo "not an executable: $TTHC" >&2; exit 2; }

if [ ! -s "$FILE" ]; then
    if [ ! -s "$BIG" ]; then
        echo "== generating $BIG (10000000 dossiers, seed 1)" >&2
        "$TTHC" generate --dossiers 10000000 --seed 1 -o "$BIG"
    fi
    echo "== $FILE: header and first $RECORDS records of $BIG" >&2
    head -n $((RECORDS + 1)) "$BIG" > "$FILE.tmp"
    mv "$FILE.tmp" "$FILE"
fi
lines=$(wc -l < "$FILE")
[ "$lines" -eq $((RECORDS + 1)) ] || { echo "$FILE has $lines lines, expected $((RECORDS + 1))" >&2; exit 2; }

echo "== callgrind: $TTHC report $FILE --format json --as-of $AS_OF -j 1" >&2
valgrind --tool=callgrind --callgrind-out-file="$OUT" \
    "$TTHC" report "$FILE" --format json --as-of "$AS_OF" -j 1 > "$OUT.json" 2> "$OUT.log"
grep -q "\"records\": $RECORDS," "$OUT.json" || { echo "unexpected report (see $OUT.json)" >&2; exit 1; }

ir=$(sed -n 's/^summary: *//p' "$OUT" | awk '{print $1}')
[ -n "$ir" ] || { echo "no summary line in $OUT" >&2; exit 1; }
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cpus, $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
echo "binary: $TTHC"
echo "file: $FILE ($RECORDS records, $(stat -c %s "$FILE") bytes)"
echo "instructions (Ir): $ir ($(awk -v n="$ir" 'BEGIN {printf "%.1fM", n / 1e6}'))"
echo "per record: $(awk -v n="$ir" -v r="$RECORDS" 'BEGIN {printf "%.1f", n / r}') (startup included)"
echo "callgrind output: $OUT"

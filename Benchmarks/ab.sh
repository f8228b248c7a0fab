#!/usr/bin/env bash
# Paired A/B wall time of two tthc binaries on the same command: each repetition runs A then B
# (B then A on odd repetitions, so drift and cache order cancel), each from a warm page cache
# (Benchmarks/warm.sh), and checks that both print the same bytes. Prints each run, the medians
# and B/A, and the median of the ratios within each repetition (paired, so drift cancels).
#
# Usage: bash Benchmarks/ab.sh A-BINARY B-BINARY tthc-arguments...
#   e.g. bash Benchmarks/ab.sh /path/tthc-608b955 .build/release/tthc \
#          report Benchmarks/data/dossiers-10m-seed1.csv --format json --as-of 2026-06-30T23:59:59 -j 2
# Environment: REPS (5); SAME (1; 0 when the two builds' outputs are known to differ, e.g. a new field).
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: $0 A-BINARY B-BINARY ARGUMENTS..." >&2; exit 2; }
A=$1 B=$2
shift 2
REPS=${REPS:-5}
SAME=${SAME:-1}
work=$(mktemp -d "${TMPDIR:-/tmp}/tthc-ab.XXXXXX")
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/warm.sh"
inputs=()
for arg in "$@"; do [ -f "$arg" ] && inputs+=("$arg"); done

run() { # binary, label, repetition
    local start end resident
    resident=$(warm_page_cache "${inputs[@]}")
    [ "$resident" -lt 100 ] && echo "note: only $resident% of the input is in the page cache" >&2
    start=$(date +%s.%N)
    "$1" "${@:4}" > "$work/$2.out" 2> "$work/$2.err"
    end=$(date +%s.%N)
    printf '%s\t%s\t%.3f\t%s\n' "$2" "$3" "$(echo "$end - $start" | bc)" "$(cut -d' ' -f1 /proc/loadavg)" \
        | tee -a "$work/runs.tsv"
}

echo "A: $A"
echo "B: $B"
echo "command: tthc $*"
printf 'binary\trep\twall_s\tload1\n'
for rep in $(seq 1 "$REPS"); do
    if [ $((rep % 2)) -eq 1 ]; then
        run "$A" A "$rep" "$@"
        run "$B" B "$rep" "$@"
    else
        run "$B" B "$rep" "$@"
        run "$A" A "$rep" "$@"
    fi
    if [ "$SAME" = 1 ] && ! cmp -s "$work/A.out" "$work/B.out"; then
        echo "outputs differ (repetition $rep)" >&2
        exit 1
    fi
done
median() { awk -v who="$1" '$1 == who {print $3}' "$work/runs.tsv" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
a=$(median A) b=$(median B)
echo "median A ${a}s, B ${b}s, B/A $(echo "scale=3; $b / $a" | bc)"
# The ratio within each repetition, whose median is the figure to quote: a machine that drifts
# during the run moves both runs of a repetition, so it cancels there and not in the medians above.
awk '$1 == "A" {a[$2] = $3} $1 == "B" {b[$2] = $3} END {for (r in a) print b[r] / a[r]}' "$work/runs.tsv" \
    | sort -n | awk '{v[NR] = $1} END {printf "paired B/A: median %.3f (min %.3f, max %.3f, %d repetitions)\n", v[int((NR + 1) / 2)], v[1], v[NR], NR}'


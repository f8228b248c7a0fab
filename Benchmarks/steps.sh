#!/usr/bin/env bash
# The step fold (issue 14): `tthc report --steps` on a generated step log against PM4Py building
# its event log from the same file. DOSSIERS sets the size (about 4.85 step rows per dossier);
# PEERS=0 skips PM4Py; BUDGETS lists the --fold-memory values (MB) tthc is run with.
#   DOSSIERS=400000 bash Benchmarks/steps.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DOSSIERS=${DOSSIERS:-1000000}
PEERS=${PEERS:-1}
BUDGETS=${BUDGETS:-"256 32"}
DATA=Benchmarks/data
mkdir -p "$DATA"
export TTHC_UNSAFE_FLAGS=1
swift build -c release --product tthc >/dev/null
TTHC=.build/release/tthc
STEPS="$DATA/steps-$DOSSIERS-seed1.csv"
if [ ! -f "$STEPS" ]; then
    "$TTHC" generate --dossiers "$DOSSIERS" --seed 1 -o "$DATA/dossiers-$DOSSIERS-seed1.csv" --steps "$STEPS"
fi
cat "$STEPS" >/dev/null
echo "file: $STEPS, $(($(wc -l <"$STEPS") - 1)) step rows, $(stat -c %s "$STEPS") bytes; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for budget in $BUDGETS; do
    for j in 2 1; do
        /usr/bin/time -f "tthc -j $j --fold-memory $budget: %e s wall, %U s user, %S s sys, %M KB peak RSS" \
            "$TTHC" report --steps "$STEPS" --format json --quiet -j "$j" --fold-memory "$budget" \
            --as-of 2026-06-30T23:59:59 >"$DATA/steps-report-$j.json"
    done
    cmp "$DATA/steps-report-1.json" "$DATA/steps-report-2.json"
done
if [ "$PEERS" = 1 ]; then
    /usr/bin/time -f "pm4py: %e s wall, %U s user, %S s sys, %M KB peak RSS" python3 Benchmarks/peers/steps_pm4py.py "$STEPS"
fi

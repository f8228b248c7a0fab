#!/usr/bin/env bash
# Single-threaded M/M/c throughput: tthc simulate vs SimPy (and Ciw when installed) on the same
# model (arrival rate 9/h, service rate 1/h, 10 servers, FIFO). Needs: swift, python3 with simpy
# (`pip install simpy ciw`; benchmark-only, never a runtime dependency of tthc).
# Reports customers per wall-clock second (best of 3 for tthc) and per CPU second (robust to a
# busy machine). Usage: Benchmarks/simulation/run.sh [tthc_customers] [simpy_customers]
set -euo pipefail
cd "$(dirname "$0")/../.."
TTHC_N=${1:-5000000}
PY_N=${2:-200000}
# The release flags (-enforce-exclusivity=unchecked, gated in Package.swift) are part of what is measured.
export TTHC_UNSAFE_FLAGS=1
swift build -c release --product tthc >/dev/null
BIN=$(swift build -c release --show-bin-path)/tthc

echo "machine: $(uname -m), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
best=0
best_cpu=0
for run in 1 2 3; do
  start=$(date +%s.%N)
  out=$( { /usr/bin/time -f "%U %S" -o /tmp/tthc-bench-time.$$ "$BIN" simulate Datasets/scenarios/mmc.json \
        --set arrival_rate=9 --set service_rate=1 --set servers=10 \
        --customers "$TTHC_N" --warmup 0c --replications 1 -j 1 --format json; } )
  end=$(date +%s.%N)
  rate=$(python3 -c "print(int($TTHC_N / ($end - $start)))")
  cpu_rate=$(python3 -c "u, s = map(float, open('/tmp/tthc-bench-time.$$').read().split()); print(int($TTHC_N / (u + s)))")
  [ "$rate" -gt "$best" ] && best=$rate
  [ "$cpu_rate" -gt "$best_cpu" ] && best_cpu=$cpu_rate
done
rm -f /tmp/tthc-bench-time.$$
python3 - "$out" <<'PY'
import json, sys
d = json.loads(sys.argv[1])
print("tthc:  customers=%d mean_wait_hours=%.4f p_wait=%.4f utilization=%.4f" % (
    d["customers"]["mean"], d["mean_wait_hours"]["mean"], d["p_wait"]["mean"], d["utilization"]["mean"]))
PY
echo "tthc:  customers_per_second=$best customers_per_cpu_second=$best_cpu (best of 3, whole process)"
simpy_out=$(python3 Benchmarks/simulation/mmc_simpy.py "$PY_N" 9 1 10 1)
echo "$simpy_out"
simpy_rate=$(echo "$simpy_out" | sed 's/.*customers_per_second=\([0-9]*\).*/\1/')
simpy_cpu=$(echo "$simpy_out" | sed 's/.*customers_per_cpu_second=\([0-9]*\).*/\1/')
if python3 -c "import ciw" 2>/dev/null; then python3 Benchmarks/simulation/mmc_ciw.py $((PY_N / 4)) 9 1 10 1; fi
python3 -c "print('speed-up over SimPy: %.0fx wall clock, %.0fx CPU time' % ($best / $simpy_rate, $best_cpu / $simpy_cpu))"

#!/usr/bin/env bash
# Benchmark harness: builds tthc in release, generates the 10-million-dossier CSV if missing, and
# times `tthc report FILE --format json` (-j 2 and -j 1) and the same KPI counts through DuckDB
# and Polars, then checks that every count agrees. Results (JSON outputs, /usr/bin/time -v logs,
# summary.md) go to Benchmarks/data/results-<UTC time>/; Benchmarks/data/ is never committed.
#
# Environment: ROWS (default 10000000), SEED (1), AS_OF (2026-06-30T23:59:59, the generated
# export's instant), PEERS (1; 0 skips DuckDB/Polars), PAUSE_TIME (working|calendar: how the peers
# measure supplement pauses; match what tthc does), TTHC_EXTRA (extra options for tthc report).
#
# By default this runs Benchmarks/shape.sh (issue 13: the export shape, the plain file and JSONL,
# totals and three --by variants, lean peers, paired medians; see Benchmarks/README.md) with the
# same environment. MODE=totals keeps the harness described above: one run of each contender on
# the plain file, totals only.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${MODE:-shape}" = shape ]; then
    exec bash Benchmarks/shape.sh
fi
[ "${MODE}" = totals ] || { echo "MODE: expected shape (default) or totals, got '$MODE'" >&2; exit 2; }

ROWS=${ROWS:-10000000}
SEED=${SEED:-1}
AS_OF=${AS_OF:-2026-06-30T23:59:59}
PEERS=${PEERS:-1}
PAUSE_TIME=${PAUSE_TIME:-working}
TTHC_EXTRA=${TTHC_EXTRA:-}
DATA=Benchmarks/data
FILE=$DATA/dossiers-$((ROWS / 1000000))m-seed$SEED.csv
[ "$ROWS" -lt 1000000 ] && FILE=$DATA/dossiers-$ROWS-seed$SEED.csv
RESULTS=$DATA/results-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$RESULTS"

if [ ! -x /usr/bin/time ]; then
    echo "installing GNU time (for peak RSS)" >&2
    apt-get install -y time >/dev/null || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
fi
TIME=/usr/bin/time

machine() {
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "cpus: $(nproc), $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
    echo "memory: $(free -g | awk '/^Mem:/ {print $2}') GiB"
    echo "swift: $(swift --version 2>&1 | head -1)"
    python3 -c 'import duckdb, polars; print("duckdb", duckdb.__version__, "polars", polars.__version__)' 2>/dev/null || true
}
load() { echo "load average before $1: $(cut -d' ' -f1-3 /proc/loadavg)"; }

machine | tee "$RESULTS/machine.txt"

# The release flags (-enforce-exclusivity=unchecked, gated in Package.swift) are part of what is measured.
export TTHC_UNSAFE_FLAGS=1
echo "== building tthc (release, TTHC_UNSAFE_FLAGS=1)" >&2
swift build -c release --product tthc >&2
TTHC=$(swift build -c release --show-bin-path)/tthc

if [ ! -s "$FILE" ]; then
    echo "== generating $FILE ($ROWS dossiers, seed $SEED)" >&2
    load generate | tee -a "$RESULTS/machine.txt"
    $TIME -v -o "$RESULTS/generate.time" "$TTHC" generate --dossiers "$ROWS" --seed "$SEED" -o "$FILE"
fi
ls -l "$FILE" | tee -a "$RESULTS/machine.txt"
# Every contender reads from memory: the file is read again before each run (Benchmarks/warm.sh).
source Benchmarks/warm.sh

run() {
    local name=$1; shift
    echo "resident before $name: $(warm_page_cache "$FILE")%" | tee -a "$RESULTS/machine.txt"
    load "$name" | tee -a "$RESULTS/machine.txt"
    echo "== $name" >&2
    $TIME -v -o "$RESULTS/$name.time" "$@" > "$RESULTS/$name.json"
}

# Which calendar does tthc use? A supplement pause inside Tết 2026 (16-20 Feb off) decides: with
# the official days off it pauses nothing and the dossier below is late; on a weekends-only clock
# it moves the due by 33 working hours and the dossier is early. The peers
# then use the same calendar (PEER_CALENDAR=domain|weekends-only overrides).
if [ -z "${PEER_CALENDAR:-}" ]; then
    probe=$RESULTS/calendar-probe.csv
    printf 'MaHoSo,TrangThaiHoSo,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,DanhSachHoSoBoSung\nP,10,20260213080000,20260227170000,20260303100000,20260216090000/20260220100000\n' > "$probe"
    if "$TTHC" report "$probe" --format json --as-of 2026-04-01T00:00:00 | grep -q '"late": 1'; then
        PEER_CALENDAR=domain
    else
        PEER_CALENDAR=weekends-only
    fi
fi
echo "peers' calendar: $PEER_CALENDAR" | tee -a "$RESULTS/machine.txt"
CAL_OPT=()
[ "$PEER_CALENDAR" = weekends-only ] && CAL_OPT=(--weekends-only)

# shellcheck disable=SC2086
run tthc-j2 "$TTHC" report "$FILE" --format json --as-of "$AS_OF" -j 2 $TTHC_EXTRA
# shellcheck disable=SC2086
run tthc-j1 "$TTHC" report "$FILE" --format json --as-of "$AS_OF" -j 1 $TTHC_EXTRA

peers=()
if [ "$PEERS" = 1 ]; then
    if ! python3 -c 'import duckdb, polars' 2>/dev/null; then
        echo "installing duckdb and polars (benchmark only)" >&2
        pip install --quiet duckdb polars
    fi
    run duckdb python3 Benchmarks/peers/kpis_duckdb.py "$FILE" --as-of "$AS_OF" --pause-time "$PAUSE_TIME" "${CAL_OPT[@]}"
    run polars python3 Benchmarks/peers/kpis_polars.py "$FILE" --as-of "$AS_OF" --pause-time "$PAUSE_TIME" "${CAL_OPT[@]}"
    peers=("$RESULTS/duckdb.json" "$RESULTS/polars.json")
fi

python3 Benchmarks/summarize.py "$RESULTS" "$FILE" | tee "$RESULTS/summary.md"
status=0
if [ ${#peers[@]} -gt 0 ]; then
    python3 Benchmarks/compare.py "$RESULTS/tthc-j2.json" "${peers[@]}" | tee -a "$RESULTS/summary.md" || status=1
fi
cmp -s "$RESULTS/tthc-j1.json" "$RESULTS/tthc-j2.json" && echo "tthc -j 1 and -j 2 outputs are byte-identical" \
    | tee -a "$RESULTS/summary.md" || { echo "tthc -j 1 and -j 2 outputs DIFFER" | tee -a "$RESULTS/summary.md"; status=1; }
echo "results: $RESULTS" >&2
exit $status

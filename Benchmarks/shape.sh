#!/usr/bin/env bash
# The benchmark a doubting user would run (issue 13): `tthc report` totals, --by agency, --by month
# and --by month,agency against lean DuckDB and Polars queries of the same counts, on the one-stop
# export shape (`tthc generate --export-shape`), on the plain generated file (peers with pauses on
# the working clock) and on a JSONL log with nested lists (`--clock calendar`). Every measurement
# is a median of REPS runs; within each repetition the contenders run one after the other in a
# rotating order, so ratios are paired and drift cancels. Every count of every group is checked
# against tthc's (exit 1 on any disagreement), and tthc's outputs against each other across -j and
# repetitions. Results go to Benchmarks/data/shape-<UTC time>/ (summary.md, runs.tsv, outputs).
#
# Environment: ROWS (10000000) dossiers in the CSV files, JSONL_ROWS (1000000) in the JSONL file,
# SEED (1), REPS (5), AS_OF (2026-06-30T23:59:59, the generated export's instant),
# FILES ("export plain jsonl": which files to measure), PEERS (1; 0 measures tthc and wc only),
# TTHC (a built binary to measure instead of building one).
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${ROWS:-10000000}
JSONL_ROWS=${JSONL_ROWS:-1000000}
SEED=${SEED:-1}
REPS=${REPS:-5}
AS_OF=${AS_OF:-2026-06-30T23:59:59}
FILES=${FILES:-export plain jsonl}
PEERS=${PEERS:-1}
DATA=Benchmarks/data
RESULTS=$DATA/shape-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$RESULTS"

# A file's name from its row count: 10m, 1m, 200000.
size_name() { if [ "$1" -ge 1000000 ] && [ $(($1 % 1000000)) = 0 ]; then echo "$(($1 / 1000000))m"; else echo "$1"; fi; }

if [ ! -x /usr/bin/time ]; then
    echo "installing GNU time (for peak RSS)" >&2
    apt-get install -y time >/dev/null || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
fi
if [ "$PEERS" = 1 ] && ! python3 -c 'import duckdb, polars' 2>/dev/null; then
    echo "installing duckdb and polars (benchmark only)" >&2
    pip install --quiet duckdb polars
fi

if [ -z "${TTHC:-}" ]; then
    # The release flags (-enforce-exclusivity=unchecked, gated in Package.swift) are part of what is measured.
    echo "== building tthc (release, TTHC_UNSAFE_FLAGS=1)" >&2
    TTHC_UNSAFE_FLAGS=1 swift build -c release --product tthc >&2
    TTHC=$(TTHC_UNSAFE_FLAGS=1 swift build -c release --show-bin-path)/tthc
fi

{
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "machine: $(nproc) cpus, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(free -g | awk '/^Mem:/ {print $2}') GiB"
    echo "kernel: $(uname -r)"
    echo "tthc: $("$TTHC" --version 2>&1 | head -1), $(swift --version 2>&1 | head -1)"
    echo "python: $(python3 --version 2>&1)"
    [ "$PEERS" = 1 ] && python3 -c 'import duckdb, polars; print("peers: duckdb", duckdb.__version__, "polars", polars.__version__)'
    echo "settings: ROWS=$ROWS JSONL_ROWS=$JSONL_ROWS SEED=$SEED REPS=$REPS AS_OF=$AS_OF"
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$RESULTS/machine.txt"

generate() { # path, rows, options...
    local path=$1 rows=$2
    shift 2
    if [ ! -s "$path" ]; then
        echo "== generating $path ($rows dossiers, seed $SEED $*)" >&2
        "$TTHC" generate --dossiers "$rows" --seed "$SEED" "$@" -o "$path"
    fi
    echo "$(basename "$path"): $(stat -c %s "$path") bytes, $(wc -l < "$path") lines, sha256 $(sha256sum "$path" | cut -c1-16)" \
        | tee -a "$RESULTS/machine.txt"
}

declare -A PATH_OF
for f in $FILES; do
    case $f in
    export) PATH_OF[$f]=$DATA/export-$(size_name "$ROWS")-seed$SEED.csv; generate "${PATH_OF[$f]}" "$ROWS" --export-shape ;;
    plain) PATH_OF[$f]=$DATA/dossiers-$(size_name "$ROWS")-seed$SEED.csv; generate "${PATH_OF[$f]}" "$ROWS" ;;
    jsonl) PATH_OF[$f]=$DATA/dossiers-$(size_name "$JSONL_ROWS")-seed$SEED.jsonl; generate "${PATH_OF[$f]}" "$JSONL_ROWS" ;;
    *) echo "FILES: unknown file '$f'; expected export, plain, jsonl" >&2; exit 2 ;;
    esac
done

VARIANTS=(totals agency month month,agency)

# The command of contender $1 on file $2 for variant $3, into the array CMD.
command_for() {
    local contender=$1 file=$2 variant=$3 path=${PATH_OF[$2]}
    local by=()
    [ "$variant" != totals ] && by=(--by "$variant")
    local clock=()
    [ "$file" = jsonl ] && clock=(--clock calendar)
    local peer_by=""
    [ "$variant" != totals ] && peer_by=$variant
    case $contender in
    tthc-j2) CMD=("$TTHC" report "$path" --format json --as-of "$AS_OF" -j 2 "${clock[@]}" "${by[@]}") ;;
    tthc-j1) CMD=("$TTHC" report "$path" --format json --as-of "$AS_OF" -j 1 "${clock[@]}" "${by[@]}") ;;
    wc) CMD=(wc -l "$path") ;;
    polars) if [ "$file" = plain ]; then
        CMD=(python3 Benchmarks/peers/kpis_polars.py "$path" --as-of "$AS_OF" --by "$peer_by")
    else
        CMD=(python3 Benchmarks/peers/lean_polars.py "$path" --as-of "$AS_OF" --by "$peer_by")
    fi ;;
    duckdb) if [ "$file" = plain ]; then
        CMD=(python3 Benchmarks/peers/kpis_duckdb.py "$path" --as-of "$AS_OF" --by "$peer_by")
    else
        CMD=(python3 Benchmarks/peers/lean_duckdb.py "$path" --as-of "$AS_OF" --by "$peer_by")
    fi ;;
    esac
}

# The contenders of a file and variant: tthc -j 1 on the export shape (the -j ratio), and on
# totals of the other files; wc -l with the totals.
contenders() {
    local file=$1 variant=$2
    local list=(tthc-j2)
    if [ "$file" = export ] || [ "$variant" = totals ]; then list+=(tthc-j1); fi
    [ "$PEERS" = 1 ] && list+=(polars duckdb)
    [ "$variant" = totals ] && list+=(wc)
    echo "${list[@]}"
}

printf 'file\tvariant\tcontender\trep\twall_s\tcpu_s\tmax_rss_kib\tload1\texit\n' > "$RESULTS/runs.tsv"
source Benchmarks/warm.sh
printf 'file\tvariant\tcontender\tresident_percent\n' > "$RESULTS/resident.tsv"
status=0

measure() { # file variant contender rep
    local file=$1 variant=$2 contender=$3 rep=$4
    local name=$file-${variant/,/-}-$contender
    command_for "$contender" "$file" "$variant"
    local load
    load=$(cut -d' ' -f1 /proc/loadavg)
    local out=$RESULTS/$name.json
    local code=0
    if [ "$rep" = 0 ]; then
        "${CMD[@]}" > /dev/null 2> "$RESULTS/$name.err" || true
        return
    fi
    # From a warm page cache, read again just before (Benchmarks/warm.sh); its share is recorded.
    printf '%s\t%s\t%s\t%s\n' "$file" "$variant" "$contender" "$(warm_page_cache "${PATH_OF[$file]}")" >> "$RESULTS/resident.tsv"
    # Wall time from the clock around the run (GNU time prints only hundredths); CPU and peak RSS from time -v.
    local t0 t1
    t0=$(date +%s%N)
    /usr/bin/time -v -o "$RESULTS/$name.time" "${CMD[@]}" > "$out.new" 2> "$RESULTS/$name.err" || code=$?
    t1=$(date +%s%N)
    if [ "$code" != 0 ]; then
        echo "FAILED ($code): ${CMD[*]}; see $RESULTS/$name.err" | tee -a "$RESULTS/checks.txt"
        status=1
    fi
    # tthc's output must not change between repetitions (the first one is kept).
    if [ -e "$out" ]; then
        if [[ $contender == tthc* ]] && ! cmp -s "$out" "$out.new"; then
            echo "DIFFERS between repetitions: $name" | tee -a "$RESULTS/checks.txt"
            status=1
        fi
        rm -f "$out.new"
    else
        mv "$out.new" "$out"
    fi
    python3 - "$RESULTS/$name.time" "$file" "$variant" "$contender" "$rep" "$load" $((t1 - t0)) >> "$RESULTS/runs.tsv" <<'EOF'
import re, sys
text = open(sys.argv[1]).read()
def field(label):
    return re.search(re.escape(label) + r":\s*(.+)", text).group(1).strip()
wall = int(sys.argv[7]) / 1e9
cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
print("\t".join(sys.argv[2:6] + [f"{wall:.3f}", f"{cpu:.2f}", field("Maximum resident set size (kbytes)"), sys.argv[6],
                 field("Exit status")]))
EOF
}

for file in $FILES; do
    path=${PATH_OF[$file]}
    echo "== $file: $path" >&2
    # Warm the page cache and the peers' imports: one untimed run of each contender.
    cat "$path" > /dev/null
    for c in $(contenders "$file" totals); do measure "$file" totals "$c" 0; done
    for rep in $(seq 1 "$REPS"); do
        cat "$path" > /dev/null
        for variant in "${VARIANTS[@]}"; do
            read -r -a list <<< "$(contenders "$file" "$variant")"
            n=${#list[@]}
            # Rotate the order each repetition, so no contender always runs first.
            for i in $(seq 0 $((n - 1))); do
                measure "$file" "$variant" "${list[$(((i + rep) % n))]}" "$rep"
            done
        done
        echo "   repetition $rep of $REPS done, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    done
    for variant in "${VARIANTS[@]}"; do
        v=${variant/,/-}
        if [ -e "$RESULTS/$file-$v-tthc-j1.json" ]; then
            if cmp -s "$RESULTS/$file-$v-tthc-j1.json" "$RESULTS/$file-$v-tthc-j2.json"; then
                echo "$file $variant: tthc -j 1 and -j 2 outputs are byte-identical" >> "$RESULTS/checks.txt"
            else
                echo "$file $variant: tthc -j 1 and -j 2 outputs DIFFER" | tee -a "$RESULTS/checks.txt"
                status=1
            fi
        fi
        if [ "$PEERS" = 1 ]; then
            echo "$file $variant:" >> "$RESULTS/checks.txt"
            python3 Benchmarks/compare_groups.py "$RESULTS/$file-$v-tthc-j2.json" "$RESULTS/$file-$v-polars.json" \
                "$RESULTS/$file-$v-duckdb.json" >> "$RESULTS/checks.txt" || status=1
        fi
    done
done

python3 Benchmarks/shape_summary.py "$RESULTS" | tee "$RESULTS/summary.md"
echo | tee -a "$RESULTS/summary.md"
echo "## Checks" | tee -a "$RESULTS/summary.md"
tee -a "$RESULTS/summary.md" < "$RESULTS/checks.txt"
[ "$status" = 0 ] && echo "all checks passed" | tee -a "$RESULTS/summary.md" \
    || echo "SOME CHECKS FAILED" | tee -a "$RESULTS/summary.md"
echo "results: $RESULTS" >&2
exit $status

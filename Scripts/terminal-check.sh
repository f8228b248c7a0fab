#!/usr/bin/env bash
# Terminal manners under a real pseudo-terminal (util-linux `script`):
#   - a read slower than a second draws a progress line on stderr (bytes, records, rate), only on
#     a terminal, never with --quiet, and erases it before the result;
#   - colours only on a terminal, never with NO_COLOR set;
#   - tthc --version prints the version written in Sources/TTHCCLI/Version.swift (and the commit
#     when built from a git clone).
# Usage: Scripts/terminal-check.sh [TTHC]   (default .build/debug/tthc)
# Exit status: 0 all hold, 1 one failed, 2 `script` or tthc missing.
set -uo pipefail
cd "$(dirname "$0")/.."
tthc=${1:-.build/debug/tthc}
command -v script >/dev/null || { echo "terminal-check: no 'script' (util-linux)" >&2; exit 2; }
[ -x "$tthc" ] || { echo "terminal-check: $tthc not built" >&2; exit 2; }
tthc=$(cd "$(dirname "$tthc")" && pwd)/$(basename "$tthc")
sample=Datasets/sample/dossiers.csv
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tthc-terminal.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failed=0
fail() { echo "FAIL: $*" >&2; failed=1; }

# Runs a shell command line under a pseudo-terminal; prints what the terminal received.
on_terminal() { script -qec "$1" /dev/null </dev/null; }

# A slow input: the sample through a pipe that pauses 1.5 s after its first 300 kB, read in small
# batches so the scan reports often.
slow="(head -c 300000 $sample; sleep 1.5; tail -c +300001 $sample)"
read_slowly="$slow | $tthc report - --chunk-size 4096 -j 1"

out=$(on_terminal "$read_slowly > $tmp/report.txt")
printf '%s' "$out" | grep -q $'\r''tthc report: .* read, .* records, .*/s' \
    || fail "no progress line on a terminal: $(printf '%q' "$out")"
printf '%s' "$out" | grep -q $'\r\e\\[K' || fail "the progress line was not erased"
grep -q "^Counts" "$tmp/report.txt" || fail "the report did not reach standard output"

out=$(on_terminal "$read_slowly --quiet > /dev/null")
[ -z "$out" ] || fail "--quiet still drew: $(printf '%q' "$out")"

on_terminal "$read_slowly > /dev/null 2> $tmp/stderr.txt" > /dev/null
[ ! -s "$tmp/stderr.txt" ] || fail "progress written to a file: $(head -c 200 "$tmp/stderr.txt")"

# A file of known size: when the read takes over a second (a debug build does), the line says how
# much of the file was read and the time left.
"$tthc" generate --dossiers 100000 --seed 3 -o "$tmp/big.csv" 2>/dev/null
out=$(on_terminal "$tthc report $tmp/big.csv --chunk-size 2048 -j 1 --dedupe last > /dev/null")
if printf '%s' "$out" | grep -q "records"; then
    printf '%s' "$out" | grep -q ' of .* left' || fail "a file's progress has no total or time left: $(printf '%q' "$out")"
else
    echo "terminal-check: the 100,000-record file took under a second; its progress line not seen" >&2
fi

# Colours: red for a missed target on a terminal only.
check="$tthc check $sample --profile hanoi-commune-2026"
out=$(on_terminal "$check")
printf '%s' "$out" | grep -q $'\e\\[31m' || fail "no colour for a missed target on a terminal"
out=$(on_terminal "NO_COLOR=1 $check")
printf '%s' "$out" | grep -q $'\e\\[' && fail "colours with NO_COLOR set"
out=$($check 2>&1)
printf '%s' "$out" | grep -q $'\e\\[' && fail "colours in a pipe"
out=$(on_terminal "$check -o $tmp/check.txt")
grep -q $'\e\\[' "$tmp/check.txt" && fail "colours in an -o file"

# One version, from one place.
version=$(sed -n 's/.*static let number = "\(.*\)".*/\1/p' Sources/TTHCCLI/Version.swift)
got=$("$tthc" --version)
case "$got" in
"tthc $version"*) ;;
*) fail "--version printed '$got', Version.swift says $version" ;;
esac
if git rev-parse --git-dir >/dev/null 2>&1; then
    commit=$(git rev-parse --short=12 HEAD)
    case "$got" in
    *"commit $commit"*) ;;
    *) fail "--version '$got' does not name the commit $commit" ;;
    esac
fi

[ $failed = 0 ] && echo "terminal-check: progress, colours and --version behave" >&2
exit $failed

# Sourced by the benchmark scripts: the one way they warm the page cache before a timed run.
#
# Reading an input once at the start is not enough on the machines we measure on: their kernel
# runs DAMON's proactive reclaim (a `pageout` scheme for regions idle about a minute, up to
# 128 MiB a second), which drops parts of a 2.7 GB file from the page cache between two runs
# of the same benchmark. The run that follows then reads those parts from disk, and pays for
# it in wall and system time. So every timed run reads its inputs first, and the share of the
# file resident just before the run is recorded.

# warm_page_cache FILE...: reads each file; prints the lowest resident share (percent) after.
warm_page_cache() {
    local file lowest=100 share
    for file in "$@"; do
        [ -f "$file" ] || continue
        cat "$file" > /dev/null
        share=$(resident_percent "$file")
        [ "$share" -lt "$lowest" ] && lowest=$share
    done
    echo "$lowest"
}

# resident_percent FILE: how much of FILE the page cache holds, in whole percent (100 when
# fincore is missing, which the caller cannot then check).
resident_percent() {
    command -v fincore > /dev/null || { echo 100; return; }
    local size pages
    size=$(stat -c %s "$1")
    pages=$(fincore --bytes --noheadings --output RES "$1" 2> /dev/null | tr -d ' ')
    [ -n "$pages" ] && [ "$size" -gt 0 ] || { echo 100; return; }
    echo $((pages * 100 / size))
}

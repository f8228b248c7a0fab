#!/usr/bin/env python3
"""Turns the `/usr/bin/time -v` logs of a benchmark run into a Markdown table.

Usage: summarize.py RESULTS_DIR INPUT_FILE
Reads RESULTS_DIR/*.time (one per measured command, named after it) and prints wall time,
CPU time (user + sys), throughput over the input's size and peak RSS.
"""

import glob
import os
import re
import sys


def parse(path):
    text = open(path).read()
    def field(label):
        m = re.search(re.escape(label) + r":\s*(.+)", text)
        return m.group(1).strip() if m else None
    wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
    parts = [float(x) for x in wall.split(":")]
    seconds = 0.0
    for p in parts:
        seconds = seconds * 60 + p
    return {
        "wall": seconds,
        "cpu": float(field("User time (seconds)")) + float(field("System time (seconds)")),
        "rss_mib": int(field("Maximum resident set size (kbytes)")) / 1024,
        "status": field("Exit status"),
        "cpu_percent": field("Percent of CPU this job got"),
    }


def main(results, input_file):
    size = os.path.getsize(input_file)
    rows = []
    for path in sorted(glob.glob(os.path.join(results, "*.time"))):
        name = os.path.basename(path)[:-5]
        r = parse(path)
        rows.append((name, r))
    print(f"Input: {os.path.basename(input_file)}, {size / 1e9:.3f} GB\n")
    print("| command | wall s | CPU s (user+sys) | CPU % | GB/s (wall) | peak RSS MiB | exit |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, r in rows:
        print(f"| {name} | {r['wall']:.2f} | {r['cpu']:.2f} | {r['cpu_percent']} | {size / 1e9 / r['wall']:.3f} "
              f"| {r['rss_mib']:.0f} | {r['status']} |")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

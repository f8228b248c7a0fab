#!/usr/bin/env python3
"""Checks that every count of every group of `tthc report --format json [--by ...]` agrees with the peers'.

Usage: compare_groups.py TTHC.json PEER.json [PEER.json ...]
Each PEER.json is the output of a peer run with the same --by (peers/lean_*.py, or
peers/kpis_*.py --by): {"by": [...], "groups": [{"key": {...}, "counts": {...}}]}. Without --by,
tthc's totals are the one group, with the empty key. Prints one line per engine and exits 1
when any group is missing or any count differs, naming the first differences.
"""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "peers"))
from common import COUNTS  # noqa: E402


def tthc_groups(report):
    if not report.get("groups"):
        return {(): {k: report["totals"][k] for k in COUNTS}}
    return {tuple(sorted(g["key"].items())): {k: g[k] for k in COUNTS} for g in report["groups"]}


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with open(argv[1]) as f:
        reference = tthc_groups(json.load(f))
    status = 0
    for path in argv[2:]:
        with open(path) as f:
            peer = json.load(f)
        groups = {tuple(sorted(g["key"].items())): g["counts"] for g in peer["groups"]}
        problems = [f"group {dict(k)} only in tthc" for k in reference.keys() - groups.keys()]
        problems += [f"group {dict(k)} only in {peer['engine']}" for k in groups.keys() - reference.keys()]
        for key in reference.keys() & groups.keys():
            for name in COUNTS:
                if reference[key][name] != groups[key].get(name):
                    problems.append(f"group {dict(key)}: {name} tthc {reference[key][name]}, "
                                    f"{peer['engine']} {groups[key].get(name)}")
        if problems:
            status = 1
            print(f"MISMATCH {peer['engine']} ({os.path.basename(path)}): {len(problems)} differences; first: "
                  + "; ".join(sorted(problems)[:5]))
        else:
            print(f"agree: {peer['engine']} ({os.path.basename(path)}), {len(reference)} groups x {len(COUNTS)} counts")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))

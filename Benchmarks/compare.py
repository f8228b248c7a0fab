#!/usr/bin/env python3
"""Checks that the KPI counts of `tthc report --format json` agree with the peers' counts.

Usage: compare.py TTHC.json PEER.json [PEER.json ...]
Each PEER.json is the output of peers/kpis_*.py. Prints one row per count and exits 1 when any
peer disagrees with tthc (or with another peer) on any count.
"""

import json
import sys

sys.path.insert(0, __import__("os").path.join(__import__("os").path.dirname(__file__), "peers"))
from common import COUNTS  # noqa: E402


def load_tthc(path):
    with open(path) as f:
        report = json.load(f)
    totals = report["totals"]
    counts = totals.get("counts", totals)
    return {k: counts.get(k) for k in COUNTS}, report.get("as_of")


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    tthc, as_of = load_tthc(argv[1])
    peers = []
    for path in argv[2:]:
        with open(path) as f:
            p = json.load(f)
        peers.append((p["engine"], p["counts"], p.get("as_of")))
    names = ["tthc"] + [p[0] for p in peers]
    print("as of: tthc " + str(as_of) + "; " + "; ".join(f"{n} {a}" for n, _, a in peers))
    print(f"{'count':<22}" + "".join(f"{n:>14}" for n in names))
    bad = []
    for k in COUNTS:
        values = [tthc[k]] + [p[1].get(k) for p in peers]
        mark = "" if len(set(values)) == 1 else "   <-- differs"
        if mark:
            bad.append(k)
        print(f"{k:<22}" + "".join(f"{str(v):>14}" for v in values) + mark)
    if bad:
        print(f"MISMATCH in {len(bad)} counts: {', '.join(bad)}")
        return 1
    print(f"all {len(COUNTS)} counts agree across {', '.join(names)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

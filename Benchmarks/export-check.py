#!/usr/bin/env python3
"""Loads tthc's process-mining exports in PM4Py and holds PM4Py's counts to tthc's own.

For the shipped sample (CSV and JSONL) and a generated log with real-export quirks (owner
names with commas, quotes and newlines), it runs `tthc export --to xes` and `--to ocel`
(small pieces and two workers, so the file is joined from many pieces), reads the counts tthc
prints on standard error, then:
  - XES: pm4py.read_xes gives as many traces and events as tthc wrote, every event has a
    timestamp, and the trace attributes `procedure`, `progress` are there;
  - OCEL: pm4py.read_ocel2_json gives as many events and objects (per type: dossier,
    procedure, department, citizen request) as tthc wrote, and every relationship names an
    object of the file.
Usage: Benchmarks/export-check.py [--tthc PATH]   (default: .build/debug/tthc)
Exit status: 0 all checks pass, 1 a check failed, 2 pm4py or tthc missing.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

try:
    import pm4py
except ImportError:
    print("export-check: pm4py is not installed (pip install pm4py)", file=sys.stderr)
    sys.exit(2)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL: " + message, file=sys.stderr)


def export(tthc, log, fmt, out, extra=()):
    run = subprocess.run(
        [tthc, "export", log, "--to", fmt, "-o", out, "--chunk-size", "4096", "-j", "2", "--quiet", *extra],
        capture_output=True, text=True)
    if run.returncode != 0:
        print(run.stderr, file=sys.stderr)
        sys.exit(1)
    line = run.stderr.strip().splitlines()[-1].split(";")[0]
    return [int(n) for n in re.findall(r"(\d+) (?:traces|events|objects|dossiers|procedures|departments|citizen requests)", line)]


def check_xes(tthc, log, directory):
    path = os.path.join(directory, "log.xes")
    traces, events = export(tthc, log, "xes", path)
    parsed = pm4py.read_xes(path, return_legacy_log_object=True)
    name = os.path.basename(log)
    check(len(parsed) == traces, f"{name} xes: pm4py read {len(parsed)} traces, tthc wrote {traces}")
    read_events = sum(len(trace) for trace in parsed)
    check(read_events == events, f"{name} xes: pm4py read {read_events} events, tthc wrote {events}")
    check(all("time:timestamp" in e for t in parsed for e in t), f"{name} xes: an event without a timestamp")
    check(all("procedure" in t.attributes and "progress" in t.attributes for t in parsed if t.attributes.get("status") != 1),
          f"{name} xes: a trace without its procedure or progress")
    os.remove(path)
    return traces, events


def check_ocel(tthc, log, directory):
    path = os.path.join(directory, "log.ocel.json")
    events, objects, dossiers, procedures, departments, requests = export(tthc, log, "ocel", path)
    ocel = pm4py.read_ocel2_json(path)
    name = os.path.basename(log)
    check(len(ocel.events) == events, f"{name} ocel: pm4py read {len(ocel.events)} events, tthc wrote {events}")
    check(len(ocel.objects) == objects, f"{name} ocel: pm4py read {len(ocel.objects)} objects, tthc wrote {objects}")
    by_type = ocel.objects[ocel.object_type_column].value_counts().to_dict()
    for kind, count in (("dossier", dossiers), ("procedure", procedures), ("department", departments),
                        ("citizen request", requests)):
        check(by_type.get(kind, 0) == count, f"{name} ocel: {by_type.get(kind, 0)} {kind} objects, tthc wrote {count}")
    ids = set(ocel.objects[ocel.object_id_column])
    related = set(ocel.relations[ocel.object_id_column])
    check(related <= ids, f"{name} ocel: {len(related - ids)} related ids are not objects")
    check(ocel.events[ocel.event_timestamp].notna().all(), f"{name} ocel: an event without a time")
    os.remove(path)
    return events, objects


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tthc", default=os.path.join(ROOT, ".build/debug/tthc"))
    args = parser.parse_args()
    if not os.path.exists(args.tthc):
        print(f"export-check: no tthc at {args.tthc} (swift build first)", file=sys.stderr)
        sys.exit(2)
    with tempfile.TemporaryDirectory() as directory:
        quirky = os.path.join(directory, "quirky.csv")
        subprocess.run([args.tthc, "generate", "--dossiers", "2000", "--seed", "7", "--sample-quirks", "-o", quirky],
                       check=True, capture_output=True)
        logs = [os.path.join(ROOT, "Datasets/sample/dossiers.csv"), os.path.join(ROOT, "Datasets/sample/dossiers.jsonl"),
                quirky]
        for log in logs:
            traces, events = check_xes(args.tthc, log, directory)
            ocel_events, objects = check_ocel(args.tthc, log, directory)
            check(ocel_events == events, f"{os.path.basename(log)}: the OCEL has {ocel_events} events, the XES {events}")
            print(f"export-check: {os.path.basename(log)}: {traces} traces, {events} events, {objects} OCEL objects "
                  f"read back by pm4py {pm4py.__version__}", file=sys.stderr)
    if failures:
        sys.exit(1)
    print(f"export-check: all checks pass (pm4py {pm4py.__version__})", file=sys.stderr)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Loads tthc's process-mining exports in PM4Py and holds PM4Py's counts to tthc's own.

For the shipped sample (CSV and JSONL), a generated log with real-export quirks (owner names
with commas, quotes and newlines) and a seeded step log (rows shuffled, `--steps`), it runs `tthc export --to xes` and `--to ocel`
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
import datetime
import os
import random
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


def step_log(path, dossiers=500, seed=3):
    """A step log whose histories are consistent, rows shuffled; returns its step and event counts."""
    rng = random.Random(seed)
    rows = []
    events = 0
    base = datetime.datetime(2026, 3, 2)
    for d in range(dossiers):
        minute = rng.randrange(20000)
        statuses = [2] + [4] * rng.randrange(4) + ([5, 4] if rng.random() < 0.3 else [])
        if rng.random() < 0.7:
            statuses.append(rng.choice([8, 9, 10]))
        for status in statuses:
            start = ""
            if status == 4 and rng.random() < 0.5:
                start = (base + datetime.timedelta(minutes=minute)).strftime("%Y%m%d%H%M%S")
                events += 1
            minute += 1 + rng.randrange(3000)
            time = (base + datetime.timedelta(minutes=minute)).strftime("%Y%m%d%H%M%S")
            department = rng.choice(["Bộ phận một cửa", '"Phòng ""Địa chính"", <xã>"', "Lãnh đạo & văn phòng"])
            rows.append(f"H{d},1.00{d % 3},UBND xã A,{time},{start},,{status},{department},"
                        f"{rng.choice(['Nguyễn Văn A', 'Trần Thị B'])},Chuyên viên,bước")
            events += 1
    rng.shuffle(rows)
    with open(path, "w", encoding="utf-8") as f:
        f.write("MaHoSo,MaTTHC,DonViXuLy,ThoiDiemXuLy,NgayBatDau,NgayKetThucTheoQuyDinh,TrangThai,"
                "PhongBanXuLy,NguoiXuLy,ChucDanh,NoiDungXuLy\n")
        f.write("\n".join(rows) + "\n")
    return dossiers, events


def export(tthc, log, fmt, out, extra=()):
    run = subprocess.run(
        [tthc, "export", log, "--to", fmt, "-o", out, "--chunk-size", "4096", "-j", "2", "--quiet", *extra],
        capture_output=True, text=True)
    if run.returncode != 0:
        print(run.stderr, file=sys.stderr)
        sys.exit(1)
    line = run.stderr.strip().splitlines()[-1].split(";")[0]
    return [int(n) for n in re.findall(r"(\d+) (?:traces|events|objects|dossiers|procedures|departments|citizen requests)", line)]


def check_xes(tthc, log, directory, extra=()):
    path = os.path.join(directory, "log.xes")
    traces, events = export(tthc, log, "xes", path, extra)
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


def check_ocel(tthc, log, directory, extra=()):
    path = os.path.join(directory, "log.ocel.json")
    events, objects, dossiers, procedures, departments, requests = export(tthc, log, "ocel", path, extra)
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
        steps = os.path.join(directory, "steps.csv")
        dossiers, step_events = step_log(steps)
        traces, events = check_xes(args.tthc, steps, directory, ("--steps",))
        ocel_events, objects = check_ocel(args.tthc, steps, directory, ("--steps",))
        check((traces, events, ocel_events) == (dossiers, step_events, step_events),
              f"steps.csv: tthc wrote {traces} traces, {events} XES and {ocel_events} OCEL events; "
              f"the log has {dossiers} dossiers and {step_events} step events")
        print(f"export-check: steps.csv (--steps): {traces} traces, {events} events, {objects} OCEL objects "
              f"read back by pm4py {pm4py.__version__}", file=sys.stderr)
    if failures:
        sys.exit(1)
    print(f"export-check: all checks pass (pm4py {pm4py.__version__})", file=sys.stderr)


if __name__ == "__main__":
    main()

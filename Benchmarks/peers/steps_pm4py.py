#!/usr/bin/env python3
"""Folds a tthc step log (QuaTrinhXuLy rows, CSV) into traces with PM4Py: the benchmark peer of
the step fold (`tthc report --steps`). Reads the CSV with pandas, parses ThoiDiemXuLy, and lets
PM4Py build its event log (one trace per MaHoSo, events sorted by time). Prints one JSON line:
the seconds, the peak RSS, PM4Py's version, and the trace and event counts, which the benchmark
checks against tthc's folded dossiers and steps.

Usage: steps_pm4py.py STEPS.csv
"""

import json
import resource
import sys
import time


def main():
    path = sys.argv[1]
    started = time.perf_counter()
    import pandas as pd
    import pm4py

    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame["ThoiDiemXuLy"] = pd.to_datetime(frame["ThoiDiemXuLy"], format="%Y%m%d%H%M%S")
    frame = pm4py.format_dataframe(
        frame, case_id="MaHoSo", activity_key="NoiDungXuLy", timestamp_key="ThoiDiemXuLy")
    log = pm4py.convert_to_event_log(frame)
    seconds = time.perf_counter() - started
    print(json.dumps({
        "peer": "pm4py", "version": pm4py.__version__, "seconds": round(seconds, 2),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "traces": len(log), "events": sum(len(trace) for trace in log),
    }))


if __name__ == "__main__":
    main()

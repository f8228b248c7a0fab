#!/usr/bin/env python3
"""Long-run validation of tthc simulate against Erlang C (M/M/1 and M/M/10 at rho 0.5, 0.8, 0.9).

Usage: Benchmarks/simulation/erlang_validation.py [customers_per_replication] [replications]
Needs a release build with the release flags (TTHC_UNSAFE_FLAGS=1 swift build -c release --product tthc). Prints a Markdown table.
"""
import json
import os
import subprocess
import sys

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
R = int(sys.argv[2]) if len(sys.argv) > 2 else 10
ENV = dict(os.environ, TTHC_UNSAFE_FLAGS="1")
BIN = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], capture_output=True, text=True, env=ENV).stdout.strip() + "/tthc"


def erlang_c(c, a):
    b = 1.0
    for k in range(1, c + 1):
        b = a * b / (k + a * b)
    return c * b / (c - a * (1 - b))


print(f"{R} replications x {N:,} customers (warmup {N // 20:,} customers each), seed 1\n")
print("| model | rho | Erlang C Wq (h) | simulated Wq ± 95% | error | Erlang C P(wait) | simulated P(wait) ± 95% | error |")
print("|---|---|---|---|---|---|---|---|")
for c in (1, 10):
    for rho in (0.5, 0.8, 0.9):
        lam = rho * c
        out = subprocess.run(
            [BIN, "simulate", "Datasets/scenarios/mmc.json", "--set", f"arrival_rate={lam}", "--set", "service_rate=1",
             "--set", f"servers={c}", "--customers", str(N), "--warmup", f"{N // 20}c", "--replications", str(R),
             "--format", "json"], capture_output=True, text=True, check=True).stdout
        d = json.loads(out)
        p = erlang_c(c, lam)
        wq = p / (c - lam)
        w, pw = d["mean_wait_hours"], d["p_wait"]
        print(f"| M/M/{c} | {rho} | {wq:.4f} | {w['mean']:.4f} ± {w['half_width']:.4f} | {100 * (w['mean'] / wq - 1):+.2f}% "
              f"| {p:.4f} | {pw['mean']:.4f} ± {pw['half_width']:.4f} | {100 * (pw['mean'] / p - 1):+.2f}% |")

#!/usr/bin/env python3
"""M/M/c in Ciw (same model). Usage: mmc_ciw.py [customers] [arrival_rate] [service_rate] [servers] [seed]"""
import sys
import time

import ciw

args = sys.argv[1:]
n = int(args[0]) if len(args) > 0 else 50_000
lam = float(args[1]) if len(args) > 1 else 9.0
mu = float(args[2]) if len(args) > 2 else 1.0
c = int(args[3]) if len(args) > 3 else 10
seed = int(args[4]) if len(args) > 4 else 1
horizon = n / lam
network = ciw.create_network(
    arrival_distributions=[ciw.dists.Exponential(rate=lam)],
    service_distributions=[ciw.dists.Exponential(rate=mu)],
    number_of_servers=[c],
)
ciw.seed(seed)
sim = ciw.Simulation(network)
start = time.perf_counter()
sim.simulate_until_max_time(horizon)
elapsed = time.perf_counter() - start
records = sim.get_all_records()
done = len(records)
waits = [r.waiting_time for r in records]
print(f"ciw: customers={done} mean_wait_hours={sum(waits) / done:.4f} p_wait={sum(w > 0 for w in waits) / done:.4f} "
      f"seconds={elapsed:.3f} customers_per_second={done / elapsed:.0f}")

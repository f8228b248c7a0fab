#!/usr/bin/env python3
"""M/M/c in SimPy, the same model as Datasets/scenarios/mmc.json (rates per hour).

Usage: mmc_simpy.py [customers] [arrival_rate] [service_rate] [servers] [seed]
Prints customers, mean wait (hours), P(wait), utilization and customers per second.
"""
import random
import sys
import time

import simpy


def run(customers, lam, mu, c, seed):
    rng = random.Random(seed)
    env = simpy.Environment()
    servers = simpy.Resource(env, capacity=c)
    stats = {"done": 0, "wait": 0.0, "waited": 0, "busy": 0.0}

    def customer(env):
        arrive = env.now
        with servers.request() as req:
            yield req
            wait = env.now - arrive
            service = rng.expovariate(mu)
            stats["wait"] += wait
            stats["waited"] += wait > 0
            stats["busy"] += service
            yield env.timeout(service)
        stats["done"] += 1

    def source(env):
        for _ in range(customers):
            yield env.timeout(rng.expovariate(lam))
            env.process(customer(env))

    env.process(source(env))
    start, cpu = time.perf_counter(), time.process_time()
    env.run()
    return stats, env.now, time.perf_counter() - start, time.process_time() - cpu


if __name__ == "__main__":
    args = sys.argv[1:]
    n = int(args[0]) if len(args) > 0 else 200_000
    lam = float(args[1]) if len(args) > 1 else 9.0
    mu = float(args[2]) if len(args) > 2 else 1.0
    c = int(args[3]) if len(args) > 3 else 10
    seed = int(args[4]) if len(args) > 4 else 1
    stats, horizon, elapsed, cpu = run(n, lam, mu, c, seed)
    done = stats["done"]
    print(f"simpy: customers={done} mean_wait_hours={stats['wait'] / done:.4f} p_wait={stats['waited'] / done:.4f} "
          f"utilization={stats['busy'] / (c * horizon):.4f} seconds={elapsed:.3f} cpu_seconds={cpu:.3f} "
          f"customers_per_second={done / elapsed:.0f} customers_per_cpu_second={done / cpu:.0f}")

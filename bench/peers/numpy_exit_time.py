#!/usr/bin/env python3
"""Peer baseline for bench/bench_exit_kernel: the same exit-time estimator in
vectorised NumPy (all live paths advance together; exited paths are dropped).

Model: implicit-regularizer Example 3.1, dX = -2X dt + sqrt(eps) diag(sqrt(mu), sqrt(2-mu)) dW,
unit disc, eps = 0.25, h = 1e-3, mu = 1.5; estimators 'discrete' and 'gobet-menozzi'.
NumPy's own generator (PCG64 + ziggurat normals) is used: the fastest NumPy offers.
Prints one JSON object with path-steps per second (single-threaded: NumPy
element-wise kernels run on one core).
"""
import json
import math
import sys
import time

import numpy as np

C0 = 0.5825971579390106  # -zeta(1/2)/sqrt(2 pi); the C++ side computes it from Boost.Math


def run(paths, estimator, mu=1.5, eps=0.25, h=1e-3, radius=1.0, seed=42, max_steps=10_000_000):
    rng = np.random.default_rng(seed)
    sigma = np.array([math.sqrt(mu), math.sqrt(2.0 - mu)])
    noise = math.sqrt(eps * h) * sigma
    x = np.zeros((paths, 2))
    alive = np.arange(paths)
    exit_steps = np.zeros(paths, dtype=np.int64)
    steps = 0
    start = time.perf_counter()
    for k in range(1, max_steps + 1):
        if alive.size == 0:
            break
        z = rng.standard_normal(x.shape)
        x += -2.0 * x * h + noise * z  # Euler-Maruyama, b(x) = -2x
        steps += alive.size
        rho2 = np.einsum("ij,ij->i", x, x)
        if estimator == "discrete":
            out = rho2 >= radius * radius
        else:  # Gobet-Menozzi: shrink by c0 |sigma^T n| sqrt(eps h)
            rho = np.sqrt(rho2)
            n = x / rho[:, None]
            shift = C0 * math.sqrt(eps * h) * np.sqrt(np.einsum("ij,j,ij->i", n, sigma * sigma, n))
            out = radius - rho <= shift
        if out.any():
            exit_steps[alive[out]] = k
            keep = ~out
            x = x[keep]
            alive = alive[keep]
    elapsed = time.perf_counter() - start
    return {"paths": paths, "estimator": estimator, "mean_exit_time": float(exit_steps.mean() * h),
            "steps": steps, "elapsed_s": elapsed, "steps_per_second": steps / elapsed}


if __name__ == "__main__":
    paths = int(sys.argv[1]) if len(sys.argv) > 1 else 1024
    results = [run(paths, e) for e in ("discrete", "gobet-menozzi")]
    print(json.dumps({"peer": "numpy " + np.__version__, "results": results}, indent=2))

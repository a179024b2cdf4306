#!/usr/bin/env bash
# Runs the exit-kernel benchmark and its NumPy peer and prints the ratios.
# Usage: bash bench/run_exit_kernel.sh [paths]   (release build first; idle machine)
set -euo pipefail
cd "$(dirname "$0")/.."
paths="${1:-2048}"
build/release/bench/bench_exit_kernel "$paths" > ldv-bench-exit-kernel.json
/usr/bin/python3 bench/peers/numpy_exit_time.py "$paths" > ldv-bench-numpy.json
/usr/bin/python3 - <<'PY'
import json
ldv = json.load(open("ldv-bench-exit-kernel.json"))
peer = {r["estimator"]: r for r in json.load(open("ldv-bench-numpy.json"))["results"]}
bound = ldv["rng_bound_steps_per_second_1_thread"]
print(f"SIMD level {ldv['simd_level']}; Philox4x32-10 blocks/s per core: " +
      ", ".join(f"{k} {v/1e6:.0f} M" for k, v in ldv["philox_blocks_per_second_1_thread"].items()))
print(f"RNG alone (Philox4x32-10 + ziggurat): {ldv['rng_normals_per_second_1_thread']/1e6:.1f} M normals/s "
      f"= {bound/1e6:.1f} M 2-D steps/s per core")
print(f"{'estimator':15s} {'1 thread':>10s} {'2 threads':>10s} {'of RNG':>8s} {'NumPy':>8s} {'x NumPy/core':>12s}")
for name in ("discrete", "gobet-menozzi", "bridge"):
    r = ldv[name]
    one, two = r["steps_per_second_1_thread"], r["steps_per_second_2_threads"]
    numpy = peer.get(name, {}).get("steps_per_second")
    ratio = f"{one / numpy:.1f}" if numpy else "-"
    numpy_text = f"{numpy/1e6:.1f}" if numpy else "-"
    print(f"{name:15s} {one/1e6:10.1f} {two/1e6:10.1f} {one/bound:8.0%} {numpy_text:>8s} {ratio:>12s}")
print("(M path-steps per second; JSON with provenance in ldv-bench-*.json)")
PY

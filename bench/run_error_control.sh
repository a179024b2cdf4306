#!/usr/bin/env bash
# Time to 1% total relative error on Example 3.1: the PDE, `--tolerance 0.01`, plain
# Gobet–Menozzi, and the NumPy discrete peer (its step from the discrete √h law that
# bench_error_control measures, its time from its own measured throughput).
# Usage: bash bench/run_error_control.sh [peer paths]   (release build first; idle machine)
set -euo pipefail
cd "$(dirname "$0")/.."
paths="${1:-256}"
build/release/bench/bench_error_control time > ldv-bench-error-control.json
/usr/bin/python3 - "$paths" <<'PY'
import json, sys
sys.path.insert(0, "bench/peers")
import numpy_exit_time as peer
r = json.load(open("ldv-bench-error-control.json"))["time_to_one_percent"]
numpy = peer.run(int(sys.argv[1]), "discrete")
law = r["discrete_law"]
numpy_seconds = law["path_steps_needed"] / numpy["steps_per_second"]
plain = r["plain_gobet_menozzi"]["seconds_extrapolated"]
print(f"PDE:                    {r['pde']['value']:.6f} ± {r['pde']['error_estimate']:.2g}   {r['pde']['seconds']:.3g} s")
t = r["tolerance"]
print(f"--tolerance 0.01 ({t['scheme']} step): {t['value']:.4f} ± {t['half_width']:.3g} (bias est. {t['bias_estimate']:.3g}), "
      f"error vs PDE {100*t['error_vs_pde']:+.2f}%, {t['levels']} levels   {t['seconds']:.3g} s")
print(f"plain GM, h = {r['plain_gobet_menozzi']['step']:g}:    {r['plain_gobet_menozzi']['paths_needed']:.3g} paths   "
      f"{plain:.4g} s (extrapolated from a {r['plain_gobet_menozzi']['pilot_paths']}-path pilot)")
print(f"NumPy discrete peer:    h = {law['step_for_half_percent_bias']:.3g} (a1 = {law['a1_relative']:.3g}), "
      f"{numpy['steps_per_second']/1e6:.3g} M steps/s   {numpy_seconds:.4g} s (extrapolated)")
for p in r["plain_exponential_uncertified"]:
    print(f"plain exponential, h = {p['step']:g} (uncertified): error vs PDE {100*p['relative_error_vs_pde']:+.2f}%, "
          f"{p['seconds_extrapolated']:.3g} s (extrapolated)")
print(f"ratios: plain/--tolerance {plain/t['seconds']:.3g} (steps: {r['ratios']['plain_steps_over_tolerance_steps']:.3g}), plain/PDE {plain/r['pde']['seconds']:.3g}, "
      f"NumPy/--tolerance {numpy_seconds/t['seconds']:.3g}, NumPy/PDE {numpy_seconds/r['pde']['seconds']:.3g}")
PY

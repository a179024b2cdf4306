#!/usr/bin/env bash
# The main job: installs what is missing, builds, and runs the quick demonstration.
# Until the validation suite exists (issue 4) the main job is a demonstration of
# `ldv exit-time` on the escape paper's Theorem 1 set-up: SGD around a quadratic
# minimum with isotropic (C = I) and Hessian (C = H) noise, over a ladder of
# noise levels ε = η/B. Results go to ${LDV_OUT:-ldv-out}/demo/*.json.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
out="${LDV_OUT:-ldv-out}/demo"
mkdir -p "$out"
ldv=build/release/bin/ldv
hessian='[[2.0,0.0],[0.0,0.5]]'
echo "Escape paper, Theorem 1: H = diag(2, 0.5), ball radius r = 1, h = 0.01, 2000 paths, seed 1"
printf "%-10s %-8s %-14s %-26s\n" noise eps "E[tau]" "95% CI"
for noise in identity hessian; do
  for eps in 0.5 0.35 0.25; do
    file="$out/theorem1_${noise}_eps${eps}.json"
    # Written to a temporary file first, so a killed run leaves no partial JSON.
    "$ldv" exit-time --model "{\"kind\":\"quadratic\",\"hessian\":$hessian,\"diffusion\":\"$noise\"}" \
      --eps "$eps" --step 0.01 --radius 1 --paths 2000 --seed 1 --json > "$file.tmp"
    mv "$file.tmp" "$file"
    python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('%-10s %-8s %-14.5g [%.5g, %.5g]' % (sys.argv[2], d['eps'], d['mean'], d['ci_low'], d['ci_high']))" "$file" "$noise"
  done
done
echo "JSON results (with provenance) in $out"

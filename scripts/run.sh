#!/usr/bin/env bash
# The main job: installs what is missing, builds, runs the quick validation suite
# (`ldv check --all --profile quick`) and the papers' reproductions
# (`ldv reproduce --all --profile quick`), and renders their report (`ldv report`) into
# ${LDV_OUT:-ldv-out}/report/index.html. Evidence records are written one by one as
# checks finish, so a killed run resumes where it stopped when started again.
# The AVILA data (the checks and reproductions that need it) are read from $LDV_DATA_DIR, by default
# ../shared/data/avila next to the checkout; where absent, those checks say so.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
out="${LDV_OUT:-ldv-out}"
export LDV_DATA_DIR="${LDV_DATA_DIR:-$(cd .. && pwd)/shared/data/avila}"
ldv=build/release/bin/ldv
"$ldv" check --all --profile "${LDV_PROFILE:-quick}" --out "$out"
"$ldv" reproduce --all --profile "${LDV_PROFILE:-quick}" --out "$out" --data-dir "$LDV_DATA_DIR"
"$ldv" report --out "$out"
echo "report: $out/report/index.html (summary: $out/report/summary.md)"

#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (CTest + Boost.Test).
# LDV_DATA_DIR defaults to the AVILA copy beside the checkout (../shared/data/avila).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
export LDV_DATA_DIR="${LDV_DATA_DIR:-$(cd .. && pwd)/shared/data/avila}"
ctest --preset release

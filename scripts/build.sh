#!/usr/bin/env bash
# Configures and builds the release preset with two jobs (the machine has 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset release > /dev/null
cmake --build --preset release -j 2

#!/usr/bin/env bash
# Installs what ldv needs from Debian 12 packages, and only what is missing
# (idempotent: a second run installs nothing). apt-get only.
set -euo pipefail

packages=(
  cmake g++ make                      # toolchain (C++20, CMake >= 3.25)
  libboost-math-dev libboost-test-dev # Boost.Math, Boost.Test (Debian's default Boost 1.74)
  libeigen3-dev                       # Eigen 3.4
  libtbb-dev                          # oneTBB
  libgnuplot-iostream-dev gnuplot-nox # figures
  librandom123-dev                    # Philox counter-based RNG
  nlohmann-json3-dev libcli11-dev liblbfgspp-dev libfmt-dev
  chromium                            # headless check that the HTML report renders (tests/test_report)
  python3-numpy                       # the NumPy peer of bench/ (not needed to build or test)
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo_prefix=()
[ "$(id -u)" -eq 0 ] || sudo_prefix=(sudo)
echo "install-deps: installing ${missing[*]}"
"${sudo_prefix[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_prefix[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"

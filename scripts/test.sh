#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, runs every CTest test.
# Live-capture tests need root or CAP_NET_RAW; without them they skip and say so.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
BUILD_DIR=${BUILD_DIR:-build}
cd "$BUILD_DIR"
ctest --output-on-failure --timeout 900 -j 2 "$@"

#!/usr/bin/env bash
# Builds the Linux packages: build/packages/vipvault-agent_<v>-1_amd64.deb and
# build/packages/vipvault_<v>-1_amd64.deb (docs/packaging.md). Installs missing
# build packages and builds first, like the other scripts.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
if [ "${SKIP_SETUP:-0}" != 1 ]; then
  scripts/setup.sh
fi
rm -rf "$BUILD_DIR/packages"
if ! log=$(cd "$BUILD_DIR" && cpack -G DEB -B "$PWD/packages" 2>&1); then
  echo "$log" >&2
  exit 1
fi
ls -1 "$BUILD_DIR"/packages/*.deb

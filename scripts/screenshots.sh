#!/usr/bin/env bash
# Regenerates docs/screenshots/*.png from the real app: the GUI test walks every screen against a real agent on
# loopback (offscreen platform, no display needed) and grabs each one on the way.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
ninja -C "$BUILD_DIR" tst_appgui tst_appdashboard vipvault-agent
mkdir -p docs/screenshots
VIPVAULT_SCREENSHOTS="$PWD/docs/screenshots" QT_QPA_PLATFORM=offscreen "$BUILD_DIR/tests/app/tst_appgui" >/dev/null
# The dashboard's agent A captures on loopback: as root only (the test skips otherwise).
VIPVAULT_SCREENSHOTS="$PWD/docs/screenshots" QT_QPA_PLATFORM=offscreen "$BUILD_DIR/tests/app/tst_appdashboard" >/dev/null
ls -1 docs/screenshots/*.png

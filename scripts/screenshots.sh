#!/usr/bin/env bash
# Regenerates docs/screenshots/*.png from the real app: the GUI test walks every screen against a real agent on
# loopback (offscreen platform, no display needed) and grabs each one on the way.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
ninja -C "$BUILD_DIR" tst_appgui tst_appdashboard tst_appsealed vv-player-screenshots vipvault-agent
mkdir -p docs/screenshots
VIPVAULT_SCREENSHOTS="$PWD/docs/screenshots" QT_QPA_PLATFORM=offscreen "$BUILD_DIR/tests/app/tst_appgui" >/dev/null
# The dashboard's agent A captures on loopback: as root only (the test skips otherwise).
VIPVAULT_SCREENSHOTS="$PWD/docs/screenshots" QT_QPA_PLATFORM=offscreen "$BUILD_DIR/tests/app/tst_appdashboard" >/dev/null
# A customer making their own recordings key, and restoring it on another computer.
VIPVAULT_SCREENSHOTS="$PWD/docs/screenshots" QT_QPA_PLATFORM=offscreen "$BUILD_DIR/tests/app/tst_appsealed" >/dev/null
# The recordings view, the player and a number search (tests/player/screenshots_main.cpp).
QT_QPA_PLATFORM=offscreen "$BUILD_DIR/tests/player/vv-player-screenshots" "$PWD/docs/screenshots" >/dev/null
# The same view in German, the app's second language (picked from the system's).
LC_ALL=de_DE.UTF-8 LANG=de_DE.UTF-8 QT_QPA_PLATFORM=offscreen "$BUILD_DIR/tests/player/vv-player-screenshots" \
    "$PWD/docs/screenshots" >/dev/null
ls -1 docs/screenshots/*.png

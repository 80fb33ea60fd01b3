#!/usr/bin/env bash
# Builds the macOS disk image of the VIP Vault desktop app in one command:
#   installer/macos/build.sh
# Needs Xcode's command-line tools and Homebrew; installs the libraries with
# brew (qt, qtkeychain, opusfile, libsodium, pkg-config, cmake, ninja) if missing. The
# result is build-macos/vipvault-<version>-Darwin.dmg holding "VIP Vault.app"
# (Qt frameworks deployed into it by macdeployqt) beside an Applications link.
# Signing and notarisation are separate steps (docs/packaging.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD_DIR=${BUILD_DIR:-build-macos}

for formula in qt qtkeychain opusfile libsodium pkg-config cmake ninja; do
  brew list --formula "$formula" >/dev/null 2>&1 || brew install "$formula"
done
prefix=$(brew --prefix)

cmake -S . -B "$BUILD_DIR" -G Ninja \
  -DCMAKE_BUILD_TYPE=Release \
  -DVIPVAULT_APP_ONLY=ON \
  -DCMAKE_PREFIX_PATH="$prefix/opt/qt;$prefix/opt/qtkeychain" \
  -DCMAKE_OSX_DEPLOYMENT_TARGET=12.0
cmake --build "$BUILD_DIR"
(cd "$BUILD_DIR" && cpack -G DragNDrop)
ls -1 "$BUILD_DIR"/*.dmg

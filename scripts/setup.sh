#!/usr/bin/env bash
# Installs the Debian 12 packages VIP Vault needs (only the missing ones),
# then configures and builds the tree into ./build. Safe to run repeatedly.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite
  libpcap-dev libopus-dev libopusfile-dev libogg-dev libopusenc-dev
  libsodium-dev libcpp-httplib-dev libssl-dev libboost-dev libcurl4-openssl-dev
  libspandsp-dev libbcg729-dev libgsm1-dev libsrtp2-dev
  clang libclang-rt-14-dev
  iproute2 procps
  kamailio baresip-core espeak-ng sox tcpdump
  qt6-svg-dev qtkeychain-qt6-dev gnome-keyring dbus
  qt6-multimedia-dev qt6-charts-dev libqt6opengl6-dev libsonic-dev qt6-tools-dev qt6-l10n-tools pulseaudio pulseaudio-utils python3-aiosmtpd
  dpkg-dev file systemd-container desktop-file-utils xvfb xauth imagemagick curl
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

BUILD_DIR=${BUILD_DIR:-build}
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build "$BUILD_DIR" --parallel "$(nproc)"

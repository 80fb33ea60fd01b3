#!/usr/bin/env bash
# Regenerates the platform icons from resources/icons/vipvault.svg (the one
# source): resources/windows/vipvault.ico and resources/macos/vipvault.icns.
# Needs librsvg2-bin, imagemagick and icnsutils.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for size in 16 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" resources/icons/vipvault.svg -o "$tmp/$size.png"
done
convert "$tmp"/{16,32,48,64,128,256}.png resources/windows/vipvault.ico
png2icns resources/macos/vipvault.icns "$tmp"/{16,32,128,256,512,1024}.png >/dev/null
ls -l resources/windows/vipvault.ico resources/macos/vipvault.icns

#!/bin/sh
# Runs inside the install test's container, under xvfb-run: starts the
# installed app as a reseller would (first connection trusting the agent's
# fingerprint), waits until its main window has painted, and takes a
# screenshot of the whole X screen. (The installed app has no demo data: a
# fresh reseller's Customers tab is empty.)
# usage: VV_PASSWORD=... VV_FINGERPRINT=... app_screenshot.sh OUT.png
set -u
out=$1
work=$(mktemp -d)
printf '%s\n' "$VV_PASSWORD" | HOME=$work QT_QPA_PLATFORM=xcb vipvault --directory "$work/customers.sqlite" \
  --server https://127.0.0.1:8443 --username reseller --trust "$VV_FINGERPRINT" --password-stdin \
  --print-ready >"$work/out" 2>"$work/err" &
app=$!
status=1
for _ in $(seq 600); do
  if grep -q '"window":"main"' "$work/out"; then
    status=0
    break
  fi
  kill -0 "$app" 2>/dev/null || break
  sleep 0.1
done
import -window root "$out"
kill "$app" 2>/dev/null
wait "$app" 2>/dev/null
cat "$work/err" >&2
rm -rf "$work"
exit $status

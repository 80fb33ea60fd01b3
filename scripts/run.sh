#!/usr/bin/env bash
# Runs the product on its embedded default: generates the bundled demo capture (inbound, outbound, internal,
# excluded and cancelled calls), starts a local vipvault-agent on loopback that records it and serves the demo
# vault over its HTTPS API, prints what was recorded, creates a demo reseller, and opens the desktop app signed in
# to that agent with a demo customer bound to the demo vault, so the reseller's seven steps can be walked at once.
# The agent stops when the app exits. Without a display it prints what it started and how to open the app.
#
#   SKIP_SETUP=1       do not install packages or build (already built)
#   KEEP_AGENT=1|0     without a display: keep the agent running until Ctrl-C (default: 1 on a terminal, else 0)
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${SKIP_SETUP:-0}" = 1 ] || scripts/setup.sh
BUILD_DIR=${BUILD_DIR:-build}
DEMO_DIR=${DEMO_DIR:-$BUILD_DIR/demo}
AGENT="$BUILD_DIR/recorder-agent/vipvault-agent"
APP="$BUILD_DIR/app/demo/vipvault-demo" # the app plus --demo-customer; the installed app has no demo options
rm -rf "$DEMO_DIR"
mkdir -p "$DEMO_DIR/data"
DEMO_ABS=$(cd "$DEMO_DIR" && pwd)
"$BUILD_DIR/tests/support/vv-capgen" demo "$DEMO_DIR/demo.pcap"

# The demo vault of recorder-agent/demo.conf, served from the capture instead of a live interface, with the API
# on a free loopback port (the agent picks it; its ready line says which).
cat > "$DEMO_DIR/agent.conf" <<EOF
; Written by scripts/run.sh: the demo vault, recorded from demo.pcap (--replay), served on loopback.
[agent]
interface = none
sip_ports = 5060
data_dir = $DEMO_ABS/data

[api]
listen = 127.0.0.1:0

[vault demo]
enabled = yes
extensions = 201-209
excluded = 205
EOF

AGENT_PID=""
stop_agent() {
  if [ -n "$AGENT_PID" ] && kill -0 "$AGENT_PID" 2>/dev/null; then
    kill -TERM "$AGENT_PID" 2>/dev/null || true
    wait "$AGENT_PID" 2>/dev/null || true
    echo "Stopped the demo agent (pid $AGENT_PID)."
  fi
  AGENT_PID=""
}
trap stop_agent EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$AGENT" run --config "$DEMO_DIR/agent.conf" --replay "$DEMO_DIR/demo.pcap" \
  > "$DEMO_DIR/agent.jsonl" 2> "$DEMO_DIR/agent.log" &
AGENT_PID=$!
for _ in $(seq 1 300); do
  grep -q '"event":"ready"' "$DEMO_DIR/agent.jsonl" 2>/dev/null && break
  if ! kill -0 "$AGENT_PID" 2>/dev/null; then
    echo "run: the agent exited before it was ready; its log:" >&2
    cat "$DEMO_DIR/agent.log" >&2
    exit 1
  fi
  sleep 0.1
done
if ! grep -q '"event":"ready"' "$DEMO_DIR/agent.jsonl"; then
  echo "run: the agent did not become ready in 30 s; see $DEMO_DIR/agent.log" >&2
  exit 1
fi
read -r API_URL CERT_SHA256 < <(python3 -c '
import json, sys
for line in open(sys.argv[1]):
    try:
        o = json.loads(line)
    except ValueError:
        continue
    if o.get("event") == "ready":
        print(o["api"], o["certificate_sha256"])
        break
' "$DEMO_DIR/agent.jsonl")

# The calls the replay recorded (the agent prints one line per call before its ready line).
python3 - "$DEMO_DIR/agent.jsonl" <<'PY' 2>/dev/null || cat "$DEMO_DIR/agent.jsonl"
import json, os, sys
rows = []
for l in open(sys.argv[1]):
    try:
        rows.append(json.loads(l))
    except ValueError:
        pass
calls = [r for r in rows if "sip_call_id" in r]
print(f"{'direction':9} {'caller':>14} {'callee':>14} {'ext':>4} {'secs':>6}  {'reason':28} file")
for c in calls:
    secs = f"{c['duration_ms']/1000:.1f}" if c['answered_at'] else "-"
    f = os.path.relpath(c['file']) if c['file'] and os.path.isabs(c['file']) else (c['file'] or '')
    print(f"{c['direction'] or '-':9} {c['caller']:>14} {c['callee']:>14} {c['extension'] or '-':>4} {secs:>6}  "
          f"{c['reason']:28} {f}")
print(f"\n{len(calls)} calls seen, {sum(1 for c in calls if c['recorded'])} recorded")
PY
echo "Recordings are in $DEMO_DIR/data; play one with: opusdec --force-wav FILE.opus - | aplay (or any Ogg Opus player)"

# A demo reseller, its password kept only in a file for this demo (mode 600), fed to the app on stdin.
RESELLER=demo-reseller
PASSWORD_FILE="$DEMO_DIR/reseller.password"
(umask 077 && head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$PASSWORD_FILE")
"$AGENT" user add --config "$DEMO_DIR/agent.conf" --username "$RESELLER" --role reseller \
  < "$PASSWORD_FILE" > /dev/null
CUSTOMER="Demo Customer Ltd"
APP_ARGS=(--directory "$DEMO_ABS/directory.sqlite" --server "$API_URL" --username "$RESELLER"
  --trust "$CERT_SHA256" --password-stdin --demo-customer "$CUSTOMER" --demo-vault demo)

echo
echo "Demo agent (pid $AGENT_PID): $API_URL, certificate SHA-256 $CERT_SHA256"
echo "  config $DEMO_DIR/agent.conf, data $DEMO_DIR/data, log $DEMO_DIR/agent.log"
echo "Demo reseller: $RESELLER, password in $PASSWORD_FILE"
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  echo "Opening VIP Vault signed in as $RESELLER, with customer \"$CUSTOMER\" bound to vault demo."
  echo "Walk: Customers → search \"demo\" → View → the demo service → Edit VIP Vault → Save. Close the app to stop."
  "$APP" "${APP_ARGS[@]}" < "$PASSWORD_FILE" || echo "run: the app exited with status $?" >&2
  exit 0
fi

printf -v APP_COMMAND '%q ' "$APP" "${APP_ARGS[@]}"
echo
echo "No display (\$DISPLAY and \$WAYLAND_DISPLAY are empty), so the app was not opened. From a desktop session"
echo "on this machine, while the agent runs, open it signed in to the demo with:"
echo
echo "  ${APP_COMMAND}< $PASSWORD_FILE"
echo
echo "or run scripts/run.sh there (or under xvfb-run -a) to start everything and open the app at once."
KEEP=${KEEP_AGENT:-}
if [ -z "$KEEP" ]; then
  if [ -t 0 ]; then KEEP=1; else KEEP=0; fi
fi
if [ "$KEEP" = 1 ]; then
  echo "The agent keeps serving until you press Ctrl-C."
  wait "$AGENT_PID" || true
else
  echo "Not on a terminal (KEEP_AGENT=0): stopping the agent now; KEEP_AGENT=1 keeps it running until Ctrl-C."
fi

#!/usr/bin/env bash
# Runs the product on its embedded default: generates the bundled demo capture
# (inbound, outbound, internal, excluded and cancelled calls), replays it
# through vipvault-agent with the demo vault, and prints what was recorded.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
BUILD_DIR=${BUILD_DIR:-build}
DEMO_DIR=${DEMO_DIR:-$BUILD_DIR/demo}
rm -rf "$DEMO_DIR"
mkdir -p "$DEMO_DIR/data"
"$BUILD_DIR/tests/support/vv-capgen" demo "$DEMO_DIR/demo.pcap"
cp recorder-agent/demo.conf "$DEMO_DIR/agent.conf"
"$BUILD_DIR/recorder-agent/vipvault-agent" replay --config "$DEMO_DIR/agent.conf" --data-dir "$DEMO_DIR/data" \
  "$DEMO_DIR/demo.pcap" > "$DEMO_DIR/calls.jsonl"
python3 - "$DEMO_DIR/calls.jsonl" <<'PY' 2>/dev/null || cat "$DEMO_DIR/calls.jsonl"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
calls = [r for r in rows if "sip_call_id" in r]
print(f"{'direction':9} {'caller':>14} {'callee':>14} {'ext':>4} {'secs':>6}  {'reason':28} file")
for c in calls:
    secs = f"{c['duration_ms']/1000:.1f}" if c['answered_at'] else "-"
    print(f"{c['direction'] or '-':9} {c['caller']:>14} {c['callee']:>14} {c['extension'] or '-':>4} {secs:>6}  "
          f"{c['reason']:28} {c['file'] or ''}")
summary = [r for r in rows if r.get("event") == "summary"]
if summary:
    s = summary[0]
    print(f"\n{len(calls)} calls seen, {sum(1 for c in calls if c['recorded'])} recorded; "
          f"{s['packets']} packets, {s['malformed_packets']} malformed, {s['malformed_sip']} bad SIP")
PY
echo "Recordings are in $DEMO_DIR/data; play one with: opusdec --force-wav FILE.opus - | aplay (or any Ogg Opus player)"

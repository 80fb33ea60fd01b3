#!/usr/bin/env bash
# Runs a command with a private PulseAudio daemon whose default sink is a null sink named "vv", so playback tests
# have a real audio output in CI (headless, as root or not) and can record what was played from "vv.monitor".
# Usage: scripts/with-audio.sh COMMAND [ARGS...]
# Exports PULSE_SERVER and VIPVAULT_AUDIO_SINK=vv. If the daemon cannot start, the command still runs without
# PULSE_SERVER (playback tests then skip and say why) and the reason is printed.
set -uo pipefail

if ! command -v pulseaudio >/dev/null 2>&1; then
  echo "with-audio: pulseaudio is not installed; running without an audio server" >&2
  exec "$@"
fi

DIR=$(mktemp -d "${TMPDIR:-/tmp}/vv-audio.XXXXXX")
export HOME="$DIR" XDG_RUNTIME_DIR="$DIR" XDG_CONFIG_HOME="$DIR/config"
pulseaudio --daemonize=no --exit-idle-time=-1 --system=false -n \
  -L "module-null-sink sink_name=vv" \
  -L "module-native-protocol-unix socket=$DIR/native auth-anonymous=1" \
  --log-target=file:"$DIR/pulseaudio.log" &
PA_PID=$!
cleanup() {
  kill "$PA_PID" 2>/dev/null
  wait "$PA_PID" 2>/dev/null
  rm -rf "$DIR"
}
trap cleanup EXIT

export PULSE_SERVER="unix:$DIR/native"
ready=0
for _ in $(seq 1 50); do
  if pactl info >/dev/null 2>&1; then ready=1; break; fi
  kill -0 "$PA_PID" 2>/dev/null || break
  sleep 0.1
done
if [ "$ready" -ne 1 ]; then
  echo "with-audio: PulseAudio did not start:" >&2
  tail -n 20 "$DIR/pulseaudio.log" >&2 2>/dev/null
  unset PULSE_SERVER
else
  pactl set-default-sink vv >/dev/null 2>&1
  export VIPVAULT_AUDIO_SINK=vv
  # A null sink nobody asks for a latency renders 2 s ahead (its maximum) and does not rewind when a stream
  # connects, so a player's first sound would come up to 2 s late and positions would stand still meanwhile.
  # A low-latency reader of the monitor, held for the daemon's life, makes the sink render 10 ms blocks; wait
  # (bounded) until the 2 s it already rendered have played out.
  parec -d vv.monitor --latency-msec=10 --raw >/dev/null 2>&1 &
  KEEP_PID=$!
  trap 'kill "$KEEP_PID" 2>/dev/null; cleanup' EXIT
  for _ in $(seq 1 60); do
    latency=$(pactl list sinks 2>/dev/null | sed -n 's/^[[:space:]]*Latency: \([0-9]*\) usec.*/\1/p' | head -n 1)
    if [ -n "$latency" ] && [ "$latency" -lt 50000 ]; then break; fi
    sleep 0.1
  done
fi
"$@"
exit $?

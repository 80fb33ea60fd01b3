#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) and runs each one for
# SECONDS (default 60) on a seed corpus made from the generator's captures.
#   scripts/fuzz.sh [SECONDS] [--record]
# Crashes are saved as fuzz/findings/<target>-crash-*; --record appends the
# run (executions, time, result) to docs/fuzzing.md. Exits non-zero on a crash.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-60}
RECORD=${2:-}
BUILD_DIR=${BUILD_DIR:-build}
for p in clang libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || {
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends clang libclang-rt-14-dev
  }
done
# The seed corpus comes from the ordinary build's generator and corpus maker.
cmake --build "$BUILD_DIR" --target vv-capgen vv-make-corpus >/dev/null
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$BUILD_DIR/tests/support/vv-capgen" demo "$WORK/demo.pcap" >/dev/null
"$BUILD_DIR/fuzz/vv-make-corpus" "$WORK/corpus" "$WORK/demo.pcap" >/dev/null
cmake -S . -B build-fuzz -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DVIPVAULT_FUZZ=ON -DVIPVAULT_AGENT_ONLY=ON -DVIPVAULT_BUILD_TESTS=OFF -DVIPVAULT_BUILD_BENCH=OFF >/dev/null
cmake --build build-fuzz --target fuzz_linkdecoder fuzz_sip fuzz_sdp fuzz_rtp fuzz_srtp fuzz_http
mkdir -p fuzz/findings
status=0
report=""
for t in linkdecoder sip sdp rtp srtp http; do
  mkdir -p "$WORK/corpus/$t"
  log="$WORK/$t.log"
  if ASAN_OPTIONS=detect_leaks=1 build-fuzz/fuzz/fuzz_$t -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 \
       -print_final_stats=1 -artifact_prefix="fuzz/findings/$t-" "$WORK/corpus/$t" >"$log" 2>&1; then
    result="no crash"
  else
    result="CRASH (see fuzz/findings and $log)"; status=1; tail -n 40 "$log"
  fi
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  line="| fuzz_$t | $SECONDS_EACH s | $execs | $result |"
  echo "$line"
  report+="$line"$'\n'
done
if [ "$RECORD" = "--record" ]; then
  {
    echo
    echo "### $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores"
    echo
    echo "| target | time | executions | result |"
    echo "|---|---|---|---|"
    printf '%s' "$report"
  } >> docs/fuzzing.md
fi
exit $status

#!/usr/bin/env bash
# Runs every benchmark and rewrites its section of docs/benchmarks.md.
# Uses a Release build in build-bench/ so figures are not debug figures.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=build-bench scripts/setup.sh >/dev/null
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DVIPVAULT_BUILD_BENCH=ON -DVIPVAULT_BUILD_TESTS=ON >/dev/null
cmake --build build-bench --parallel "$(nproc)"
build-bench/bench/bench_catalogue --recordings "${BENCH_RECORDINGS:-1000000}" --doc docs/benchmarks.md
build-bench/bench/bench_verify --recordings "${BENCH_VERIFY_RECORDINGS:-100000}" --doc docs/benchmarks.md
QT_QPA_PLATFORM=offscreen build-bench/bench/bench_app --customers "${BENCH_CUSTOMERS:-100000}" --doc docs/benchmarks.md
build-bench/bench/bench_api --recordings "${BENCH_RECORDINGS:-1000000}" --doc docs/benchmarks.md
build-bench/bench/bench_alerts --doc docs/benchmarks.md
build-bench/bench/bench_pipeline --calls "${BENCH_CALLS:-1000}" --seconds 60 --doc docs/benchmarks.md
QT_QPA_PLATFORM=offscreen scripts/with-audio.sh build-bench/bench/bench_player --doc docs/benchmarks.md
echo "results: docs/benchmarks.md"

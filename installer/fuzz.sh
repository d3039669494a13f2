#!/usr/bin/env bash
# Fuzzing: builds the libFuzzer targets of tests/fuzz (the fuzz preset: clang++, ASan and
# UBSan) and runs each one for TW_FUZZ_SECONDS (default 30) on a fresh copy of its seed
# corpus. Fails when any target crashes, hangs, leaks, runs out of memory or breaks an
# invariant of its parser; the input that did it is kept in build/fuzz/fuzz-runs/NAME/
# (crash-*, timeout-*, leak-*, oom-*). Reproduce with: build/fuzz/bin/fuzz_NAME FILE
# Then keep the input in tests/data/fuzz-regressions/NAME/ (tst_fuzzregressions replays it).
set -euo pipefail
cd "$(dirname "$0")/.."
# ccache keys on paths relative to the checkout, so every clone shares one cache.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
TW_EXTRA_PACKAGES="clang libclang-rt-14-dev ${TW_EXTRA_PACKAGES:-}" bash installer/install-deps.sh
seconds="${TW_FUZZ_SECONDS:-30}"
export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}"

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz

runs=build/fuzz/fuzz-runs
rm -rf "$runs"
failed=()
while IFS=$'\t' read -r name binary seeds dict maxLen; do
  dir="$runs/$name"
  mkdir -p "$dir/corpus"
  cp -R "$seeds/." "$dir/corpus/"
  args=(-max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1
        -artifact_prefix="$dir/")
  [ "$dict" = "-" ] || args+=(-dict="$dict")
  [ "$maxLen" = "-" ] || args+=(-max_len="$maxLen")
  seedCount=$(find "$dir/corpus" -type f | wc -l)
  if "$binary" "${args[@]}" "$dir/corpus" >"$dir/log" 2>&1; then
    runsDone=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log")
    echo "fuzz: $name: ${seconds} s, ${runsDone:-?} inputs, corpus $seedCount -> $(find "$dir/corpus" -type f | wc -l) files, no crash"
  else
    echo "fuzz: $name FAILED; its log ends:" >&2
    tail -n 60 "$dir/log" >&2
    ls "$dir"/crash-* "$dir"/timeout-* "$dir"/leak-* "$dir"/oom-* 2>/dev/null >&2 || true
    failed+=("$name")
  fi
done < build/fuzz/fuzz-targets.tsv

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: ${#failed[@]} target(s) failed: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: every target ran ${seconds} s without a crash"

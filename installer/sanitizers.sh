#!/usr/bin/env bash
# Sanitizers: (a) the whole ctest suite built with the asan preset (g++, AddressSanitizer +
# UndefinedBehaviorSanitizer, leak checking on); (b) tw_core's concurrency tests built with
# the tsan preset (g++, ThreadSanitizer). Any report fails the run.
#   TW_SANITIZERS=asan|tsan   runs one half only (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."
# ccache keys on paths relative to the checkout, so every clone shares one cache.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
bash installer/install-deps.sh
export QT_QPA_PLATFORM=offscreen
export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}"
export CTEST_PARALLEL_LEVEL="${CTEST_PARALLEL_LEVEL:-$(nproc)}"
which="${TW_SANITIZERS:-asan tsan}"

if [[ " $which " == *" asan "* ]]; then
  # The PostgreSQL tests run too when a server starts; they skip with a message otherwise.
  if TW_PG_URL=$(bash installer/start-postgres.sh); then
    export TW_PG_URL
  else
    echo "sanitizers: PostgreSQL could not be started; its tests will skip" >&2
  fi
  start=$SECONDS
  cmake --preset asan >/dev/null
  cmake --build --preset asan
  ctest --preset asan
  echo "sanitizers: asan suite passed in $((SECONDS - start)) s"
fi

if [[ " $which " == *" tsan "* ]]; then
  start=$SECONDS
  cmake --preset tsan >/dev/null
  cmake --build --preset tsan
  ctest --preset tsan
  echo "sanitizers: tsan concurrency tests passed in $((SECONDS - start)) s"
fi

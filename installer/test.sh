#!/usr/bin/env bash
# Quick start, part 2: install what is missing, build, and run the whole test suite
# with ctest on Qt's offscreen platform. The suite includes the package test: it builds
# the .deb, unpacks it into a temporary root and runs the programs from there.
set -euo pipefail
cd "$(dirname "$0")/.."
# ccache keys on paths relative to the checkout, so every clone shares one cache.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
bash installer/install-deps.sh
export QT_QPA_PLATFORM=offscreen
# PostgreSQL tests need a server on loopback; they skip with a message if none starts.
if TW_PG_URL=$(bash installer/start-postgres.sh); then
  export TW_PG_URL
else
  echo "test: PostgreSQL could not be started; its tests will skip" >&2
fi
export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}"
export CTEST_PARALLEL_LEVEL="${CTEST_PARALLEL_LEVEL:-$(nproc)}"
cmake --workflow --preset release

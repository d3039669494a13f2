#!/usr/bin/env bash
# Quick start, part 1: install what is missing, build, and launch the workbench on the
# default experiment file (~/.local/share/tunewright/default.twx), which holds a ready
# example study on iris. Without a display, runs that same study with tunewright-cli and
# prints the leaderboard.
set -euo pipefail
cd "$(dirname "$0")/.."
# ccache keys on paths relative to the checkout, so every clone shares one cache.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
bash installer/install-deps.sh
export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}"
cmake --preset release >/dev/null
cmake --build --preset release --target tunewright tunewright-cli
BIN=build/release/bin
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$BIN/tunewright" "$@"
fi
echo "run: no display found; running the example study with tunewright-cli" >&2
exec "$BIN/tunewright-cli" run resources/examples/iris-mlp-gp.json

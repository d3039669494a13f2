#!/usr/bin/env bash
# Quick start, part 1: install what is missing, build, and launch the workbench.
# Without a display, runs the same example through tunewright-cli instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash installer/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target tunewright tunewright-cli
BIN=build/release/bin
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$BIN/tunewright" "$@"
fi
echo "run: no display found; running the example through tunewright-cli" >&2
exec "$BIN/tunewright-cli" dataset inspect builtin:iris

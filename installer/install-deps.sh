#!/usr/bin/env bash
# Installs the Debian 12 packages that building, running and testing Tunewright need.
# Non-interactive and idempotent: does nothing when everything is present. Works as root
# or through sudo.
set -euo pipefail

PACKAGES=(
  # build
  cmake ninja-build g++ ccache dpkg-dev
  # the package test validates the .desktop entry and the AppStream metainfo
  desktop-file-utils appstream
  qt6-base-dev libqt6sql6-sqlite libqt6sql6-psql libqcustomplot-dev libgl-dev
  # `tunewright --plot ... --out FILE.svg`
  qt6-svg-dev
  libeigen3-dev liblbfgspp-dev zlib1g-dev libbenchmark-dev
  # a font for Qt's offscreen platform (the tests, the screenshots)
  fonts-dejavu-core
  # distributed studies and their tests
  postgresql
  # the Optuna journal export and parameter importance are checked against Optuna itself
  # (its FanovaImportanceEvaluator needs scikit-learn)
  python3-optuna python3-sklearn
  # numpy's BLAS: without it numpy falls back to the reference BLAS, and scikit-learn (the
  # peer of bench/search_vs_sklearn.py, the importance comparison) runs at half speed
  libopenblas0-pthread
  # data
  dataset-fashion-mnist
)
# Extra packages a caller needs for one job (the sanitizer or fuzzing runs, the peers).
PACKAGES+=(${TW_EXTRA_PACKAGES:-})

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages are present"
  exit 0
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
  SUDO=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"

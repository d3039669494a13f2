#!/usr/bin/env bash
# The CNN of ../shared/peers/cnn_fashion.py, ours and PyTorch's, alternated in one command so
# that both see the same machine load (issue 15): for each thread count, bench_cnn_training
# then bench/torch_cnn_training.py, each for EPOCHS epochs of Fashion-MNIST.
#   bench/cnn_side_by_side.sh [BIN_DIR] [EPOCHS] [THREADS...]
#   bench/cnn_side_by_side.sh build/release-native/bin 1 1 2
# PyTorch is Debian's python3-torch, so this runs /usr/bin/python3 (not a pyenv python3).
set -euo pipefail
here=$(dirname "$0")
bin=${1:-$here/../build/release-native/bin}
epochs=${2:-1}
shift $(( $# > 2 ? 2 : $# ))
threads=("$@")
[ ${#threads[@]} -gt 0 ] || threads=(1 2)
for t in "${threads[@]}"; do
    echo "## threads $t"
    "$bin/bench_cnn_training" --threads "$t" --epochs "$epochs"
    /usr/bin/python3 "$here/torch_cnn_training.py" --threads "$t" --epochs "$epochs"
done

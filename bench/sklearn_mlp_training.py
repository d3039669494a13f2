#!/usr/bin/env python3
"""The scikit-learn side of bench_mlp_training: the same task, for a side-by-side ratio.

MLPClassifier(256, 256) with ReLU and Adam at lr 1e-3, 5 epochs, per batch size, on a
synthetic 60,000 x 64 float32 set with 10 classes; samples/s and GFLOP/s
(6 x weights x samples) as ../shared/peers/README.md counts them. Debian 12:
apt-get install python3-sklearn libopenblas0-pthread; run with /usr/bin/python3:

    OPENBLAS_NUM_THREADS=2 /usr/bin/python3 bench/sklearn_mlp_training.py
"""
import argparse
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--batches", default="32,128,512")
    args = ap.parse_args()
    rng = np.random.default_rng(0)
    rows, features, classes = 60000, 64, 10
    x = rng.standard_normal((rows, features), dtype=np.float32)
    y = (x @ rng.standard_normal((features, classes), dtype=np.float32)).argmax(axis=1)
    weights = 64 * 256 + 256 + 256 * 256 + 256 + 256 * 10 + 10
    for batch in (int(b) for b in args.batches.split(",")):
        # tol=0 and n_iter_no_change above the epoch count: exactly `epochs` passes.
        model = MLPClassifier(hidden_layer_sizes=(256, 256), activation="relu", solver="adam",
                              learning_rate_init=1e-3, batch_size=batch, max_iter=args.epochs,
                              tol=0.0, n_iter_no_change=args.epochs + 1, alpha=0.0,
                              shuffle=True, random_state=0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            start = time.perf_counter()
            model.fit(x, y)
            seconds = time.perf_counter() - start
        samples = rows * model.n_iter_
        print(f"sklearn batch={batch} epochs={model.n_iter_} samples/s={samples / seconds:.0f} "
              f"GFLOP/s={6 * weights * samples / seconds * 1e-9:.1f} loss={model.loss_:.3f} "
              f"seconds={seconds:.2f}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The scikit-learn side of bench/search_vs_sklearn.py (issue 14, item 4).

RandomizedSearchCV over a StandardScaler + MLPClassifier pipeline: 20 candidates, 5-fold
stratified CV (StratifiedKFold(5), no shuffle), n_jobs=2; MLPClassifier with solver=adam,
batch_size=200, max_iter=200 and its default early stop on the training loss (tol=1e-4,
n_iter_no_change=10); the search space the Tunewright spec of the driver uses:
hidden_layer_sizes in {(32,), (64,), (128,), (64, 64)}, learning_rate_init log-uniform
in [1e-4, 1e-1], alpha (L2, Tunewright's weight_decay) log-uniform in [1e-6, 1e-2].
Datasets: the CSV files Tunewright builds in (resources/datasets/), so both sides read
the same rows. Prints one JSON line: {"dataset", "seed", "wall_s", "cpu_s", "best_cv_accuracy"},
cpu_s counting this process and its workers (joblib's loky processes) once they ended.

Debian 12: apt-get install python3-sklearn libopenblas0-pthread (without an OpenBLAS, numpy
falls back to the reference BLAS and the peer is several times slower: the "blas" field of
the output says which one ran); run with /usr/bin/python3:

    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/sklearn_random_search.py --dataset iris --seed 0
"""
import argparse
import csv
import json
import os
import resource
import time
import warnings

import numpy as np
from scipy.stats import loguniform
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import RandomizedSearchCV, StratifiedKFold
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
TARGETS = {"iris": "species", "wine": "cultivar", "breast_cancer": "diagnosis", "digits": "digit"}


def load(name, datasets):
    path = os.path.join(datasets, name + ".csv")
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    target = header.index(TARGETS[name])
    x = np.array([[float(v) for i, v in enumerate(r) if i != target] for r in body])
    y = np.array([r[target] for r in body])
    return x, y


def blas_name():
    """The BLAS numpy calls: "openblas 0.3.21 (pthreads)", or "reference" when no
    threadpool-aware BLAS is loaded (Debian's libblas3 fallback, several times slower)."""
    try:
        from threadpoolctl import threadpool_info
        for lib in threadpool_info():
            if lib.get("user_api") == "blas":
                return f"{lib.get('internal_api')} {lib.get('version')} ({lib.get('threading_layer')})"
    except Exception:
        pass
    return "reference"


def cpu_seconds():
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dataset", required=True, choices=sorted(TARGETS))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--candidates", type=int, default=20)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--datasets", default=os.path.join(HERE, "..", "resources", "datasets"))
    ap.add_argument("--shuffled-folds", action="store_true",
                    help="StratifiedKFold(5, shuffle=True, random_state=seed) instead of StratifiedKFold(5)")
    args = ap.parse_args()
    x, y = load(args.dataset, args.datasets)
    pipe = Pipeline([("scale", StandardScaler()),
                     ("mlp", MLPClassifier(solver="adam", batch_size=200, max_iter=200,
                                           random_state=args.seed))])
    space = {
        "mlp__hidden_layer_sizes": [(32,), (64,), (128,), (64, 64)],
        "mlp__learning_rate_init": loguniform(1e-4, 1e-1),
        "mlp__alpha": loguniform(1e-6, 1e-2),
    }
    folds = (StratifiedKFold(5, shuffle=True, random_state=args.seed) if args.shuffled_folds
             else StratifiedKFold(5))
    search = RandomizedSearchCV(pipe, space, n_iter=args.candidates, cv=folds,
                                scoring="accuracy", n_jobs=args.jobs, random_state=args.seed,
                                refit=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        os.environ["PYTHONWARNINGS"] = "ignore"  # the workers' ConvergenceWarnings too
        cpu0, wall0 = cpu_seconds(), time.perf_counter()
        search.fit(x, y)
        wall = time.perf_counter() - wall0
    # loky keeps its workers alive for reuse: stop them so their CPU time is counted.
    try:
        from joblib.externals.loky import get_reusable_executor
        get_reusable_executor().shutdown(wait=True)
    except Exception:
        pass
    cpu = cpu_seconds() - cpu0
    print(json.dumps({"dataset": args.dataset, "seed": args.seed, "wall_s": round(wall, 3),
                      "cpu_s": round(cpu, 3), "best_cv_accuracy": round(float(search.best_score_), 6),
                      "blas": blas_name()}))


if __name__ == "__main__":
    main()

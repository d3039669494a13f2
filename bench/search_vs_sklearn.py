#!/usr/bin/env python3
"""End-to-end search benchmark beside scikit-learn (issue 14, item 4), in one run.

For each built-in dataset (iris, wine, breast_cancer, digits) and seed, runs
  1. `tunewright-cli run` of a 20-trial random search, 5-fold stratified CV in file order
     (`split.shuffle: false`: the very folds of the peer's StratifiedKFold(5)), `parallel: 2`,
     over an MLP (hidden sizes, learning rate, weight decay; Adam, batch 200, at most 200
     epochs with an early stop on the training loss like scikit-learn's: patience 10,
     min_delta 1e-4), on a fresh SQLite file: the whole process, start to exit;
  2. right after it, bench/sklearn_random_search.py (RandomizedSearchCV, same space, n_jobs 2)
and prints, per dataset, the medians over the seeds of the wall time, the CPU time
(children's user + system) and the best CV accuracy of both, and the wall-time ratio.

    /usr/bin/python3 bench/search_vs_sklearn.py --cli build/release/bin/tunewright-cli [--seeds 3] [--shuffled-folds]
"""
import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DATASETS = ["iris", "wine", "breast_cancer", "digits"]


def spec(dataset, seed, trials, shuffled=False):
    return {
        "version": 1,
        "name": f"{dataset}-search-{seed}",
        "metric": "val_accuracy",
        "objective": {
            "type": "train",
            "dataset": {"source": f"builtin:{dataset}",
                        "split": {"test": 0.0, "stratify": True, "shuffle": shuffled, "seed": seed},
                        "preprocess": "standardize"},
            "model": {"type": "mlp", "hidden": [64]},
            "training": {"optimizer": "adam", "learning_rate": 0.001, "batch_size": 200, "epochs": 200,
                         "weight_decay": 0.0, "seed": seed, "threads": 1,
                         "early_stopping": {"metric": "train_loss", "patience": 10, "min_delta": 1e-4,
                                            "restore_best": False}},
            "cv_folds": 5,
        },
        "search_space": {
            "model.hidden": {"type": "categorical", "choices": [[32], [64], [128], [64, 64]]},
            "training.learning_rate": {"type": "float", "low": 1e-4, "high": 1e-1, "log": True},
            "training.weight_decay": {"type": "float", "low": 1e-6, "high": 1e-2, "log": True},
        },
        "sampler": {"type": "random", "seed": seed},
        "budget": {"trials": trials, "parallel": 2},
    }


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_ours(cli, dataset, seed, trials, workdir, shuffled):
    path = os.path.join(workdir, f"{dataset}-{seed}.json")
    with open(path, "w") as f:
        json.dump(spec(dataset, seed, trials, shuffled), f)
    storage = os.path.join(workdir, f"{dataset}-{seed}.twx")
    cpu0, wall0 = children_cpu(), time.perf_counter()
    out = subprocess.run([cli, "run", path, "--storage", storage], capture_output=True, text=True)
    wall, cpu = time.perf_counter() - wall0, children_cpu() - cpu0
    if out.returncode != 0:
        sys.exit(f"tunewright-cli run failed ({out.returncode}): {out.stderr}")
    m = re.search(r"Best: trial #\d+, val_accuracy = ([0-9.eE+-]+)", out.stdout)
    if not m:
        sys.exit("no best trial in the output:\n" + out.stdout)
    return {"wall_s": wall, "cpu_s": cpu, "best_cv_accuracy": float(m.group(1))}


def run_sklearn(dataset, seed, trials, shuffled):
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", PYTHONWARNINGS="ignore")
    cpu0, wall0 = children_cpu(), time.perf_counter()
    out = subprocess.run(["/usr/bin/python3", os.path.join(HERE, "sklearn_random_search.py"),
                          "--dataset", dataset, "--seed", str(seed), "--candidates", str(trials)]
                         + (["--shuffled-folds"] if shuffled else []),
                         capture_output=True, text=True, env=env)
    wall, cpu = time.perf_counter() - wall0, children_cpu() - cpu0
    if out.returncode != 0:
        sys.exit(f"sklearn_random_search.py failed: {out.stderr}")
    line = json.loads(out.stdout.strip().splitlines()[-1])
    # The process as a whole (interpreter start and imports too), as for ours; the search
    # alone is in line["wall_s"].
    return {"wall_s": wall, "cpu_s": cpu, "best_cv_accuracy": line["best_cv_accuracy"],
            "search_wall_s": line["wall_s"], "blas": line.get("blas", "?")}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", default=os.path.join(HERE, "..", "build", "release", "bin", "tunewright-cli"))
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--trials", type=int, default=20)
    ap.add_argument("--datasets", default=",".join(DATASETS))
    ap.add_argument("--shuffled-folds", action="store_true",
                    help="both sides shuffle before the folds (ours with the seed, the peer "
                         "StratifiedKFold(5, shuffle=True, random_state=seed)): other folds, "
                         "so the sides no longer see the very same ones")
    args = ap.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.1f}", flush=True)
    print(f"{'dataset':<14} {'ours wall':>9} {'ours CPU':>9} {'ours acc':>9} | {'sk wall':>8} {'sk search':>9} "
          f"{'sk CPU':>8} {'sk acc':>8} | {'wall ratio':>10} {'acc diff':>8}", flush=True)
    with tempfile.TemporaryDirectory() as workdir:
        for dataset in args.datasets.split(","):
            ours, theirs = [], []
            for seed in range(args.seeds):
                ours.append(run_ours(args.cli, dataset, seed, args.trials, workdir, args.shuffled_folds))
                theirs.append(run_sklearn(dataset, seed, args.trials, args.shuffled_folds))
                print(f"  {dataset} seed {seed}: ours {ours[-1]['wall_s']:.2f} s acc {ours[-1]['best_cv_accuracy']:.4f}; "
                      f"sklearn {theirs[-1]['wall_s']:.2f} s acc {theirs[-1]['best_cv_accuracy']:.4f} "
                      f"[{theirs[-1]['blas']}] "
                      f"(load {os.getloadavg()[0]:.1f})", flush=True)
            med = lambda rows, key: statistics.median(r[key] for r in rows)
            ow, sw = med(ours, "wall_s"), med(theirs, "wall_s")
            oa, sa = med(ours, "best_cv_accuracy"), med(theirs, "best_cv_accuracy")
            print(f"{dataset:<14} {ow:>8.2f}s {med(ours, 'cpu_s'):>8.2f}s {oa:>9.4f} | {sw:>7.2f}s "
                  f"{med(theirs, 'search_wall_s'):>8.2f}s {med(theirs, 'cpu_s'):>7.2f}s {sa:>8.4f} | "
                  f"{sw / ow:>9.1f}x {oa - sa:>+8.4f}", flush=True)
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()

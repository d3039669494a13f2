#!/usr/bin/env python3
"""The pandas side of bench_csv_import: the very same files, for a side-by-side ratio.

bench_csv_import writes the files (--write-csv), so both read identical bytes: 436,000 x 20
numbers (about 100 MB) for the rate, 1,000,000 x 20 for the peak memory. pandas.read_csv
with its C parser, as float64 (its default) and as float32 (what we store); the rate is MB
per second of process CPU time and of wall time, best of --repeats; the peak memory is the
child process's high-water mark (ru_maxrss) over the resulting arrays, as ours is counted.
Debian 12: apt-get install python3-pandas; run with /usr/bin/python3:

    /usr/bin/python3 bench/pandas_csv_import.py build/release-native/bin/bench_csv_import
"""
import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd


def read(path, dtype):
    frame = pd.read_csv(path, engine="c", dtype=dtype)
    return frame.to_numpy(dtype=dtype)


def child_peak(path, dtype):
    """Runs in a fresh interpreter: RSS before, high-water mark after, matrix bytes."""
    code = (
        "import resource, sys, numpy as np, pandas as pd\n"
        "def rss():\n"
        "    for line in open('/proc/self/status'):\n"
        "        if line.startswith('VmRSS:'): return int(line.split()[1])\n"
        "before = rss()\n"
        f"m = pd.read_csv({path!r}, engine='c', dtype=np.{dtype}).to_numpy(dtype=np.{dtype})\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(before, peak, m.nbytes)\n")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True).stdout.split()
    return [int(v) for v in out]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bench_csv_import", help="our benchmark program, which writes the files")
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    print(f"pandas {pd.__version__}, numpy {np.__version__}")
    with tempfile.TemporaryDirectory(prefix="tw_pandas_csv_") as tmp:
        rate_file = os.path.join(tmp, "numeric_100MB.csv")
        memory_file = os.path.join(tmp, "numeric_1Mx20.csv")
        subprocess.run([args.bench_csv_import, "--write-csv", rate_file, "436000", "20"],
                       check=True)
        subprocess.run([args.bench_csv_import, "--write-csv", memory_file, "1000000", "20"],
                       check=True)
        mb = os.path.getsize(rate_file) / 1e6
        for dtype in ("float64", "float32"):
            best_cpu = best_wall = float("inf")
            for _ in range(args.repeats):
                cpu, wall = time.process_time(), time.perf_counter()
                matrix = read(rate_file, getattr(np, dtype))
                best_cpu = min(best_cpu, time.process_time() - cpu)
                best_wall = min(best_wall, time.perf_counter() - wall)
            print(f"read_csv {dtype}: {mb:.1f} MB, {matrix.shape[0]} x {matrix.shape[1]}: "
                  f"{mb / best_cpu:.1f} MB/s CPU, {mb / best_wall:.1f} MB/s wall")
        for dtype in ("float64", "float32"):
            before, peak, nbytes = child_peak(memory_file, dtype)
            mib = nbytes / 2**20
            print(f"peak memory {dtype}, 1,000,000 x 20: {peak / 1024:.1f} MiB for a "
                  f"{mib:.1f} MiB matrix: {peak * 1024 / nbytes:.2f}x "
                  f"(growth over the interpreter's {before / 1024:.1f} MiB: "
                  f"{(peak - before) * 1024 / nbytes:.2f}x)")


if __name__ == "__main__":
    main()

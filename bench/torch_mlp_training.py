#!/usr/bin/env python3
"""The PyTorch side of bench_mlp_training: the same task, for a side-by-side ratio.

MLP 64-256-256-10 (ReLU) on a synthetic 60,000 x 64 float32 set with 10 classes, Adam at
lr 1e-3, 5 epochs, per batch size; samples/s and GFLOP/s (6 x weights x samples) as
../shared/peers/README.md counts them. Debian 12: apt-get install python3-torch
libopenblas0-pthread. The peers' best setting is torch with 1 thread over a 2-thread
OpenBLAS:

    OPENBLAS_NUM_THREADS=2 python3 bench/torch_mlp_training.py --torch-threads 1
"""
import argparse
import time

import torch
import torch.nn.functional as F


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--torch-threads", type=int, default=1)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--batches", default="32,128,512")
    args = ap.parse_args()
    torch.set_num_threads(args.torch_threads)
    torch.manual_seed(0)
    rows, features, classes = 60000, 64, 10
    x = torch.randn(rows, features)
    y = (x @ torch.randn(features, classes)).argmax(dim=1)
    for batch in (int(b) for b in args.batches.split(",")):
        model = torch.nn.Sequential(
            torch.nn.Linear(64, 256), torch.nn.ReLU(),
            torch.nn.Linear(256, 256), torch.nn.ReLU(),
            torch.nn.Linear(256, 10))
        weights = sum(p.numel() for p in model.parameters())
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        start = time.perf_counter()
        for _ in range(args.epochs):
            perm = torch.randperm(rows)
            for i in range(0, rows, batch):
                idx = perm[i:i + batch]
                opt.zero_grad(set_to_none=True)
                loss = F.cross_entropy(model(x[idx]), y[idx])
                loss.backward()
                opt.step()
        seconds = time.perf_counter() - start
        samples = rows * args.epochs
        print(f"torch batch={batch} torch_threads={args.torch_threads} "
              f"samples/s={samples / seconds:.0f} GFLOP/s={6 * weights * samples / seconds * 1e-9:.1f} "
              f"loss={loss.item():.3f} seconds={seconds:.2f}")


if __name__ == "__main__":
    main()

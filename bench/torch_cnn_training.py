#!/usr/bin/env python3
"""The PyTorch side of bench_cnn_training: ../shared/peers/cnn_fashion.py with CPU time.

Net: conv3x3(32, same) -> ReLU -> maxpool2 -> conv3x3(64, same) -> ReLU -> maxpool2 ->
flatten -> dense 128 -> ReLU -> dense 10; Adam lr 1e-3, batch 128, inputs scaled to
[0,1] then standardized with the train mean/std. Prints train samples/s (wall and CPU
time) per epoch and the test accuracy after each epoch. Debian 12: apt-get install
python3-torch dataset-fashion-mnist.

    python3 bench/torch_cnn_training.py --threads 2 --epochs 2
"""
import argparse, gzip, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

D = "/usr/share/datasets/fashion-mnist/"


def idx(path, images):
    with gzip.open(D + path, "rb") as f:
        b = f.read()
    if images:
        return np.frombuffer(b, np.uint8, offset=16).reshape(-1, 1, 28, 28).astype(np.float32) / 255.0
    return np.frombuffer(b, np.uint8, offset=8).astype(np.int64)


class Net(nn.Module):
    def __init__(s):
        super().__init__()
        s.c1 = nn.Conv2d(1, 32, 3, padding=1); s.c2 = nn.Conv2d(32, 64, 3, padding=1)
        s.f1 = nn.Linear(64 * 7 * 7, 128); s.f2 = nn.Linear(128, 10)

    def forward(s, x):
        x = F.max_pool2d(F.relu(s.c1(x)), 2); x = F.max_pool2d(F.relu(s.c2(x)), 2)
        return s.f2(F.relu(s.f1(x.flatten(1))))


def main():
    ap = argparse.ArgumentParser(); ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--threads", type=int, default=2); ap.add_argument("--batch", type=int, default=128)
    a = ap.parse_args(); torch.set_num_threads(a.threads); torch.manual_seed(0)
    xtr, ytr = idx("train-images-idx3-ubyte.gz", 1), idx("train-labels-idx1-ubyte.gz", 0)
    xte, yte = idx("t10k-images-idx3-ubyte.gz", 1), idx("t10k-labels-idx1-ubyte.gz", 0)
    m, s = xtr.mean(), xtr.std(); xtr = (xtr - m) / s; xte = (xte - m) / s
    xtr, ytr, xte, yte = map(torch.from_numpy, (xtr, ytr, xte, yte))
    net = Net(); opt = torch.optim.Adam(net.parameters(), 1e-3)
    print(f"torch {torch.__version__} threads {a.threads} mkldnn {torch.backends.mkldnn.is_available()}")
    for e in range(a.epochs):
        perm = torch.randperm(len(xtr)); t0 = time.perf_counter(); c0 = time.process_time(); net.train()
        for i in range(0, len(xtr), a.batch):
            j = perm[i:i + a.batch]; opt.zero_grad()
            F.cross_entropy(net(xtr[j]), ytr[j]).backward(); opt.step()
        dt = time.perf_counter() - t0; dc = time.process_time() - c0; net.eval()
        with torch.no_grad():
            acc = (net(xte).argmax(1) == yte).float().mean().item()
        print(f"epoch {e + 1} train_samples_per_s {len(xtr) / dt:.0f} seconds {dt:.1f} cpu_seconds {dc:.1f} "
              f"cpu_samples_per_s {len(xtr) / dc:.0f} test_accuracy {acc:.4f}", flush=True)


if __name__ == "__main__":
    main()

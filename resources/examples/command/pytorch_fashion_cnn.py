#!/usr/bin/env python3
"""A PyTorch CNN on Fashion-MNIST, tuned by Tunewright through the command objective.

Packages (Debian 12): python3-torch python3-numpy dataset-fashion-mnist
    sudo apt-get install python3-torch python3-numpy dataset-fashion-mnist
and the `tunewright` helper: installed with the tunewright package, or from a clone with
PYTHONPATH=python (pytorch-fashion-cnn.json sets it).

The net is the one of the peer benchmark (conv3x3 -> ReLU -> maxpool2, twice, then dense
128 and dense 10), with `width` channels in the first convolution and 2 x width in the
second. To keep a trial to seconds it trains on a subset: 6,000 training images and 2,000
validation images (from the test file). It reports the validation accuracy after every
epoch; the study prunes poor trials (ASHA) and the script stops at its next epoch.

Run alone, it uses the defaults below and prints plain lines:
    PYTHONPATH=../../../python python3 pytorch_fashion_cnn.py --epochs 2
"""
import argparse
import gzip
import os
import sys
import time

try:
    import numpy as np
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except ImportError as e:
    sys.exit("pytorch_fashion_cnn.py needs %s: sudo apt-get install python3-torch python3-numpy"
             % (e.name or "PyTorch"))
try:
    import tunewright as tw
except ImportError:
    sys.exit("pytorch_fashion_cnn.py needs the tunewright Python helper: install the tunewright "
             "package, or run from a clone with PYTHONPATH=python")

DATA = "/usr/share/datasets/fashion-mnist/"


def idx(name, images, limit):
    path = os.path.join(DATA, name)
    if not os.path.exists(path):
        sys.exit("pytorch_fashion_cnn.py: %s is missing: sudo apt-get install dataset-fashion-mnist" % path)
    with gzip.open(path, "rb") as f:
        b = f.read()
    if images:
        return np.frombuffer(b, np.uint8, offset=16).reshape(-1, 1, 28, 28)[:limit].astype(np.float32) / 255.0
    return np.frombuffer(b, np.uint8, offset=8)[:limit].astype(np.int64)


class Net(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.c1 = nn.Conv2d(1, width, 3, padding=1)
        self.c2 = nn.Conv2d(width, 2 * width, 3, padding=1)
        self.f1 = nn.Linear(2 * width * 7 * 7, 128)
        self.f2 = nn.Linear(128, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.c1(x)), 2)
        x = F.max_pool2d(F.relu(self.c2(x)), 2)
        return self.f2(F.relu(self.f1(x.flatten(1))))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--train", type=int, default=6000, help="training images used")
    ap.add_argument("--val", type=int, default=2000, help="validation images (from the test file)")
    a = ap.parse_args()
    # The study's parameters, or these defaults when the script runs alone.
    lr = float(tw.param("lr", 1e-3))
    batch = int(tw.param("batch_size", 128))
    width = int(tw.param("width", 32))
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)

    xtr, ytr = idx("train-images-idx3-ubyte.gz", True, a.train), idx("train-labels-idx1-ubyte.gz", False, a.train)
    xva, yva = idx("t10k-images-idx3-ubyte.gz", True, a.val), idx("t10k-labels-idx1-ubyte.gz", False, a.val)
    m, s = xtr.mean(), xtr.std()
    xtr, xva = (xtr - m) / s, (xva - m) / s
    xtr, ytr, xva, yva = map(torch.from_numpy, (xtr, ytr, xva, yva))

    net = Net(width)
    opt = torch.optim.Adam(net.parameters(), lr)
    reporter = tw.Reporter()  # raises tw.Pruned when the study prunes this trial
    t0 = time.perf_counter()
    for epoch in range(1, a.epochs + 1):
        net.train()
        perm = torch.randperm(len(xtr))
        total = 0.0
        for i in range(0, len(xtr), batch):
            j = perm[i:i + batch]
            opt.zero_grad()
            loss = F.cross_entropy(net(xtr[j]), ytr[j])
            loss.backward()
            opt.step()
            total += loss.item() * len(j)
        net.eval()
        with torch.no_grad():
            acc = (net(xva).argmax(1) == yva).float().mean().item()
        reporter.on_epoch_end(epoch, acc, train_loss=total / len(xtr), seconds=time.perf_counter() - t0)
    torch.save(net.state_dict(), os.path.join(tw.trial_dir(), "model.pt"))
    tw.result(acc, train_loss=total / len(xtr), seconds=time.perf_counter() - t0)


if __name__ == "__main__":
    main()

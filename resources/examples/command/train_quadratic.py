#!/usr/bin/env python3
"""A small script tuned through the `command` objective protocol.

It fits y = a*x^2 + b*x + c to noisy samples by gradient descent, printing one JSON line
per epoch ({"step", "value"}: the validation MSE) and a final {"value": ...}. Replace the
body with your own PyTorch or scikit-learn training: only the printed lines matter.
"""
import argparse
import json
import math
import os
import random
import sys

parser = argparse.ArgumentParser()
parser.add_argument("--lr", type=float, required=True)
parser.add_argument("--epochs", type=int, default=30)
parser.add_argument("--momentum", type=float, default=0.0)
args = parser.parse_args()
print(f"trial {os.environ.get('TW_TRIAL_ID')} of {os.environ.get('TW_STUDY')}: "
      f"params {os.environ.get('TW_PARAMS')}")

rng = random.Random(0)
xs = [rng.uniform(-1, 1) for _ in range(200)]
data = [(x, 3 * x * x - 2 * x + 0.5 + rng.gauss(0, 0.1)) for x in xs]
train, val = data[:150], data[150:]
w = [0.0, 0.0, 0.0]
v = [0.0, 0.0, 0.0]


def mse(rows):
    return sum((w[0] * x * x + w[1] * x + w[2] - y) ** 2 for x, y in rows) / len(rows)


for epoch in range(args.epochs):
    g = [0.0, 0.0, 0.0]
    for x, y in train:
        err = w[0] * x * x + w[1] * x + w[2] - y
        g[0] += 2 * err * x * x / len(train)
        g[1] += 2 * err * x / len(train)
        g[2] += 2 * err / len(train)
    for i in range(3):
        v[i] = args.momentum * v[i] - args.lr * g[i]
        w[i] += v[i]
    loss = mse(val)
    if not math.isfinite(loss):
        print(f"diverged at epoch {epoch}", file=sys.stderr)
        sys.exit(1)
    print(json.dumps({"step": epoch, "value": loss}), flush=True)

print(json.dumps({"value": mse(val)}))

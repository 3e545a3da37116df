#!/usr/bin/env python3
"""Independent double-precision reference of the recurrent benchmark cases (NumPy; Debian's python3-numpy).

Usage: recurrent_reference.py CASEDIR OUTDIR [--tolerance 1e-4]

Reads every CASEDIR/<case>.case.txt that StaticNets.Benchmarks writes (Keras get_weights() layouts: LSTM kernel
(in, 4u), recurrent kernel (u, 4u), bias (4u), gates i, f, c, o; GRU kernel (in, 3u), recurrent kernel (u, 3u),
bias (2, 3u), gates z, r, h, reset_after=True; Dense kernel (u, out), bias (out)), computes Keras's LSTM / GRU +
Dense in float64 from the definitions, written here without looking at the C# reference, and compares every
OUTDIR/<case>.<implementation>.out.txt against it: max |difference| and max |difference| / max(1, |expected|).
<case>.<implementation>.loss.txt files (the first training step's loss) are compared with the batch's mean
softmax cross-entropy. Prints a Markdown table. Exit status 1 when the C# double reference
(<case>.reference-csharp.out.txt) differs from this one by more than 1e-9: then one of the two references is wrong.
"""

import argparse
import glob
import os
import sys

import numpy as np


def read_case(path):
    keys, tensors = {}, {}
    with open(path) as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split()
            if parts[0] == "tensor":
                name, rank = parts[1], int(parts[2])
                dims = [int(d) for d in parts[3:3 + rank]]
                # The file has float32 values (shortest round-trip text): parse as float32, then widen, so the
                # reference sees exactly the weights the float implementations use.
                values = np.array([float(v) for v in parts[3 + rank:]], dtype=np.float32).astype(np.float64)
                tensors[name] = values.reshape(dims)
            else:
                keys[parts[0]] = parts[1]
    return keys, tensors


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def cell_step(keys, t, x, h, c):
    """One Keras step; x (features,), h and c (units,)."""
    u = int(keys["units"])
    if keys["cell"] == "lstm":
        z = x @ t["kernel"] + h @ t["recurrent_kernel"] + t["bias"]
        i, f, g, o = sigmoid(z[:u]), sigmoid(z[u:2 * u]), np.tanh(z[2 * u:3 * u]), sigmoid(z[3 * u:])
        c = f * c + i * g
        return o * np.tanh(c), c
    # GRU, reset_after=True: the reset gate multiplies the recurrent product including its bias.
    xi = x @ t["kernel"] + t["bias"][0]
    hr = h @ t["recurrent_kernel"] + t["bias"][1]
    z = sigmoid(xi[:u] + hr[:u])
    r = sigmoid(xi[u:2 * u] + hr[u:2 * u])
    hh = np.tanh(xi[2 * u:] + r * hr[2 * u:])
    return z * h + (1 - z) * hh, c


def dense(keys, t, h):
    y = h @ t["dense_kernel"] + t["dense_bias"]
    if keys["softmax"] == "1":
        e = np.exp(y - y.max())
        y = e / e.sum()
    return y


def sequence(keys, t, sample):
    u = int(keys["units"])
    h, c = np.zeros(u), np.zeros(u)
    for x in sample:
        h, c = cell_step(keys, t, x, h, c)
    return dense(keys, t, h)


def reference(keys, t):
    """Streaming: every step's output from a zero state; else the one sample's output."""
    if keys["streams"] == "1":
        u = int(keys["units"])
        h, c = np.zeros(u), np.zeros(u)
        out = []
        for x in t["input"]:
            h, c = cell_step(keys, t, x, h, c)
            out.append(dense(keys, t, h))
        return np.concatenate(out)
    return sequence(keys, t, t["input"])


def training_loss(keys, t):
    labels = t["train_labels"].astype(int)
    losses = [-np.log(sequence(keys, t, sample)[label]) for sample, label in zip(t["train_input"], labels)]
    return float(np.mean(losses))


def read_numbers(path):
    values = []
    with open(path) as f:
        for line in f:
            if not line.startswith("#"):
                values.extend(float(v) for v in line.split())
    return np.array(values)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cases")
    parser.add_argument("outputs")
    parser.add_argument("--tolerance", type=float, default=1e-4)
    args = parser.parse_args()
    print("| case | implementation | values | max abs diff vs NumPy float64 | max scaled diff | within tolerance |")
    print("|---|---|---:|---:|---:|---|")
    status = 0
    for case_path in sorted(glob.glob(os.path.join(args.cases, "*.case.txt"))):
        keys, t = read_case(case_path)
        name = keys["name"]
        expected = reference(keys, t)
        for path in sorted(glob.glob(os.path.join(args.outputs, name + ".*.out.txt"))):
            impl = os.path.basename(path)[len(name) + 1:-len(".out.txt")]
            actual = read_numbers(path)
            if actual.shape != expected.shape:
                print(f"| {name} | {impl} | {actual.size} | wrong length (expected {expected.size}) | | no |")
                continue
            diff = np.abs(actual - expected)
            scaled = diff / np.maximum(1, np.abs(expected))
            ok = bool(np.all(scaled <= args.tolerance))
            print(f"| {name} | {impl} | {actual.size} | {diff.max():.2e} | {scaled.max():.2e} | {'yes' if ok else 'NO'} |")
            if impl == "reference-csharp" and diff.max() > 1e-9:
                status = 1
        losses = sorted(glob.glob(os.path.join(args.outputs, name + ".*.loss.txt")))
        if losses:
            expected_loss = training_loss(keys, t)
            for path in losses:
                impl = os.path.basename(path)[len(name) + 1:-len(".loss.txt")]
                actual = float(read_numbers(path)[0])
                diff = abs(actual - expected_loss)
                scaled = diff / max(1, abs(expected_loss))
                print(f"| {name} first training loss ({expected_loss:.9g}) | {impl} | 1 | {diff:.2e} | {scaled:.2e} | "
                      f"{'yes' if scaled <= args.tolerance else 'NO'} |")
                if impl == "reference-csharp" and diff > 1e-9:
                    status = 1
    if status:
        print("the C# and NumPy double references disagree (> 1e-9): one of them is wrong", file=sys.stderr)
    sys.exit(status)


if __name__ == "__main__":
    main()

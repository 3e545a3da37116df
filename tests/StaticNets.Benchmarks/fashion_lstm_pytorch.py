#!/usr/bin/env python3
"""The Fashion-MNIST row-by-row LSTM of samples/FashionMnist, trained the same way in PyTorch, for an accuracy check.

Model: each 28 x 28 image (pixels / 255) as 28 steps of 28 features -> LSTM(128) -> Dense(10) logits; Adam (lr 1e-3,
Keras's betas and epsilon 1e-7), softmax cross-entropy on the logits, batch 32, shuffled each epoch, 2 epochs; then the
test accuracy. Keras's initialisation (glorot_uniform kernels, orthogonal recurrent kernels, zero biases with the
forget gate's at 1). Usage: fashion_lstm_pytorch.py [folder] [--epochs N] [--seed S]; Debian: python3-torch.
"""
import gzip, os, struct, sys, time
import numpy as np
import torch

def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        magic, = struct.unpack(">I", f.read(4))
        dims = [struct.unpack(">I", f.read(4))[0] for _ in range(magic & 0xFF)]
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(dims)

def find(folder, stem):
    for name in (stem + ".gz", stem):
        if os.path.exists(os.path.join(folder, name)):
            return os.path.join(folder, name)
    raise FileNotFoundError(stem)

def main():
    args = sys.argv[1:]
    folder = "/usr/share/datasets/fashion-mnist/"
    epochs, seed = 2, 1
    i = 0
    while i < len(args):
        if args[i] == "--epochs": epochs = int(args[i + 1]); i += 2
        elif args[i] == "--seed": seed = int(args[i + 1]); i += 2
        else: folder = args[i]; i += 1
    torch.manual_seed(seed)
    np.random.seed(seed)
    torch.set_num_threads(2)
    x = torch.tensor(read_idx(find(folder, "train-images-idx3-ubyte")), dtype=torch.float32) / 255.0
    y = torch.tensor(read_idx(find(folder, "train-labels-idx1-ubyte")).astype(np.int64))
    xt = torch.tensor(read_idx(find(folder, "t10k-images-idx3-ubyte")), dtype=torch.float32) / 255.0
    yt = torch.tensor(read_idx(find(folder, "t10k-labels-idx1-ubyte")).astype(np.int64))

    lstm = torch.nn.LSTM(28, 128, batch_first=True)
    dense = torch.nn.Linear(128, 10)
    with torch.no_grad():
        # Keras's defaults, in PyTorch's layout (gates i, f, g, o as Keras's i, f, c, o; weights transposed).
        torch.nn.init.xavier_uniform_(lstm.weight_ih_l0)   # (4u, in): same fans as Keras's (in, 4u)
        torch.nn.init.orthogonal_(lstm.weight_hh_l0)
        lstm.bias_ih_l0.zero_(); lstm.bias_hh_l0.zero_()
        lstm.bias_ih_l0[128:256] = 1.0
        torch.nn.init.xavier_uniform_(dense.weight); dense.bias.zero_()
    params = list(lstm.parameters()) + list(dense.parameters())
    optimizer = torch.optim.Adam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-7)
    loss_fn = torch.nn.CrossEntropyLoss()
    n = x.shape[0]
    for epoch in range(epochs):
        start = time.time()
        order = torch.randperm(n)
        total = 0.0
        for b in range(0, n, 32):
            idx = order[b:b + 32]
            out, _ = lstm(x[idx])
            loss = loss_fn(dense(out[:, -1, :]), y[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(idx)
        print(f"epoch {epoch + 1}/{epochs}: loss {total / n:.4f} ({time.time() - start:.1f} s)")
    with torch.no_grad():
        out, _ = lstm(xt)
        logits = dense(out[:, -1, :])
        accuracy = (logits.argmax(1) == yt).float().mean().item()
        print(f"test loss {loss_fn(logits, yt).item():.4f}, test accuracy {accuracy:.4f}")

if __name__ == "__main__":
    main()

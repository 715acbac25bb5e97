#!/usr/bin/env python3
"""One Fashion-MNIST training epoch in PyTorch (CPU, fp32), the comparison for NeuronKit's
FashionEpochBenchmark.neuronkitFit: 784-256-128-10 ReLU, softmax cross-entropy, Adam (lr 1e-3),
batch 128, the 60,000 training images as float32 in [0, 1] like the benchmark's data set, a new
shuffle each epoch, the loss and the accuracy counted as Trainer.fit counts them.

    python3 benchmarks/pytorch/fashion_epoch.py /work/shared/datasets/fashion-mnist 5

prints one line per epoch (each on a fresh network, as the JMH benchmark builds one per iteration):
seconds and samples/s. Threads: torch.set_num_threads(os.cpu_count()), PyTorch's own default.
Needs PyTorch (Debian: apt-get install python3-torch); the benchmarks module itself does not.
"""
import gzip
import os
import sys
import time

import numpy as np
import torch


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/datasets/fashion-mnist"
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    torch.set_num_threads(os.cpu_count())
    x = torch.from_numpy(idx(os.path.join(folder, "train-images-idx3-ubyte.gz")).reshape(-1, 784).astype(np.float32) / 255)
    y = torch.from_numpy(idx(os.path.join(folder, "train-labels-idx1-ubyte.gz")).astype(np.int64))
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {len(x)} images", flush=True)
    for epoch in range(epochs):
        torch.manual_seed(42 + epoch)
        net = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128), torch.nn.ReLU(),
                                  torch.nn.Linear(128, 10))
        adam = torch.optim.Adam(net.parameters(), lr=1e-3)
        loss_fn = torch.nn.CrossEntropyLoss()
        start = time.perf_counter()
        order = torch.randperm(len(x))
        loss_sum, correct = 0.0, 0
        for first in range(0, len(x), 128):
            rows = order[first:first + 128]
            xb, yb = x[rows], y[rows]
            logits = net(xb)
            loss = loss_fn(logits, yb)
            if not torch.isfinite(loss):
                raise SystemExit("non-finite loss")
            adam.zero_grad(set_to_none=True)
            loss.backward()
            adam.step()
            loss_sum += loss.item() * len(rows)
            correct += (logits.argmax(1) == yb).sum().item()
        seconds = time.perf_counter() - start
        print(f"epoch {epoch + 1}: {seconds:.3f} s, {len(x) / seconds:,.0f} samples/s, loss {loss_sum / len(x):.4f},"
              f" accuracy {correct / len(x):.4f}", flush=True)


if __name__ == "__main__":
    main()

"""The networks gpu-check times, in plain PyTorch (fp32, torch.nn, data on the GPU, timed after warm-up).

Prints one line per workload: "W1 <samples/s>", "W2 <samples/s>", "epoch <seconds>" (the best of three
epochs after one warm-up epoch). Exits 3 without a CUDA GPU. Run by gpu-check; alone: python3 torch_mlp.py
"""
import sys
import time

import torch

if not torch.cuda.is_available():
    print("torch sees no CUDA GPU")
    sys.exit(3)
torch.backends.cuda.matmul.allow_tf32 = False  # plain fp32 GEMMs, as cublasSgemm in NeuronKit
torch.backends.cudnn.allow_tf32 = False
torch.manual_seed(0)
device = torch.device("cuda")


def mlp(*sizes):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers).to(device)


def step(model, optimizer, loss_fn, x, y):
    optimizer.zero_grad(set_to_none=True)
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()


def samples_per_second(sizes, batch, warmup=30, steps=300):
    model = mlp(*sizes)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    loss_fn = torch.nn.CrossEntropyLoss()
    x = torch.rand(8 * batch, sizes[0], device=device)
    y = torch.randint(0, sizes[-1], (8 * batch,), device=device)
    for s in range(warmup):
        i = (s % 8) * batch
        step(model, optimizer, loss_fn, x[i:i + batch], y[i:i + batch])
    torch.cuda.synchronize()
    start = time.perf_counter()
    for s in range(steps):
        i = (s % 8) * batch
        step(model, optimizer, loss_fn, x[i:i + batch], y[i:i + batch])
    torch.cuda.synchronize()
    return steps * batch / (time.perf_counter() - start)


def epoch_seconds(rows=60000, batch=128, epochs=3):
    model = mlp(784, 256, 128, 10)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    x = torch.rand(rows, 784, device=device)
    y = torch.randint(0, 10, (rows,), device=device)
    times = []
    for e in range(epochs + 1):
        order = torch.randperm(rows, device=device)
        torch.cuda.synchronize()
        start = time.perf_counter()
        for i in range(0, rows, batch):
            index = order[i:i + batch]
            step(model, optimizer, loss_fn, x[index], y[index])
        torch.cuda.synchronize()
        if e > 0:
            times.append(time.perf_counter() - start)
    return min(times)


print("torch", torch.__version__, "cuda", torch.version.cuda, torch.cuda.get_device_name(0), flush=True)
print("W1", round(samples_per_second((784, 1024, 1024, 10), 256)), flush=True)
print("W2", round(samples_per_second((784, 256, 128, 10), 64)), flush=True)
print("epoch", round(epoch_seconds(), 4), flush=True)

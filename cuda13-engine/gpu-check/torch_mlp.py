"""The networks gpu-check times, in plain PyTorch (fp32, torch.nn, data on the device, timed after warm-up), each
run twice: eager, and with the model under torch.compile(mode="reduce-overhead", dynamic=False), which replays
CUDA graphs (one per batch shape).

Prints one line per workload and mode: "W1 eager <samples/s>", "W1 compiled <samples/s>", the same for W2, and
"epoch eager <seconds>", "epoch compiled <seconds>" (the best of three epochs after one warm-up epoch); a mode
that fails prints "<workload> <mode> failed: <why>" and the others still run. Exits 3 without a CUDA GPU.
Run by gpu-check; alone: python3 torch_mlp.py. With --cpu: a dry run of this script's code on the CPU, tiny
shapes, eager only (the numbers mean nothing).
"""
import sys
import time

import torch

dry_run = "--cpu" in sys.argv
if not dry_run and not torch.cuda.is_available():
    print("torch sees no CUDA GPU")
    sys.exit(3)
torch.backends.cuda.matmul.allow_tf32 = False  # plain fp32 GEMMs, as cublasSgemm in NeuronKit
torch.backends.cudnn.allow_tf32 = False
torch.manual_seed(0)
device = torch.device("cpu" if dry_run else "cuda")


def synchronize():
    if not dry_run:
        torch.cuda.synchronize()


def mlp(sizes, compiled):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers).to(device)
    return torch.compile(model, mode="reduce-overhead", dynamic=False) if compiled else model


def step(model, optimizer, loss_fn, x, y):
    optimizer.zero_grad(set_to_none=True)
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()


def samples_per_second(sizes, batch, compiled, warmup=30, steps=300):
    model = mlp(sizes, compiled)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    loss_fn = torch.nn.CrossEntropyLoss()
    x = torch.rand(8 * batch, sizes[0], device=device)
    y = torch.randint(0, sizes[-1], (8 * batch,), device=device)
    for s in range(warmup):
        i = (s % 8) * batch
        step(model, optimizer, loss_fn, x[i:i + batch], y[i:i + batch])
    synchronize()
    start = time.perf_counter()
    for s in range(steps):
        i = (s % 8) * batch
        step(model, optimizer, loss_fn, x[i:i + batch], y[i:i + batch])
    synchronize()
    return steps * batch / (time.perf_counter() - start)


def epoch_seconds(compiled, rows=60000, batch=128, epochs=3):
    model = mlp((784, 256, 128, 10), compiled)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    x = torch.rand(rows, 784, device=device)
    y = torch.randint(0, 10, (rows,), device=device)
    times = []
    for e in range(epochs + 1):
        order = torch.randperm(rows, device=device)
        synchronize()
        start = time.perf_counter()
        for i in range(0, rows, batch):
            index = order[i:i + batch]
            step(model, optimizer, loss_fn, x[index], y[index])
        synchronize()
        if e > 0:
            times.append(time.perf_counter() - start)
    return min(times)


def report(name, mode, measure, digits=0):
    try:
        value = measure()
        print(name, mode, round(value, digits) if digits else round(value), flush=True)
    except Exception as e:  # one failing mode (e.g. no compiler for torch.compile) leaves the others
        print(name, mode, "failed:", type(e).__name__, str(e).splitlines()[0] if str(e) else "", flush=True)


print("torch", torch.__version__, "cuda", torch.version.cuda, "cpu dry run" if dry_run else torch.cuda.get_device_name(0), flush=True)
if dry_run:
    report("W1", "eager", lambda: samples_per_second((784, 32, 32, 10), 16, False, warmup=1, steps=2))
    report("epoch", "eager", lambda: epoch_seconds(False, rows=300, batch=128, epochs=1), 4)
    sys.exit(0)
for mode in ("eager", "compiled"):
    report("W1", mode, lambda: samples_per_second((784, 1024, 1024, 10), 256, mode == "compiled"))
    report("W2", mode, lambda: samples_per_second((784, 256, 128, 10), 64, mode == "compiled"))
    report("epoch", mode, lambda: epoch_seconds(mode == "compiled"), 4)

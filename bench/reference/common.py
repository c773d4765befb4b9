"""Shared harness of the PyTorch reference scripts (see README.md in this folder).

Each script defines its model and its loss, then calls run(). Data: Fashion-MNIST IDX files, pixels
scaled to [0, 1] by 1/255 (ae4j's global min-max fit on the training images gives the same scale).
The whole training set is used (no validation hold-out) and test metrics are computed on the 10,000
test images. The script prints one JSON object as its last line.
"""
import argparse
import gzip
import json
import os
import struct
import sys
import time

import numpy as np
import torch


def parse_args(description):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist",
                   help="directory with the Fashion-MNIST IDX files (optionally .gz)")
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--batch", type=int, default=256)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--seed", type=int, default=12345)
    p.add_argument("--threads", type=int, default=0, help="torch intra-op threads (0: torch's default)")
    p.add_argument("--limit", type=int, default=0, help="use only the first N training images (0: all)")
    p.add_argument("--init", default=None,
                   help="directory written by ae4j bench --vs-pytorch: start from ae4j's initial parameters and "
                        "visit the training images in ae4j's order (params.json, one .npy per parameter, order.npy)")
    return p.parse_args()


def read_idx(directory, stem):
    for name in (stem, stem + ".gz"):
        path = os.path.join(directory, name)
        if os.path.exists(path):
            opener = gzip.open if name.endswith(".gz") else open
            with opener(path, "rb") as f:
                data = f.read()
            magic, = struct.unpack(">I", data[:4])
            if magic >> 8 != 0x08:
                raise ValueError(f"{path}: not an unsigned-byte IDX file (magic {magic:#x})")
            dims = magic & 0xFF
            shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
            return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)
    raise FileNotFoundError(f"{directory}: no {stem}[.gz]")


def load(directory, limit):
    train = read_idx(directory, "train-images-idx3-ubyte").reshape(-1, 784)
    test = read_idx(directory, "t10k-images-idx3-ubyte").reshape(-1, 784)
    if limit:
        train = train[:limit]
    to = lambda a: torch.from_numpy(a.astype(np.float32) / 255.0)
    return to(train), to(test)


def init_like_ae4j(module):
    """ae4j's defaults: He-normal weights before ReLU, Xavier-uniform otherwise, zero biases."""
    mods = list(module.modules())
    for layer in weighted_layers(module):
        following = mods[mods.index(layer) + 1] if mods.index(layer) + 1 < len(mods) else None
        if isinstance(following, torch.nn.ReLU):
            fan_in = torch.nn.init._calculate_correct_fan(layer.weight, "fan_out" if isinstance(layer, torch.nn.ConvTranspose2d) else "fan_in")
            with torch.no_grad():
                layer.weight.normal_(0.0, (2.0 / fan_in) ** 0.5)
        else:
            torch.nn.init.xavier_uniform_(layer.weight)
        torch.nn.init.zeros_(layer.bias)


def weighted_layers(module):
    """The Linear and (transposed) convolution layers of `module` in registration order, which is the
    order of ae4j's parameters (weights, then bias, layer by layer) in every reference model."""
    return [m for m in module.modules() if isinstance(m, (torch.nn.Linear, torch.nn.Conv2d, torch.nn.ConvTranspose2d))]


def load_ae4j_init(module, directory):
    """Copies ae4j's initial parameters (see --init) into `module`, converting the layouts: ae4j's dense
    weights are [in, out] (torch: [out, in]); its convolution kernels [kh, kw, in, out] and transposed
    ones [kh, kw, out, in] (torch: [out, in, kh, kw] and [in, out, kh, kw])."""
    with open(os.path.join(directory, "params.json")) as f:
        entries = json.load(f)
    layers = weighted_layers(module)
    if len(entries) != 2 * len(layers):
        raise ValueError(f"{directory}: {len(entries)} ae4j parameters for {len(layers)} layers with weights and biases")
    with torch.no_grad():
        for layer, (w, b) in zip(layers, zip(entries[0::2], entries[1::2])):
            weight = torch.from_numpy(np.load(os.path.join(directory, w["file"])))
            weight = weight.t() if isinstance(layer, torch.nn.Linear) else weight.permute(3, 2, 0, 1)
            bias = torch.from_numpy(np.load(os.path.join(directory, b["file"]))).reshape(-1)
            if weight.shape != layer.weight.shape or bias.shape != layer.bias.shape:
                raise ValueError(f"{w['name']}/{b['name']}: ae4j shapes {list(weight.shape)}/{list(bias.shape)} do not fit "
                                 f"{layer} ({list(layer.weight.shape)}/{list(layer.bias.shape)})")
            layer.weight.copy_(weight)
            layer.bias.copy_(bias)
    return np.load(os.path.join(directory, "order.npy"))


def run(name, args, model, step_loss, test_metrics, reconstruct, corrupt=None):
    """Trains `model` and prints the JSON result. With --init, from ae4j's initial parameters and in its order.

    step_loss(model, inputs, targets) -> scalar training loss tensor
    test_metrics(model, x) -> dict of test metrics (no grad)
    reconstruct(model, x) -> reconstruction in data space (for inference throughput)
    corrupt(x) -> corrupted copy of x, or None
    """
    torch.manual_seed(args.seed)
    if args.threads:
        torch.set_num_threads(args.threads)
    train, test = load(args.data, args.limit)
    orders = load_ae4j_init(model, args.init) if args.init else None
    if orders is not None and orders.shape != (args.epochs, train.shape[0]):
        raise ValueError(f"{args.init}/order.npy has shape {orders.shape}, expected ({args.epochs}, {train.shape[0]})")
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr, foreach=True)
    n = train.shape[0]
    epochs = []
    for epoch in range(1, args.epochs + 1):
        model.train()
        start = time.perf_counter()
        permutation = torch.from_numpy(orders[epoch - 1]).long() if orders is not None else torch.randperm(n)
        total, seen = 0.0, 0
        for i in range(0, n, args.batch):
            clean = train[permutation[i:i + args.batch]]
            inputs = corrupt(clean) if corrupt else clean
            optimizer.zero_grad(set_to_none=True)
            loss = step_loss(model, inputs, clean)
            loss.backward()
            optimizer.step()
            total += loss.item() * clean.shape[0]
            seen += clean.shape[0]
        seconds = time.perf_counter() - start
        epochs.append({"epoch": epoch, "seconds": seconds, "train_loss": total / seen})
        print(f"{name} epoch {epoch}: loss {total / seen:.5f}, {seconds:.2f} s, {seen / seconds:,.0f} samples/s",
              file=sys.stderr)
    model.eval()
    with torch.no_grad():
        metrics = test_metrics(model, test)
        start = time.perf_counter()
        for i in range(0, test.shape[0], args.batch):
            reconstruct(model, test[i:i + args.batch])
        infer_seconds = time.perf_counter() - start
    steady = epochs[1:] or epochs
    result = {
        "implementation": "pytorch",
        "variant": name,
        "torch_version": torch.__version__,
        "threads": torch.get_num_threads(),
        "openblas_threads": os.environ.get("OPENBLAS_NUM_THREADS"),
        "epochs": epochs,
        "train_samples": n,
        "train_samples_per_sec": sum(n for _ in steady) / sum(e["seconds"] for e in steady),
        "infer_samples_per_sec": test.shape[0] / infer_seconds,
    }
    result.update(metrics)
    print(json.dumps(result))


def mse_metrics(model, test, forward=None):
    forward = forward or model
    return {"test_mse": torch.mean((forward(test) - test) ** 2).item()}

"""ae4j's `vanilla` variant in PyTorch: 784-128-64-32 ReLU, mirrored decoder, sigmoid output, MSE, Adam."""
import torch
from torch import nn

import common


def dense_autoencoder(sizes, activation=nn.ReLU, code_activation=None, output=nn.Sigmoid):
    code_activation = code_activation or activation
    layers, previous = [], 784
    for i, size in enumerate(sizes):
        layers += [nn.Linear(previous, size), code_activation() if i == len(sizes) - 1 else activation()]
        previous = size
    for size in list(reversed(sizes[:-1])) + [784]:
        layers += [nn.Linear(previous, size), output() if size == 784 else activation()]
        previous = size
    model = nn.Sequential(*layers)
    common.init_like_ae4j(model)
    return model


def mse_step(model, inputs, targets):
    return nn.functional.mse_loss(model(inputs), targets)


if __name__ == "__main__":
    args = common.parse_args(__doc__)
    torch.manual_seed(args.seed)
    model = dense_autoencoder([128, 64, 32])
    common.run("vanilla", args, model, mse_step, common.mse_metrics, lambda m, x: m(x))

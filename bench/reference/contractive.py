"""ae4j's `contractive` variant in PyTorch: 784-256 sigmoid encoder, 256-784 linear decoder, MSE plus
lambda * ||J_f(x)||_F^2 (batch mean, closed form for a sigmoid layer), lambda 1e-4."""
import torch
from torch import nn

import common

LAMBDA = 1e-4


def contractive_step(model, inputs, targets):
    encoder, decoder = model[:2], model[2:]
    h = encoder(inputs)
    w = model[0].weight                      # [256, 784]
    d = h * (1 - h)                          # sigmoid'
    penalty = (d ** 2 * (w ** 2).sum(1)).sum() / inputs.shape[0]
    return nn.functional.mse_loss(decoder(h), targets) + LAMBDA * penalty


if __name__ == "__main__":
    args = common.parse_args(__doc__)
    torch.manual_seed(args.seed)
    model = nn.Sequential(nn.Linear(784, 256), nn.Sigmoid(), nn.Linear(256, 784))
    common.init_like_ae4j(model)
    common.run("contractive", args, model, contractive_step, common.mse_metrics, lambda m, x: m(x))

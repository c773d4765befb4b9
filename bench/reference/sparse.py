"""ae4j's `sparse` variant in PyTorch: 784-128-64 (ReLU, sigmoid code), mirrored decoder, sigmoid output,
MSE plus the KL sparsity penalty beta * sum_j KL(rho || mean activation of code unit j), rho 0.05, beta 1e-2."""
import torch
from torch import nn

import common
import vanilla

RHO, BETA, CLAMP = 0.05, 1e-2, 1e-7


def sparse_step(model, inputs, targets):
    encoder, decoder = model[:4], model[4:]
    code = encoder(inputs)
    rho_hat = code.mean(0).clamp(CLAMP, 1 - CLAMP)
    kl = (RHO * torch.log(RHO / rho_hat) + (1 - RHO) * torch.log((1 - RHO) / (1 - rho_hat))).sum()
    return nn.functional.mse_loss(decoder(code), targets) + BETA * kl


if __name__ == "__main__":
    args = common.parse_args(__doc__)
    torch.manual_seed(args.seed)
    model = vanilla.dense_autoencoder([128, 64], code_activation=nn.Sigmoid)
    common.run("sparse", args, model, sparse_step, common.mse_metrics, lambda m, x: m(x))

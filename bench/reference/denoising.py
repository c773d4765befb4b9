"""ae4j's `denoising` variant in PyTorch: the vanilla architecture trained on x + N(0, 0.3²) against x."""
import torch

import common
import vanilla

if __name__ == "__main__":
    args = common.parse_args(__doc__)
    torch.manual_seed(args.seed)
    model = vanilla.dense_autoencoder([128, 64, 32])
    common.run("denoising", args, model, vanilla.mse_step, common.mse_metrics, lambda m, x: m(x),
               corrupt=lambda x: x + 0.3 * torch.randn_like(x))

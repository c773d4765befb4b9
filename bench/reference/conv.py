"""ae4j's `conv` variant in PyTorch: Conv(1->16, 3x3, s2, p1)-ReLU-Conv(16->32, 3x3, s2, p1)-ReLU, then
ConvTranspose(32->16, 3x3, s2, p1, output padding 1)-ReLU-ConvTranspose(16->1, ...)-sigmoid, MSE."""
import torch
from torch import nn

import common


class ConvAutoencoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(1, 16, 3, stride=2, padding=1), nn.ReLU(),
            nn.Conv2d(16, 32, 3, stride=2, padding=1), nn.ReLU(),
            nn.ConvTranspose2d(32, 16, 3, stride=2, padding=1, output_padding=1), nn.ReLU(),
            nn.ConvTranspose2d(16, 1, 3, stride=2, padding=1, output_padding=1), nn.Sigmoid())

    def forward(self, x):
        return self.net(x.view(-1, 1, 28, 28)).view(-1, 784)


if __name__ == "__main__":
    args = common.parse_args(__doc__)
    torch.manual_seed(args.seed)
    model = ConvAutoencoder()
    common.init_like_ae4j(model)
    common.run("conv", args, model, lambda m, x, t: nn.functional.mse_loss(m(x), t), common.mse_metrics,
               lambda m, x: m(x))

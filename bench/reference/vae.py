"""ae4j's `vae` variant in PyTorch: 784-400 ReLU, 20-d Gaussian latent (reparameterised, log-variance
clipped to [-10, 10]), 400 ReLU, 784 Bernoulli logits; loss = negative ELBO in nats per example. The
decoder's output bias starts at the training images' mean log-odds, as ae4j's initOutputBias does."""
import torch
from torch import nn

import common


class Vae(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(784, 400), nn.ReLU())
        self.stats = nn.Linear(400, 40)
        self.decoder = nn.Sequential(nn.Linear(20, 400), nn.ReLU(), nn.Linear(400, 784))

    def posterior(self, x):
        mu, log_var = self.stats(self.encoder(x)).chunk(2, dim=1)
        return mu, log_var.clamp(-10, 10)

    def neg_elbo(self, x, target):
        mu, log_var = self.posterior(x)
        z = mu + torch.exp(0.5 * log_var) * torch.randn_like(mu)
        logits = self.decoder(z)
        nll = nn.functional.binary_cross_entropy_with_logits(logits, target, reduction="sum")
        kl = -0.5 * torch.sum(1 + log_var - mu ** 2 - log_var.exp())
        return (nll + kl) / x.shape[0]

    def reconstruct(self, x):
        return torch.sigmoid(self.decoder(self.posterior(x)[0]))


def metrics(model, test):
    torch.manual_seed(1)
    return {"test_neg_elbo": model.neg_elbo(test, test).item(),
            "test_mse": torch.mean((model.reconstruct(test) - test) ** 2).item()}


if __name__ == "__main__":
    args = common.parse_args(__doc__)
    torch.manual_seed(args.seed)
    model = Vae()
    common.init_like_ae4j(model)
    train, _ = common.load(args.data, args.limit)
    mean = train.mean(0).clamp(1e-3, 1 - 1e-3)
    with torch.no_grad():
        model.decoder[2].bias.copy_(torch.log(mean / (1 - mean)))
    common.run("vae", args, model, lambda m, x, t: m.neg_elbo(x, t), metrics, lambda m, x: m.reconstruct(x))

"""PyTorch's side of the start-up comparison (scripts/startup-bench.sh): what `ae4j score --model M --input F --out S`
does, written the shortest way in PyTorch — import torch, load a saved dense autoencoder, read a CSV of numbers,
standardise it, score each row by its reconstruction's mean squared error and write the scores.

    python3 startup_score.py --save model.pt --width 9      # once: a model of the right shape (random weights)
    python3 startup_score.py --model model.pt --input ten-rows.csv --out scores.csv
"""
import argparse
import csv
import sys

import torch


def network(width):
    return torch.nn.Sequential(
        torch.nn.Linear(width, 32), torch.nn.ReLU(), torch.nn.Linear(32, 16), torch.nn.ReLU(),
        torch.nn.Linear(16, 32), torch.nn.ReLU(), torch.nn.Linear(32, width))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--save")
    p.add_argument("--width", type=int)
    p.add_argument("--model")
    p.add_argument("--input")
    p.add_argument("--out")
    a = p.parse_args()
    if a.save:
        m = network(a.width)
        torch.save({"width": a.width, "state": m.state_dict(), "mean": torch.zeros(a.width), "std": torch.ones(a.width)}, a.save)
        return
    saved = torch.load(a.model)
    m = network(saved["width"])
    m.load_state_dict(saved["state"])
    m.eval()
    with open(a.input, newline="") as f:
        rows = list(csv.reader(f))[1:]
    x = (torch.tensor([[float(v) for v in r] for r in rows]) - saved["mean"]) / saved["std"]
    with torch.no_grad():
        scores = ((m(x) - x) ** 2).mean(dim=1)
    with open(a.out, "w") as f:
        f.write("index,score\n")
        for i, s in enumerate(scores.tolist()):
            f.write(f"{i},{s}\n")


if __name__ == "__main__":
    sys.exit(main())

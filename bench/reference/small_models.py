"""PyTorch's side of the small tabular models (bench/jmh SmallModelBenchmark measures ae4j on the same shapes):
inputs-hidden-code-hidden-inputs with tanh hidden layers, a linear output, MSE and Adam (1e-3), one thread.

Prints, per shape and batch, the time of a training step (zero_grad, forward, loss, backward, Adam step) on a fixed
batch — samples/s = batch / step — and the latency of scoring one row under torch.no_grad() (p50, p99), as JSON lines.

    OMP_NUM_THREADS=1 python3 small_models.py [--seconds 3]
"""
import argparse
import json
import time

import torch


def model(shape):
    i, h, c = shape
    return torch.nn.Sequential(torch.nn.Linear(i, h), torch.nn.Tanh(), torch.nn.Linear(h, c), torch.nn.Tanh(),
                               torch.nn.Linear(c, h), torch.nn.Tanh(), torch.nn.Linear(h, i))


def timed(fn, seconds):
    for _ in range(200):                                      # warm-up
        fn()
    samples = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        start = time.perf_counter_ns()
        fn()
        samples.append((time.perf_counter_ns() - start) / 1000.0)
    samples.sort()
    return samples


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--seconds", type=float, default=3.0)
    a = p.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(1)
    for shape in [(9, 16, 8), (60, 64, 32)]:
        net = model(shape)
        optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
        loss_fn = torch.nn.MSELoss()
        for batch in [64, 256]:
            x = torch.randn(batch, shape[0])

            def step():
                optimizer.zero_grad(set_to_none=True)
                loss = loss_fn(net(x), x)
                loss.backward()
                optimizer.step()

            t = timed(step, a.seconds)
            mean = sum(t) / len(t)
            print(json.dumps({"shape": "-".join(map(str, shape)), "batch": batch, "step_us_mean": round(mean, 2),
                              "train_samples_per_sec": round(batch / mean * 1e6)}))
        row = torch.randn(1, shape[0])

        def score():
            with torch.no_grad():
                return ((net(row) - row) ** 2).mean(dim=1)

        t = timed(score, a.seconds)
        print(json.dumps({"shape": "-".join(map(str, shape)), "score_one_row_us_p50": t[len(t) // 2],
                          "score_one_row_us_p99": t[int(len(t) * 0.99)]}))


if __name__ == "__main__":
    main()

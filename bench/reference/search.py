#!/usr/bin/env python3
"""The Python side of `ae4j bench --suite search`: scikit-learn's exact, brute-force NearestNeighbors on the same codes.

run CODES: for every representation listed in CODES/representations.json (its codes CODES/<name>.train.npy and
           CODES/<name>.test.npy, labels CODES/train_labels.npy and CODES/test_labels.npy), and each metric
           (euclidean, cosine): fits NearestNeighbors(algorithm="brute", n_jobs=-1) on the training codes, answers
           the 10 nearest of every test code (after a warm-up of 100 queries, as ae4j gets), and reports the seconds,
           queries/s, precision@10 by class label, and how many of ae4j's exact neighbours
           (CODES/<name>.<metric>.ae4j.npy) it found too. One JSON line per representation and metric.
"""
import argparse
import json
import os
import time

import numpy as np
from sklearn.neighbors import NearestNeighbors

K = 10
WARM_UP = 100


def run(codes):
    with open(os.path.join(codes, "representations.json")) as f:
        names = json.load(f)
    train_labels = np.load(os.path.join(codes, "train_labels.npy"))
    test_labels = np.load(os.path.join(codes, "test_labels.npy"))
    for name in names:
        train = np.load(os.path.join(codes, name + ".train.npy"))
        test = np.load(os.path.join(codes, name + ".test.npy"))
        for metric in ("euclidean", "cosine"):
            nn = NearestNeighbors(n_neighbors=K, algorithm="brute", metric=metric, n_jobs=-1).fit(train)
            nn.kneighbors(test[:WARM_UP])
            start = time.perf_counter()
            _, found = nn.kneighbors(test)
            seconds = time.perf_counter() - start
            precision = float(np.mean(train_labels[found] == test_labels[:, None]))
            line = {"representation": name, "metric": "l2" if metric == "euclidean" else "cosine", "seconds": seconds,
                    "queries_per_second": len(test) / seconds, "precision_at_10": precision}
            ours = os.path.join(codes, "%s.%s.ae4j.npy" % (name, line["metric"]))
            if os.path.exists(ours):
                theirs = np.load(ours)
                line["agreement_with_ae4j"] = float(np.mean([len(set(a) & set(b)) / K for a, b in zip(found, theirs)]))
            print(json.dumps(line), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run").add_argument("codes")
    args = parser.parse_args()
    run(args.codes)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The Python side of `ae4j bench --suite imputation`.

prepare MLBENCH OUT: from the UCI tables of Debian's r-cran-mlbench (CSV, scripts/mlbench-tables.sh) and the WDBC
         table inside python3-sklearn, writes each table's features (its class column dropped) as
         OUT/<table>/original.csv and, for 10/30/50 % of the observed cells hidden completely at random (seeded, 5
         repeats), OUT/<table>/r<percent>/s<seed>/masked.csv.
report RESULTS MD COMMAND: the mean figures per table, rate and method as markdown.
run OUT: on every masked.csv, imputes with the column mean (numbers) / mode (categories), scikit-learn's KNNImputer
         (5 neighbours) and IterativeImputer (BayesianRidge, 10 rounds) on standardised numbers and one-hot
         categories, and scores them — and ae4j's ae4j.csv beside it, when present — against original.csv: RMSE over
         the hidden numeric cells in standard deviations of the column, accuracy over the hidden categorical cells.
         One JSON line per table, rate, seed and method, with the seconds taken.
"""
import argparse
import glob
import json
import os
import sys
import time

import numpy as np
import pandas as pd
from sklearn.experimental import enable_iterative_imputer  # noqa: F401
from sklearn.impute import IterativeImputer, KNNImputer

RATES = [10, 30, 50]
SEEDS = [1, 2, 3, 4, 5]
TABLES = {  # file, class column; ids and constant columns dropped
    "glass": ("Glass.csv", "Type"),
    "ionosphere": ("Ionosphere.csv", "Class"),
    "pima": ("PimaIndiansDiabetes.csv", "diabetes"),
    "housevotes": ("HouseVotes84.csv", "Class"),
    "satellite": ("Satellite.csv", "classes"),
}


def read(path):
    return pd.read_csv(path, keep_default_na=False, na_values=[""], dtype=str)


def kinds(frame):
    """Numeric columns (every present value parses) and categorical ones."""
    numeric, categorical = [], []
    for c in frame.columns:
        values = pd.to_numeric(frame[c].dropna(), errors="coerce")
        (numeric if values.notna().all() else categorical).append(c)
    return numeric, categorical


def prepare(mlbench, out):
    tables = {}
    for name, (file, label) in TABLES.items():
        d = read(os.path.join(mlbench, file)).drop(columns=[label])
        d = d[[c for c in d.columns if d[c].nunique(dropna=True) > 1]]
        tables[name] = d
    wdbc = os.path.join(os.path.dirname(__import__("sklearn").__file__), "datasets", "data", "breast_cancer.csv")
    d = pd.read_csv(wdbc, skiprows=1, header=None, dtype=str)
    d = d.iloc[:, :30]
    d.columns = ["f%d" % i for i in range(30)]
    tables["wdbc"] = d
    for name, d in tables.items():
        os.makedirs(os.path.join(out, name), exist_ok=True)
        d.to_csv(os.path.join(out, name, "original.csv"), index=False)
        for rate in RATES:
            for seed in SEEDS:
                rng = np.random.default_rng(1000 * rate + seed)
                masked = d.copy()
                hide = (rng.random(d.shape) < rate / 100.0) & d.notna().to_numpy()
                masked = masked.mask(hide)
                folder = os.path.join(out, name, "r%d" % rate, "s%d" % seed)
                os.makedirs(folder, exist_ok=True)
                masked.to_csv(os.path.join(folder, "masked.csv"), index=False)
        print("prepared %s: %d rows, %d columns" % (name, d.shape[0], d.shape[1]), file=sys.stderr)


def encode(frame, numeric, categorical, stats):
    """Standardised numbers and one-hot categories (NaN across a missing category's slots)."""
    parts, groups = [], {}
    for c in numeric:
        parts.append(((pd.to_numeric(frame[c]) - stats[c][0]) / stats[c][1]).to_numpy(dtype=float)[:, None])
    at = len(numeric)
    for c in categorical:
        levels = stats[c]
        block = np.zeros((len(frame), len(levels)))
        for k, level in enumerate(levels):
            block[:, k] = (frame[c] == level).to_numpy(dtype=float)
        block[frame[c].isna().to_numpy()] = np.nan
        parts.append(block)
        groups[c] = (at, at + len(levels))
        at += len(levels)
    return np.hstack(parts), groups


def score(original, filled_numeric, filled_categorical, hidden, numeric, categorical, stats):
    """RMSE in standard deviations over hidden numeric cells, accuracy over hidden categorical cells."""
    errors, right, total = [], 0, 0
    for c in numeric:
        h = hidden[c]
        if h.any():
            truth = (pd.to_numeric(original[c][h]).to_numpy(dtype=float) - stats[c][0]) / stats[c][1]
            errors.append((filled_numeric[c][h] - truth) ** 2)
    for c in categorical:
        h = hidden[c]
        if h.any():
            right += int((np.asarray(filled_categorical[c])[h] == original[c][h].to_numpy()).sum())
            total += int(h.sum())
    rmse = float(np.sqrt(np.concatenate(errors).mean())) if errors else None
    return rmse, (right / total if total else None)


def run(out):
    for original_path in sorted(glob.glob(os.path.join(out, "*", "original.csv"))):
        table = os.path.basename(os.path.dirname(original_path))
        original = read(original_path)
        numeric, categorical = kinds(original)
        stats = {c: (pd.to_numeric(original[c]).mean(), pd.to_numeric(original[c]).std() or 1.0) for c in numeric}
        stats.update({c: sorted(original[c].dropna().unique()) for c in categorical})
        for masked_path in sorted(glob.glob(os.path.join(os.path.dirname(original_path), "r*", "s*", "masked.csv"))):
            folder = os.path.dirname(masked_path)
            rate = int(os.path.basename(os.path.dirname(folder))[1:])
            seed = int(os.path.basename(folder)[1:])
            masked = read(masked_path)
            hidden = {c: (masked[c].isna() & original[c].notna()).to_numpy() for c in original.columns}
            x, groups = encode(masked, numeric, categorical, stats)
            results = {}
            start = time.time()
            means = {c: np.nan_to_num(x[:, i], nan=np.nanmean(x[:, i])) for i, c in enumerate(numeric)}
            modes = {c: masked[c].fillna(masked[c].mode().iloc[0]).to_numpy() for c in categorical}
            results["column mean/mode"] = (means, modes, time.time() - start)
            for name, imputer in (("KNNImputer", KNNImputer(n_neighbors=5)),
                                  ("IterativeImputer", IterativeImputer(max_iter=10, random_state=seed))):
                start = time.time()
                y = imputer.fit_transform(x)
                seconds = time.time() - start
                if y.shape[1] != x.shape[1]:           # a column with no observed value is dropped by scikit-learn
                    results[name] = None
                    continue
                nums = {c: y[:, i] for i, c in enumerate(numeric)}
                cats = {c: np.array(stats[c])[np.argmax(y[:, a:b], axis=1)] for c, (a, b) in groups.items()}
                results[name] = (nums, cats, seconds)
            ae4j_path = os.path.join(folder, "ae4j.csv")
            if os.path.exists(ae4j_path):
                filled = read(ae4j_path)
                timing = json.load(open(os.path.join(folder, "ae4j.json")))
                # a column ae4j dropped (constant or identifier-like in the masked table) keeps its holes: count them as
                # filled with the column mean / mode, as the simplest imputer would
                nums = {c: np.nan_to_num(((pd.to_numeric(filled[c]) - stats[c][0]) / stats[c][1]).to_numpy(dtype=float),
                                         nan=np.nanmean(x[:, i])) for i, c in enumerate(numeric)}
                cats = {c: filled[c].fillna(masked[c].mode().iloc[0]).to_numpy() for c in categorical}
                results["ae4j"] = (nums, cats, timing["seconds"])
            for method, result in results.items():
                if result is None:
                    continue
                rmse, accuracy = score(original, result[0], result[1], hidden, numeric, categorical, stats)
                print(json.dumps({"table": table, "rate": rate, "seed": seed, "method": method, "rmse": rmse,
                                  "accuracy": accuracy, "seconds": round(result[2], 3),
                                  "hidden": int(sum(h.sum() for h in hidden.values()))}), flush=True)


def report(results, out, command):
    rows = [json.loads(line) for line in open(results) if line.strip()]
    tables = sorted({r["table"] for r in rows})
    methods = ["ae4j", "column mean/mode", "KNNImputer", "IterativeImputer"]
    members = command.split("--members ")[1].split()[0] if "--members " in command else "1"
    md = ["# Imputation on real tables", "", "Command: `%s`  " % command,
          "Each table's class column dropped; 10/30/50 % of its observed cells hidden completely at random, 5 seeded repeats; "
          "each method fills the holes of the masked table (ae4j: {members} vanilla model(s) with the table defaults and 3x the epochs, "
          "seeds apart, trained on the incomplete rows with 5 % cell-masking, their fills averaged by `TableImputer`). RMSE over the hidden numeric cells in standard deviations "
          "of the column (lower is better), accuracy over hidden categorical cells (higher is better), mean over the repeats; "
          "seconds per table and repeat (ae4j: training and imputing).".replace("{members}", members), ""]
    for rate in RATES:
        md += ["## %d %% hidden" % rate, "", "| method | " + " | ".join(tables) + " | mean RMSE | seconds |",
               "|---|" + "---:|" * (len(tables) + 2)]
        for method in methods:
            cells, rmses, seconds = [], [], []
            for t in tables:
                rs = [r for r in rows if r["table"] == t and r["rate"] == rate and r["method"] == method]
                if not rs:
                    cells.append("—")
                    continue
                seconds += [r["seconds"] for r in rs]
                if rs[0]["rmse"] is not None:
                    v = np.mean([r["rmse"] for r in rs])
                    rmses.append(v)
                    cells.append("%.3f ± %.3f" % (v, np.std([r["rmse"] for r in rs])))
                else:
                    cells.append("acc %.3f" % np.mean([r["accuracy"] for r in rs]))
            md.append("| %s | %s | %s | %s |" % (method, " | ".join(cells), "%.3f" % np.mean(rmses) if rmses else "—",
                                                 "%.2f" % np.mean(seconds) if seconds else "—"))
        md.append("")
    open(out, "w").write("\n".join(md) + "\n")
    print("\n".join(md))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("mlbench")
    p.add_argument("out")
    r = sub.add_parser("run")
    r.add_argument("out")
    w = sub.add_parser("report")
    w.add_argument("results")
    w.add_argument("markdown")
    w.add_argument("command")
    args = parser.parse_args()
    if args.command == "prepare":
        prepare(args.mlbench, args.out)
    elif args.command == "run":
        run(args.out)
    else:
        report(args.results, args.markdown, args.command)


if __name__ == "__main__":
    main()

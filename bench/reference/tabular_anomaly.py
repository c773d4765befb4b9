#!/usr/bin/env python3
"""The Python side of `ae4j bench --suite tabular`.

prepare: builds anomaly-detection sets from the UCI tables of Debian's r-cran-mlbench (exported as CSV by
         scripts/mlbench-tables.sh) the way the ODDS library builds them, and writes 5 seeded stratified 60/40
         splits of each: SETS/<set>/seed<k>/train.csv and test.csv, the features plus a 0/1 column `outlier`.
run:     fits scikit-learn's IsolationForest, LocalOutlierFactor (novelty) and OneClassSVM with their defaults on
         each training part (unsupervised: the label is not used) after the usual preprocessing — median/mode
         imputation, one-hot encoding, standardisation — scores the test part and prints one JSON line per
         set, seed and detector: ROC-AUC, average precision, fit and score seconds.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import IsolationForest
from sklearn.impute import SimpleImputer
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.neighbors import LocalOutlierFactor
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.svm import OneClassSVM

SEEDS = [1, 2, 3, 4, 5]


def read(path):
    return pd.read_csv(path, keep_default_na=False, na_values=[""], dtype=str)


def sets(mlbench):
    """(name, frame of features, 0/1 outlier labels) for each set, as ODDS defines it."""
    out = []
    d = read(os.path.join(mlbench, "Shuttle.csv"))          # class 1 normal, class 4 dropped, the rest outliers
    normal = d["Class"].value_counts().idxmax()              # class 1 (Rad Flow) is by far the largest
    fourth = d["Class"].value_counts().index[1]              # class 4 (High), the second largest, is dropped
    d = d[d["Class"] != fourth]
    out.append(("shuttle", d.drop(columns=["Class"]), (d["Class"] != normal).astype(int)))
    d = read(os.path.join(mlbench, "Satellite.csv"))        # the three smallest classes are outliers
    smallest = d["classes"].value_counts().index[-3:]
    out.append(("satellite", d.drop(columns=["classes"]), d["classes"].isin(smallest).astype(int)))
    d = read(os.path.join(mlbench, "Ionosphere.csv"))       # "bad" returns are outliers
    out.append(("ionosphere", d.drop(columns=["Class"]), (d["Class"] == "bad").astype(int)))
    d = read(os.path.join(mlbench, "PimaIndiansDiabetes.csv"))  # diabetic ("pos") patients are outliers
    out.append(("pima", d.drop(columns=["diabetes"]), (d["diabetes"] == "pos").astype(int)))
    d = read(os.path.join(mlbench, "Glass.csv"))            # type 6 (tableware) is the outlier class
    out.append(("glass", d.drop(columns=["Type"]), (d["Type"] == "6").astype(int)))
    d = read(os.path.join(mlbench, "BreastCancer.csv"))     # malignant tumours are outliers; the id is no feature
    out.append(("breastcancer", d.drop(columns=["Class", "Id"]), (d["Class"] == "malignant").astype(int)))
    return out


def prepare(mlbench, target):
    for name, x, y in sets(mlbench):
        for seed in SEEDS:
            xtr, xte, ytr, yte = train_test_split(x, y, test_size=0.4, random_state=seed, stratify=y)
            folder = os.path.join(target, name, "seed%d" % seed)
            os.makedirs(folder, exist_ok=True)
            xtr.assign(outlier=ytr.values).to_csv(os.path.join(folder, "train.csv"), index=False)
            xte.assign(outlier=yte.values).to_csv(os.path.join(folder, "test.csv"), index=False)
        print(json.dumps({"set": name, "rows": len(x), "features": x.shape[1], "outliers": int(y.sum())}), flush=True)


def preprocessing(frame):
    numeric = [c for c in frame.columns if pd.to_numeric(frame[c], errors="coerce").notna().sum() == frame[c].notna().sum()]
    text = [c for c in frame.columns if c not in numeric]
    return ColumnTransformer([
        ("numbers", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]), numeric),
        ("categories", Pipeline([("impute", SimpleImputer(strategy="most_frequent")),
                                 ("onehot", OneHotEncoder(handle_unknown="ignore"))]), text)]), numeric


def run(target):
    for name in sorted(os.listdir(target)):
        for seed in SEEDS:
            folder = os.path.join(target, name, "seed%d" % seed)
            train, test = read(os.path.join(folder, "train.csv")), read(os.path.join(folder, "test.csv"))
            ytest = test.pop("outlier").astype(int).values
            train.pop("outlier")
            transform, numeric = preprocessing(train)
            for column in numeric:
                train[column] = pd.to_numeric(train[column])
                test[column] = pd.to_numeric(test[column])
            start = time.time()
            xtr = transform.fit_transform(train)
            xte = transform.transform(test)
            prep = time.time() - start
            detectors = {"IsolationForest": IsolationForest(random_state=seed),
                         "LocalOutlierFactor": LocalOutlierFactor(novelty=True),
                         "OneClassSVM": OneClassSVM()}
            for label, detector in detectors.items():
                start = time.time()
                detector.fit(xtr)
                fit = time.time() - start + prep
                start = time.time()
                scores = -detector.score_samples(xte)           # higher: more anomalous
                score = time.time() - start
                print(json.dumps({"set": name, "seed": seed, "detector": label, "roc_auc": roc_auc_score(ytest, scores),
                                  "pr_auc": average_precision_score(ytest, scores), "fit_seconds": fit,
                                  "score_seconds": score}), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["prepare", "run"])
    parser.add_argument("--mlbench", help="prepare: the folder of CSV files scripts/mlbench-tables.sh wrote")
    parser.add_argument("--sets", required=True, help="the folder of the sets and their splits")
    args = parser.parse_args()
    if args.mode == "prepare":
        if not args.mlbench:
            sys.exit("prepare needs --mlbench DIR")
        prepare(args.mlbench, args.sets)
    else:
        run(args.sets)


if __name__ == "__main__":
    main()

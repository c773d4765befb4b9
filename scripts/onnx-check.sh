#!/usr/bin/env bash
# Checks ae4j's ONNX export outside the JVM: trains small vanilla, conv and VAE models on the embedded sample and a
# model on a generated numeric table, exports every part, and runs the ONNX project's checker over each graph
# (python3-onnx from Debian: check_model with full_check, strict shape inference). When Python's onnxruntime is
# importable (Debian 12 does not package it), also runs the graphs and compares them with `ae4j score` and
# `ae4j encode` on the same rows. Needs a built ae4j (mvn -q install -DskipTests).
# Usage: scripts/onnx-check.sh [WORK_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$(mktemp -d)}
mkdir -p "$work"
py=/usr/bin/python3
if ! "$py" -c 'import onnx' 2> /dev/null; then
  apt-get install -y -q python3-onnx > "$work/apt.log"
fi
# 20 rows of raw pixels (0-255) for the image models, a numeric table with a boolean and missing cells
"$py" - "$work" <<'PY'
import random, sys
work = sys.argv[1]
rnd = random.Random(4)
with open(f"{work}/pixels.csv", "w") as f:
    f.write(",".join(f"p{i}" for i in range(784)) + "\n")
    for _ in range(20):
        f.write(",".join(str(rnd.randrange(256)) for _ in range(784)) + "\n")
with open(f"{work}/table.csv", "w") as f:
    f.write("id,age,income,member\n")
    for r in range(400):
        age = 20 + 50 * rnd.random()
        income = "" if rnd.random() < 0.1 else f"{1000 * age + 5000 * rnd.gauss(0, 1):.1f}"
        f.write(f"r{r},{age:.2f},{income},{'yes' if rnd.random() < 0.5 else 'no'}\n")
PY
for v in vanilla conv vae; do
  [ -f "$work/$v.ae4j" ] || "$here/ae4j" train --variant "$v" --epochs 1 --out "$work/$v.ae4j" --no-progress > "$work/$v.train.log"
done
[ -f "$work/table.ae4j" ] || "$here/ae4j" train --data "$work/table.csv" --epochs 5 --out "$work/table.ae4j" --no-progress > "$work/table.train.log"
for m in vanilla conv vae table; do
  for part in encoder decoder full score; do
    "$here/ae4j" export --model "$work/$m.ae4j" --part "$part" --out "$work/$m-$part.onnx"
  done
  input=$([ "$m" = table ] && echo table.csv || echo pixels.csv)
  "$here/ae4j" score --model "$work/$m.ae4j" --input "$work/$input" --top 0 --out "$work/$m.scores.csv"
  "$here/ae4j" encode --model "$work/$m.ae4j" --input "$work/$input" --out "$work/$m.codes.csv"
done
"$py" - "$work" <<'PY'
import csv, glob, math, os, sys
import onnx
work = sys.argv[1]
print(f"onnx {onnx.__version__}: checker and strict shape inference")
for path in sorted(glob.glob(f"{work}/*.onnx")):
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    onnx.shape_inference.infer_shapes(model, strict_mode=True)
    ops = sorted({n.op_type for n in model.graph.node})
    print(f"  ok  {os.path.basename(path):22} opset {model.opset_import[0].version}, {len(model.graph.node):2} nodes: {' '.join(ops)}")
try:
    import numpy as np
    import onnxruntime as ort
except ImportError:
    print("onnxruntime is not importable here (Debian 12 does not package it): the graphs were not run under Python")
    sys.exit(0)
def rows(name, skip_first_column=False):
    with open(f"{work}/{name}") as f:
        r = csv.reader(f); header = next(r)
        return header, [row for row in r]
worst = 0.0
for m in ["vanilla", "conv", "vae", "table"]:
    if m == "table":
        meta = {p.key: p.value for p in onnx.load(f"{work}/{m}-score.onnx").metadata_props}
        header, data = rows("table.csv")
        x = np.array([[float("nan") if c == "" else 1.0 if c == "yes" else 0.0 if c == "no" else float(c) for c in row[1:]] for row in data], dtype=np.float32)
    else:
        header, data = rows("pixels.csv")
        x = np.array(data, dtype=np.float32)
    name = ort.InferenceSession(f"{work}/{m}-score.onnx").get_inputs()[0].name
    score = ort.InferenceSession(f"{work}/{m}-score.onnx").run(["score"], {name: x})[0]
    code = ort.InferenceSession(f"{work}/{m}-encoder.onnx").run(["code"], {name: x})[0]
    sh, srows = rows(f"{m}.scores.csv"); expected = np.array([float(r[sh.index("score")]) for r in srows])
    ch, crows = rows(f"{m}.codes.csv"); codes = np.array(crows, dtype=np.float64)
    d = max(np.max(np.abs(score - expected) / np.maximum(1, np.abs(expected))), np.max(np.abs(code - codes) / np.maximum(1, np.abs(codes))))
    worst = max(worst, d)
    print(f"  {m:8} onnxruntime {ort.__version__}: largest difference from ae4j's printed score/code {d:.2e}")
print("PASS" if worst < 1e-4 else "FAIL", "(printed values carry 6 significant digits)")
sys.exit(0 if worst < 1e-4 else 1)
PY

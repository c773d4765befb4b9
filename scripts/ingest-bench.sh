#!/usr/bin/env bash
# Ingestion of a >= 1 GB CSV (50 numeric + 5 categorical columns, some cells missing), generated here:
# ae4j's TableReader with the heap capped at 512 MB, then pandas' read_csv on the same file, in one run.
# Needs python3-pandas (Debian). Usage: scripts/ingest-bench.sh [FILE] [BYTES]
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:-/tmp/ae4j-ingest.csv}
bytes=${2:-1100000000}
[ -f cli/target/ae4j.jar ] || mvn -B -q install -DskipTests
if [ ! -f "$file" ] || [ "$(stat -c %s "$file")" -lt "$bytes" ]; then
  /usr/bin/python3 - "$file" "$bytes" <<'PY'
import random, sys
path, limit = sys.argv[1], int(sys.argv[2])
rng = random.Random(1)
cats = [["alpha", "beta", "gamma", "delta", "epsilon"], ["red", "green", "blue"], ["x%d" % i for i in range(20)],
        ["yes", "no"], ["north", "south", "east", "west"]]
with open(path, "w") as f:
    f.write(",".join(["n%d" % i for i in range(50)] + ["c%d" % i for i in range(5)]) + "\n")
    while f.tell() < limit:
        lines = []
        for _ in range(10000):
            nums = ["" if rng.random() < 0.01 else "%.5g" % rng.gauss(0, 1) for _ in range(50)]
            lines.append(",".join(nums + [rng.choice(c) for c in cats]))
        f.write("\n".join(lines) + "\n")
PY
fi
echo "file: $file, $(stat -c %s "$file") bytes"
# the JVM's peak resident size (heap, native floats, JIT) next to its JSON line
/usr/bin/time -f "ae4j peak resident set: %M KB" java -Xmx512m -Dorg.bytedeco.javacpp.maxbytes=8G -cp cli/target/ae4j.jar \
    org.ae4j.bench.TableIngest "$file" 2>&1 | grep -E '^\{|peak resident'

/usr/bin/python3 - "$file" <<'PY'
import json, os, sys, time, resource
import pandas as pd
path = sys.argv[1]
start = time.time()
frame = pd.read_csv(path)
seconds = time.time() - start
size = os.path.getsize(path)
print(json.dumps({"reader": "pandas " + pd.__version__ + " read_csv", "bytes": size, "rows": len(frame), "seconds": round(seconds, 2),
                  "mb_per_s": round(size / 1e6 / seconds, 1), "rows_per_s": round(len(frame) / seconds),
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3)}))
PY

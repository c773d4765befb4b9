#!/usr/bin/env bash
# The Spark benchmark (issue 17), outside the test suite: single-JVM scoring and training against ae4j-spark on
# local[2], on the same data, in one run. Data: a generated transactions table (ROWS rows; numbers, text categories,
# a yes/no column, missing cells) and Fashion-MNIST (Debian's dataset-fashion-mnist). Writes
# bench/results/spark/results.jsonl and prints it. Usage: scripts/spark-bench.sh [ROWS] [EPOCHS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
epochs=${2:-3}
work=${WORK:-/tmp/ae4j-spark-bench}
fashion=/usr/share/datasets/fashion-mnist
out=bench/results/spark
mkdir -p "$work" "$out"
[ -d "$fashion" ] || { echo "needs Debian's dataset-fashion-mnist ($fashion)"; exit 2; }
mvn -B -q install -DskipTests
mvn -B -q -pl spark test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt"
cp="spark/target/test-classes:spark/target/classes:$(cat "$work/cp.txt")"
/usr/bin/python3 - "$work" "$rows" <<'PY'
import random, sys
work, rows = sys.argv[1], int(sys.argv[2])
merchants, countries = ["grocer", "fuel", "travel", "online", "cafe"], ["FR", "DE", "IT", "ES"]
for name, n, seed in (("table.csv", rows, 1), ("table-test.csv", max(1000, rows // 10), 2)):
    rng = random.Random(seed)
    with open(f"{work}/{name}", "w") as f:
        f.write("txn_id,amount,merchant,country,hour,contactless\n")
        for i in range(n):
            m = rng.randrange(5)
            odd = i % 50 == 49
            amount = 10 + 20 * m + 5 * rng.gauss(0, 1)
            f.write("t%d,%s,%s,%s,%d,%s\n" % (i, "" if rng.random() < 0.05 else "%.2f" % (amount * 8 if odd else amount),
                    "" if rng.random() < 0.04 else merchants[m], countries[3 if odd else rng.randrange(3)],
                    3 if odd else 8 + rng.randrange(12), "no" if m == 1 else "yes"))
PY
results="$out/results.jsonl"
: > "$results"
opens="-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector --add-opens=java.base/java.lang=ALL-UNNAMED
 --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
 --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
 --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
 --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
 --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
 --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
 -Dio.netty.tryReflectionSetAccessible=true"
args=("$results" "$work/table.csv" "$work/table-test.csv" "$fashion" "$work" "$epochs")
# one JVM as a user runs 'ae4j': ND4J's own threads (both cores)
java -Xmx6g $opens -cp "$cp" org.ae4j.spark.SparkBenchmark single "${args[@]}"
# local[2]: two tasks, one native thread each (the setting docs/spark.md gives executors)
OMP_NUM_THREADS=1 java -Xmx6g $opens -cp "$cp" org.ae4j.spark.SparkBenchmark spark "${args[@]}"
/usr/bin/python3 - "$results" "$out/results.md" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
groups = {}
for r in rows:
    groups.setdefault((r["task"], r["data"], r["runner"]), []).append(r)
lines = ["| task | data | runner | rows | passes | s per pass (median) | rows/s (median) | test loss |", "|---|---|---|---:|---:|---:|---:|---:|"]
best = {}
for (task, data, runner), rs in groups.items():
    rate = statistics.median(r["rows_per_second"] for r in rs)
    per = statistics.median(r["seconds_per_pass"] for r in rs)
    loss = rs[-1]["test_loss"]
    best[(task, data.replace(" Parquet", "").replace(" CSV", ""), runner, data)] = rate
    lines.append(f"| {task} | {data} | {runner} | {rs[0]['rows']:,} | {rs[0]['passes']} | {per:.3f} | {rate:,.0f} | {'' if loss is None else f'{loss:.6f}'} |")
lines.append("")
single = {k[1]: v for k, v in best.items() if k[0] == "score" and k[2] == "single JVM"}
for k, v in best.items():
    if k[0] == "score" and k[2].startswith("Spark") and k[1] in single:
        lines.append(f"- scoring {k[3]} on Spark local[2]: {v / single[k[1]]:.2f}x the single JVM's rows/s")
open(sys.argv[2], "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
echo "results: $results and $out/results.md"

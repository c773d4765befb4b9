#!/usr/bin/env bash
# Start-up time, side by side: `ae4j score` on a 10-row CSV with a small tabular model against PyTorch doing the
# same (bench/reference/startup_score.py: import torch, load, score, write), and `ae4j variants`; wall time of
# each of ROUNDS alternating runs, median reported. Needs python3-torch and a built ae4j (mvn -q install -DskipTests).
# Usage: scripts/startup-bench.sh [ROUNDS]   (default 7)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-7}
python=${PYTHON:-/usr/bin/python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
{
  echo "a,b,c,d,e,f,g,h,i"
  for r in $(seq 1 2000); do
    echo "$((r % 17)),$((r % 5)).25,$(((r * 7) % 13)),$((r % 3)),$(((r * 11) % 29)).5,$((r % 7)),$((r % 2)),$(((r * 3) % 19)),$((r % 23))"
  done
} > "$work/train.csv"
head -11 "$work/train.csv" > "$work/ten.csv"
"$here/ae4j" train --variant vanilla --data "$work/train.csv" --epochs 2 --out "$work/model.ae4j" --no-progress > /dev/null
"$python" "$here/bench/reference/startup_score.py" --save "$work/model.pt" --width 9
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" > /dev/null 2>&1
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN {printf "%.3f\n", e - s}'
}
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
: > "$work/ae4j"; : > "$work/torch"; : > "$work/variants"; : > "$work/import"
for _ in $(seq 1 "$rounds"); do
  seconds "$here/ae4j" score --model "$work/model.ae4j" --input "$work/ten.csv" --out "$work/s.csv" >> "$work/ae4j"
  seconds "$python" "$here/bench/reference/startup_score.py" --model "$work/model.pt" --input "$work/ten.csv" --out "$work/t.csv" >> "$work/torch"
  seconds "$here/ae4j" variants >> "$work/variants"
  seconds "$python" -c "import torch" >> "$work/import"
done
printf 'median wall time of %d runs, seconds\n' "$rounds"
printf '  ae4j score (10 rows)             %s\n' "$(median < "$work/ae4j")"
printf '  PyTorch import, load and score   %s\n' "$(median < "$work/torch")"
printf '  ae4j variants                    %s\n' "$(median < "$work/variants")"
printf '  python3 -c "import torch"        %s\n' "$(median < "$work/import")"
if [ -f "$here/cli/target/ae4j.jsa" ]; then echo "  (class-data archive: cli/target/ae4j.jsa)"; else echo "  (no class-data archive: built with -Dae4j.cds.skip?)"; fi

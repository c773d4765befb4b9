#!/usr/bin/env bash
# `ae4j score --follow` on a generated stream: ROWS rows of 30 numeric columns (default 1,000,000) with a shift injected
# at row SHIFT (default 600,000: every column's spread doubles), piped through standard input. Reports rows/s, the
# process's resident size sampled every second, the drift events, and whether every streamed score equals the batch
# `ae4j score` of the same rows. Needs a built ae4j (mvn -q install -DskipTests).
# Usage: scripts/stream-bench.sh [ROWS] [SHIFT] [WORK_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
rows=${1:-1000000}
shift_at=${2:-600000}
work=${3:-$(mktemp -d)}
mkdir -p "$work"
generate() {   # $1 rows, $2 seed, $3 shift row
  awk -v n="$1" -v seed="$2" -v at="$3" 'BEGIN {
    srand(seed); printf "id"; for (c = 1; c <= 30; c++) printf ",x%d", c; printf "\n";
    for (r = 0; r < n; r++) {
      s = r >= at ? 2.0 : 1.0; z = 0;
      for (k = 0; k < 6; k++) z += rand(); z -= 3;          # a common factor, so columns correlate
      printf "r%d", r;
      for (c = 1; c <= 30; c++) { e = 0; for (k = 0; k < 3; k++) e += rand(); printf ",%.4f", s * (z * (c % 5 + 1) / 3 + (e - 1.5) / 2); }
      printf "\n";
    } }'
}
[ -f "$work/train.csv" ] || generate 20000 1 20000 > "$work/train.csv"
[ -f "$work/stream.csv" ] || generate "$rows" 2 "$shift_at" > "$work/stream.csv"
[ -f "$work/model.ae4j" ] || "$here/ae4j" train --data "$work/train.csv" --out "$work/model.ae4j" --no-progress > "$work/train.log"
start=$(date +%s.%N)
# the pipeline writes its own end time: the sampling loop below wakes once a second and would round it up
(cat "$work/stream.csv" | "$here/ae4j" score --model "$work/model.ae4j" --input - --follow --out "$work/streamed.csv" \
  2> "$work/follow.err"; date +%s.%N > "$work/end") &
launcher=$!
sleep 1
: > "$work/rss.txt"
while kill -0 "$launcher" 2>/dev/null; do
  pid=$(pgrep -f "ae4j.jar score --model $work/model.ae4j --input - --follow" | head -1 || true)
  [ -n "$pid" ] && awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null >> "$work/rss.txt" || true
  sleep 1
done
wait "$launcher"
end=$(cat "$work/end")
"$here/ae4j" score --model "$work/model.ae4j" --input "$work/stream.csv" --out "$work/batch.csv" --top 0 > /dev/null
awk -v s="$start" -v e="$end" -v n="$rows" 'BEGIN {printf "rows/s (wall, with start-up): %.0f over %.1f s\n", n / (e - s), e - s}'
echo "resident size, MB, each second: $(awk '{printf "%d ", $1 / 1024}' "$work/rss.txt")"
grep -i "drift\|rows scored" "$work/follow.err" || true
paste -d, <(cut -d, -f1,2 "$work/streamed.csv") <(cut -d, -f1,2 "$work/batch.csv") | awk -F, 'NR > 1 && ($1 != $3 || $2 != $4) {d++} END {print (d ? d " rows differ from the batch scores" : "every streamed score equals the batch score")}'

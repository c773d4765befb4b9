#!/usr/bin/env bash
# Makes target/ae4j.jsa, a class-data-sharing archive of the classes the ae4j command loads, so that the
# launcher's JVM maps them instead of loading, verifying and linking them on every call (`ae4j score` on ten
# rows: ~1.2 s → ~0.7 s; `ae4j variants` ~0.8 s → ~0.4 s; see docs/performance.md, "Start-up").
# Records the classes of three typical calls (listing variants, training one epoch on a generated table,
# scoring it) and dumps their union. Run by the cli module's package phase; a failure here leaves no archive
# and the launcher starts without one (slower, same results). Skip with -Dae4j.cds.skip.
set -uo pipefail
jar="$1"
out="$2"
work="$(dirname "$out")/cds"
rm -rf "$work" "$out"
mkdir -p "$work"
java_opts=(--add-modules jdk.incubator.vector -Xlog:disable -Xlog:all=off)
{
  echo "a,b,c,d"
  for i in $(seq 1 256); do echo "$((i % 7)),$((i % 5)).5,x$((i % 3)),$(((i * 31) % 11))"; done
} > "$work/table.csv"
record() {
  local name=$1
  shift
  if ! java "${java_opts[@]}" -XX:DumpLoadedClassList="$work/$name.classlist" -jar "$jar" "$@" > "$work/$name.log" 2>&1; then
    echo "[cds] 'ae4j $*' failed (see $work/$name.log); no class-data archive is made" >&2
    exit 0
  fi
}
record variants variants
record train train --variant vanilla --data "$work/table.csv" --epochs 1 --out "$work/model.ae4j" --no-progress
record score score --model "$work/model.ae4j" --input "$work/table.csv" --out "$work/scores.csv"
cat "$work"/*.classlist | grep -v '^#' | awk '!seen[$0]++' > "$work/classes.lst"
if java "${java_opts[@]}" -Xshare:dump -XX:SharedClassListFile="$work/classes.lst" -XX:SharedArchiveFile="$out" \
    -cp "$jar" > "$work/dump.log" 2>&1; then
  echo "[cds] wrote $out ($(grep -c . "$work/classes.lst") classes)"
else
  rm -f "$out"
  echo "[cds] the class-data dump failed (see $work/dump.log); no archive is made" >&2
fi

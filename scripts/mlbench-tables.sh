#!/usr/bin/env bash
# Exports the UCI tables of Debian's r-cran-mlbench as CSV files (header, quoted text, empty cells for NA) into
# a folder — nothing from the package is committed (GPL). Usage: scripts/mlbench-tables.sh [OUT_DIR]
set -euo pipefail
out=${1:-mlbench-tables}
if ! Rscript -e 'library(mlbench)' >/dev/null 2>&1; then
  apt-get install -y -qq r-cran-mlbench >/dev/null
fi
mkdir -p "$out"
for name in BreastCancer Glass Ionosphere PimaIndiansDiabetes PimaIndiansDiabetes2 Satellite Shuttle Vowel \
            LetterRecognition Sonar Vehicle Zoo HouseVotes84 Soybean Servo Ozone BostonHousing DNA; do
  Rscript -e "library(mlbench); data($name); write.csv($name, '$out/$name.csv', row.names=FALSE, na='')" >/dev/null
done
ls -l "$out"

#!/usr/bin/env bash
# Times steady-state vanilla training steps with each native build of ND4J (see docs/nd4j-native-builds.md).
# Usage: scripts/native-builds.sh [rounds] [steps]   (after: mvn -q install -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=${MAVEN_REPO:-$HOME/.m2/repository}
nd4j=$repo/org/nd4j/nd4j-native/1.0.0-M2.1
mvn -B -q dependency:build-classpath -pl variants-vanilla -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test >/dev/null
mkdir -p target
# the classpath without any native ND4J build; each run adds exactly one
base=$(tr ':' '\n' < variants-vanilla/target/cp.txt | grep -v 'nd4j-native-1.0.0-M2.1-linux' | paste -sd: -)
base=$base:variants-vanilla/target/classes:core/target/classes
for round in 1 2; do
  for build in linux-x86_64 linux-x86_64-avx2 linux-x86_64-avx512 linux-x86_64-onednn linux-x86_64-onednn-avx2 linux-x86_64-onednn-avx512; do
    jar=$nd4j/nd4j-native-1.0.0-M2.1-$build.jar
    if [ ! -f "$jar" ]; then
      mvn -B -q dependency:get -Dartifact=org.nd4j:nd4j-native:1.0.0-M2.1:jar:$build >/dev/null
    fi
    printf '%-28s ' "$build"
    java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$base:$jar" scripts/StepTiming.java "${1:-7}" "${2:-150}" 2>&1 | tail -1
  done
done

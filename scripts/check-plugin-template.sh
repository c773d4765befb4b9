#!/usr/bin/env bash
# Builds templates/plugin as a user would: a copy outside the repository, against the ae4j just installed.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp install -DskipTests
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r templates/plugin "$work/"
(cd "$work/plugin" && mvn -B -ntp test) | tee "$work/log" | grep -E "Tests run:|BUILD"
grep -q "Tests run: [1-9]" "$work/log" || { echo "the template ran no test" >&2; exit 1; }

#!/usr/bin/env bash
# Runs every benchmark (P1-P8, about 10 minutes on 2 cores) and writes the table into
# BENCHMARKS.md at the repository root. Arguments go to the runner: --smoke, --only P1,P3,
# --output FILE. Builds the jar first when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/infoprob-benchmarks.jar
if [ ! -f "$jar" ]; then
  mvn -B -q -pl benchmarks -am package -DskipTests
fi
exec java -Xmx4g -XX:+UseG1GC -Dinfoprob.command="benchmarks/run.sh" -jar "$jar" "$@"

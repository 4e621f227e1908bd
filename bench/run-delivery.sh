#!/usr/bin/env bash
# 837 rendering benchmark (JMH): installs the engine's plain classes jar, builds bench/, runs
# X837RenderBench (claims/s, single thread, beside a StringBuilder baseline in the same run).
# Extra arguments go to JMH, e.g.: bench/run-delivery.sh render837I -t 2
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -DskipTests
(cd bench && mvn -B -q package)
java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.openjdk.jmh.Main \
  'io.claimbridge.bench.X837RenderBench' -rf text -rff bench/target/results.txt "$@"
if [ $# -eq 0 ]; then
  # Claims per CPU-second: comparable across runs even when other processes share the machine.
  java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.claimbridge.bench.CpuTimeReport 2>/dev/null
fi

#!/usr/bin/env bash
# Builds the engine (plain jar) and the JMH jar, runs the coding benchmarks, prints a table.
# Usage: bench/run-coding.sh   (from anywhere; needs Maven and JDK 17)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -DskipTests
cd bench
mvn -B -q package
CP="target/classes:$(cat target/classpath.txt)"
out=$(mktemp -d)
java -cp "$CP" org.openjdk.jmh.Main 'io.claimbridge.bench.coding.*' -rf csv -rff "$out/jmh.csv" > "$out/jmh.log"
java -Xmx300m -cp "$CP" io.claimbridge.bench.coding.LoadFootprint > "$out/footprint.txt"
printf '\n%-45s %15s %12s %s\n' "Benchmark" "Score" "Error" "Unit"
tail -n +2 "$out/jmh.csv" | while IFS=, read -r name mode threads samples score error unit; do
  printf '%-45s %15.1f %12.1f %s\n' "$(echo "$name" | tr -d '"' | sed 's/.*coding\.//')" "$score" "$error" "$(echo "$unit" | tr -d '"')"
done
echo
head -2 "$out/footprint.txt"
echo "(raw output in $out)"

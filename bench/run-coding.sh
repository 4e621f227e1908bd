#!/usr/bin/env bash
# Builds the engine (plain jar) and the JMH jar, runs the coding benchmarks, prints a table.
# Usage: bench/run-coding.sh [extra JMH args]   (from anywhere; needs Maven and JDK 17)
#   JAVA_OPTS=-Djmh.ignoreLock=true bench/run-coding.sh -wi 1 -i 1 -f 1   # quick smoke run
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -DskipTests -Dspring-boot.repackage.skip=true
cd bench
mvn -B -q package
out=$(mktemp -d)
java ${JAVA_OPTS:-} -jar target/benchmarks.jar 'io.claimbridge.bench.coding.*' -rf csv -rff "$out/jmh.csv" "$@" > "$out/jmh.log"
java -Xmx300m -cp target/benchmarks.jar io.claimbridge.bench.coding.LoadFootprint > "$out/footprint.txt"
printf '\n%-45s %15s %12s %s\n' "Benchmark" "Score" "Error" "Unit"
tail -n +2 "$out/jmh.csv" | while IFS=, read -r name mode threads samples score error unit; do
  printf '%-45s %15.1f %12.1f %s\n' "$(echo "$name" | tr -d '"' | sed 's/.*coding\.//')" "$score" "$error" "$(echo "$unit" | tr -d '"')"
done
echo
head -2 "$out/footprint.txt"
echo "(raw output in $out)"

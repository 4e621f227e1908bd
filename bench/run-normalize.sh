#!/usr/bin/env bash
# HL7v2 → canonical throughput (JMH, one thread, 2 forks): HAPI parse-only (the ceiling most
# converters live under), claimbridge's positional reader, HL7v2 → CodedEncounter, and the same +
# Bundle JSON, over the ADT/DFT samples in src/test/resources/hl7, all in one run. Prints msg/s and
# the ratio to HAPI parse-only.
#   bench/run-normalize.sh [extra JMH args, e.g. -f 1 -wi 2 -i 3]
source "$(dirname "$0")/jmh.sh"
run_jmh 'io.claimbridge.bench.normalize.NormalizeBenchmark' "$@"
base=$(grep '\.hapiParseOnly"' "$out/jmh.csv" | cut -d, -f5)
printf '\n%-20s %14s %12s %s\n' "Benchmark (1 thread)" "msg/s" "± (99.9%)" "vs HAPI parse-only"
tail -n +2 "$out/jmh.csv" | while IFS=, read -r name mode threads samples score error unit; do
  printf '%-20s %14.0f %12.0f %8.2fx\n' "$(echo "$name" | tr -d '"' | sed 's/.*\.//')" "$score" "$error" "$(echo "$score / $base" | bc -l)"
done
echo "(raw output in $out)"

#!/usr/bin/env bash
# FHIR JSON encoding (JMH, one thread): HAPI's encodeResourceToString against FhirJsonWriter on the
# office ledger-state Bundle and the coded inpatient claim Bundle, in one run. Prints encodings/s
# and each one's ratio to HAPI on the same Bundle.
#   bench/run-fhirjson.sh [extra JMH args, e.g. -f 1 -wi 2 -i 3]
source "$(dirname "$0")/jmh.sh"
run_jmh 'io.claimbridge.bench.normalize.FhirJsonBenchmark' "$@"
score() { grep "\.$1\"" "$out/jmh.csv" | cut -d, -f5; }
printf '\n%-16s %14s %12s %s\n' "Benchmark" "encodes/s" "± (99.9%)" "vs HAPI (same Bundle)"
tail -n +2 "$out/jmh.csv" | while IFS=, read -r name mode threads samples sc error unit; do
  short=$(echo "$name" | tr -d '"' | sed 's/.*\.//')
  case "$short" in *Office) base=$(score hapiOffice) ;; *) base=$(score hapiInpatient) ;; esac
  printf '%-16s %14.0f %12.0f %8.2fx\n' "$short" "$sc" "$error" "$(echo "$sc / $base" | bc -l)"
done
echo "(load average: $(cut -d' ' -f1-3 /proc/loadavg); raw output in $out)"

#!/usr/bin/env bash
# Peer comparison + throughput, one command, one run, same machine, same messages:
#   1. claimbridge (its own classpath, HAPI FHIR 8) converts the sample ADT/DFT messages → out/claimbridge,
#      then times HAPI v2 parse-only, HL7v2 → CodedEncounter and HL7v2 → Bundle JSON (each: warm-up, timed run)
#   2. LFH hl7v2-fhir-converter 1.0.19 (this project, HAPI FHIR 6, own JVM) → out/lfh, then times it the same way
#   3. comparison table + msg/s of all four with the ratio to LFH → out/comparison.md
# usage: bench/lfh-compare/run.sh [WARMUP_SECONDS] [MEASURE_SECONDS]   (default 10 30)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=../..
WARMUP=${1:-10}
MEASURE=${2:-30}
mvn -B -q -f "$ROOT/pom.xml" compile
mvn -B -q -f "$ROOT/pom.xml" dependency:build-classpath -Dmdep.outputFile=target/cb.classpath >/dev/null
mvn -B -q compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/lfh.classpath >/dev/null
CB_CP="$ROOT/target/classes:$(cat "$ROOT/target/cb.classpath")"
mkdir -p target/ours out
javac -cp "$CB_CP" -d target/ours ours/*.java
# One after the other, never side by side: each gets the same (shared) cores.
java -Xmx1g -Dlogback.configurationFile=logback-bench.xml -cp "target/ours:$CB_CP" OursBench \
  "$ROOT/src/test/resources/hl7" out/claimbridge "$WARMUP" "$MEASURE" "$ROOT/mappings"
java -Xmx1g -cp "target/classes:$(cat target/lfh.classpath)" io.claimbridge.bench.lfh.LfhCompare \
  "$ROOT/src/test/resources/hl7" out "$WARMUP" "$MEASURE"

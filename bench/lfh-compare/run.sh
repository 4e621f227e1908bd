#!/usr/bin/env bash
# Peer comparison + throughput, one run, same machine:
#   1. claimbridge (its own classpath, HAPI FHIR 8) converts the sample ADT/DFT messages → out/claimbridge
#   2. LFH hl7v2-fhir-converter 1.0.19 (this project, HAPI FHIR 6, own JVM) → out/lfh
#   3. comparison table + msg/s for both → out/comparison.md
# usage: bench/lfh-compare/run.sh [rounds]   (default 200)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=../..
ROUNDS=${1:-200}
mvn -B -q -f "$ROOT/pom.xml" compile
mvn -B -q -f "$ROOT/pom.xml" dependency:build-classpath -Dmdep.outputFile=target/cb.classpath >/dev/null
mvn -B -q compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/lfh.classpath >/dev/null
CB_CP="$ROOT/target/classes:$(cat "$ROOT/target/cb.classpath")"
mkdir -p target/ours out
javac -cp "$CB_CP" -d target/ours ours/*.java
java -Dlogback.configurationFile=logback-bench.xml -cp "target/ours:$CB_CP" OursBench "$ROOT/src/test/resources/hl7" out/claimbridge "$ROUNDS" "$ROOT/mappings"
java -cp "target/classes:$(cat target/lfh.classpath)" io.claimbridge.bench.lfh.LfhCompare "$ROOT/src/test/resources/hl7" out "$ROUNDS"

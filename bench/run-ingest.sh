#!/usr/bin/env bash
# Ingest load figure: starts the built jar on a fresh data dir, drives it over MLLP with 1, 4 and
# 16 connections and an open-loop run at half the peak, and prints the table (with HAPI parse-only
# of the same messages, measured in the same run, as the ceiling).
#   bench/run-ingest.sh [SECONDS_PER_STEP]      (default 15)
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-15}
mvn -q -B -DskipTests install
(cd bench && mvn -q -B -DskipTests package)
DATA=$(mktemp -d)
HTTP=18080; MLLP=12575
java -Xmx1g -jar target/claimbridge.jar --server.port=$HTTP --claimbridge.mllp.port=$MLLP \
  --claimbridge.data-dir="$DATA" --logging.level.root=WARN > "$DATA/engine.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do curl -sf localhost:$HTTP/actuator/health >/dev/null && break; sleep 0.5; done
java -Xmx1g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.claimbridge.bench.MllpLoad \
  127.0.0.1 $MLLP src/test/resources/hl7/samples "$SECS"
echo "stored: $(curl -s "localhost:$HTTP/api/messages?limit=1" | grep -o '"id":[0-9]*' | head -1)"

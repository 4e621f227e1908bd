#!/usr/bin/env bash
# Ingest load figures: starts the built jar on a fresh data dir, drives it over MLLP with 1, 4 and
# 16 connections (closed loop) and at half the 16-connection peak (open loop), and prints the table
# beside HAPI parse-only of the same messages measured in the same run (the ceiling).
# Runs the engine twice: as an ingest-only node (processing.enabled=false) and as a full node
# (normalize + ledger + edits running on the same 2 cores while it acknowledges).
#   bench/run-ingest.sh [SECONDS_PER_STEP] [both|ingest-only|full]     (defaults: 15, both)
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-15}
MODE=${2:-both}
mvn -q -B -DskipTests install
(cd bench && mvn -q -B -DskipTests package)
HTTP=18080; MLLP=12575

run() {
  local label=$1 processing=$2
  local data; data=$(mktemp -d)
  java -Xmx1g ${ENGINE_JAVA_OPTS:-} -jar target/claimbridge.jar --server.port=$HTTP --claimbridge.mllp.port=$MLLP \
    --claimbridge.data-dir="$data" --claimbridge.processing.enabled="$processing" \
    --logging.level.root=WARN > "$data/engine.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 120); do curl -sf localhost:$HTTP/actuator/health >/dev/null && break; sleep 0.5; done
  echo
  echo "== $label (claimbridge.processing.enabled=$processing)"
  java -Xmx1g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.claimbridge.bench.MllpLoad \
    127.0.0.1 $MLLP src/test/resources/hl7/samples "$SECS" | grep -v " INFO "
  kill $pid; wait $pid 2>/dev/null || true
  rm -rf "$data"
}

[ "$MODE" = full ] || run "ingest-only node" false
[ "$MODE" = ingest-only ] || run "full node" true

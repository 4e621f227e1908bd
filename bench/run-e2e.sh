#!/usr/bin/env bash
# End-to-end figure: the built jar on a fresh data dir with its default route (837 files into
# <data-dir>/outbox); office encounters (A04 + P03) over MLLP; encounters/s until every claim is
# in an 837 file.   bench/run-e2e.sh [ENCOUNTERS] [CONNECTIONS]     (defaults 2000, 8)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-2000}
C=${2:-8}
mvn -q -B -DskipTests install
(cd bench && mvn -q -B -DskipTests package)
DATA=$(mktemp -d)
HTTP=18081; MLLP=12576
java -Xmx2g ${ENGINE_JAVA_OPTS:-} -jar target/claimbridge.jar --server.port=$HTTP --claimbridge.mllp.port=$((MLLP + 1)) \
  --claimbridge.data-dir="$DATA" --bench.mllp.port=$MLLP \
  --camel.main.routes-include-pattern='file:routes/*.yaml,file:bench/routes/*.yaml' \
  --logging.level.root=WARN > "$DATA/engine.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do curl -sf localhost:$HTTP/actuator/health >/dev/null && break; sleep 0.5; done
java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.claimbridge.bench.E2eLoad \
  127.0.0.1 $MLLP "$DATA/outbox" src/test/resources/hl7/delivery/office_a04.hl7 \
  src/test/resources/hl7/delivery/office_p03.hl7 "$N" "$C"
echo "held claims: $(curl -s "localhost:$HTTP/api/claims?status=HELD&limit=1000" | grep -o '"id"' | wc -l)"

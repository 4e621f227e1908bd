#!/usr/bin/env bash
# End-to-end figure: the built jar on a fresh data dir with its default route (837 files into
# <data-dir>/outbox); office encounters (A04 + P03) over MLLP; encounters/s until every claim is
# in an 837 file, measured after a warm-up run (the JIT's first minute is not the engine's steady state).
#   bench/run-e2e.sh [ENCOUNTERS] [CONNECTIONS] [WARMUP]     (defaults 2000, 8, 30000)
# The warm-up is long because C2 keeps compiling for about two minutes under this load on 2 cores
# (with 8,000 it still took 40 % of the engine's CPU during the measured run).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-2000}
C=${2:-8}
W=${3:-30000}
mvn -q -B -DskipTests install
(cd bench && mvn -q -B -DskipTests package)
DATA=$(mktemp -d)
HTTP=18081; MLLP=12576
java -Xmx2g ${ENGINE_JAVA_OPTS:-} -jar target/claimbridge.jar --server.port=$HTTP --claimbridge.mllp.port=$((MLLP + 1)) \
  --claimbridge.data-dir="$DATA" --bench.mllp.port=$MLLP \
  --camel.main.routes-include-pattern='file:routes/*.yaml,file:bench/routes/*.yaml' \
  --logging.level.root=WARN > "$DATA/engine.log" 2>&1 &
PID=$!
# '|| true': under set -e a failing command ends the trap, and the killed engine's exit status is 143
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do curl -sf localhost:$HTTP/actuator/health >/dev/null && break; sleep 0.5; done
java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.claimbridge.bench.E2eLoad \
  127.0.0.1 $MLLP "$DATA/outbox" src/test/resources/hl7/delivery/office_a04.hl7 \
  src/test/resources/hl7/delivery/office_p03.hl7 "$N" "$C" "$W" "$PID"
HZ=$(getconf CLK_TCK)
echo "engine CPU by thread since start (startup and warm-up included):"
# Where the engine's CPU went, by thread name (digits folded): JIT, GC and H2 show up here too.
for t in /proc/$PID/task/*; do
  printf '%s\t%s\n' "$(tr -d '0-9' < "$t/comm")" "$(awk '{print $14 + $15}' "$t/stat")"
done | awk -F'\t' -v hz="$HZ" '{c[$1] += $2} END {for (k in c) if (c[k] > 0) printf "  %8.1f s  %s\n", c[k] / hz, k}' | sort -rn | head -15
echo "database file after the run: $(du -m "$DATA"/claimbridge.mv.db 2>/dev/null | cut -f1) MB"
# no tokens configured: the engine wrote one with every role into the fresh data dir
echo "held claims: $(curl -s -H "Authorization: Bearer $(cat "$DATA/api-token")" \
  "localhost:$HTTP/api/claims?status=HELD&limit=1000" | grep -o '"id"' | wc -l)"

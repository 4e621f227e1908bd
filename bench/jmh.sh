# Sourced by the run-*.sh scripts that print a table from JMH's CSV: builds this checkout (engine
# and bench/), then `run_jmh CLASS [JMH args]` runs one benchmark class and leaves $out/jmh.csv.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
mvn -q -B -DskipTests install
(cd bench && mvn -q -B -DskipTests package)
# This checkout's classes first: the installed jar in ~/.m2 is shared with other checkouts.
CP="$ROOT/target/classes:bench/target/classes:$(cat bench/target/classpath.txt)"
out=$(mktemp -d)

run_jmh() {
  local benchmark=$1
  shift
  java -Dlogback.configurationFile="$ROOT/bench/lfh-compare/logback-bench.xml" -cp "$CP" org.openjdk.jmh.Main \
    "$benchmark" -rf csv -rff "$out/jmh.csv" "$@" > "$out/jmh.log"
}

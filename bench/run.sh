#!/usr/bin/env bash
# Builds the main module as a plain jar (Spring Boot repackaging skipped so classes sit at the
# jar root), installs it to the local Maven repository as io.claimbridge:claimbridge-core (an
# artifact id of its own, so a fat claimbridge jar installed by any other build cannot shadow
# it), builds bench/target/benchmarks.jar and runs the benchmarks.
# Extra arguments go to JMH, e.g.: bench/run.sh render837I -t 2
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q package -DskipTests -Dspring-boot.repackage.skip=true
mvn -B -q install:install-file -Dfile=target/claimbridge.jar -DgroupId=io.claimbridge \
    -DartifactId=claimbridge-core -Dversion=0.1.0-SNAPSHOT -Dpackaging=jar
mvn -B -q -f bench/pom.xml package
java -jar bench/target/benchmarks.jar -rf text -rff bench/target/results.txt "$@"
if [ $# -eq 0 ]; then
  # Claims per CPU-second: comparable across runs even when other processes share the machine.
  java -cp bench/target/benchmarks.jar io.claimbridge.bench.CpuTimeReport 2>/dev/null
fi

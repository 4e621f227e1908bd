#!/usr/bin/env bash
# Builds the main module as a plain jar (Spring Boot repackaging skipped so classes sit at the
# jar root), installs it to the local Maven repository, builds bench/target/benchmarks.jar and
# runs the benchmarks. Extra arguments go to JMH, e.g.: bench/run.sh X837RenderBench.render837P
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -DskipTests -Dspring-boot.repackage.skip=true
mvn -B -q -f bench/pom.xml package
java -jar bench/target/benchmarks.jar -rf text -rff bench/target/results.txt "$@"

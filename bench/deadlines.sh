#!/usr/bin/env bash
# Benchmark of issue 9 (deadlines and isolation): (a) 4 images whose DNS hangs (in process: the
# packaged jar's resolver cannot be pointed at a hanging stand-in from outside on Java 17), (b) 4
# images whose hosts never answer and (c) a flood of such requests (300, 100 at a time) while
# healthy requests run, both against the packaged jar (target/quarkus-app, built if missing).
# Prints each request's time against the deadline, healthy p50/p99 idle vs during the flood, and
# the function's threads and RSS before, at the peak and 60 s after. Figures, not assertions.
# Usage: bench/deadlines.sh [--flood 300] [--parallel 100] [--idle 40] [--after 60]
# Offline like bench/image-probe.sh: MAVEN_ARGS=-o bench/deadlines.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -f target/quarkus-app/quarkus-run.jar ]]; then
  ./mvnw -B -q ${MAVEN_ARGS:-} package -DskipTests
fi
exec ./mvnw -B -q ${MAVEN_ARGS:-} test -Dtest=DeadlineBenchRun -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench=deadlines -Dbench.args="$*" -DtrimStackTrace=false

#!/usr/bin/env bash
# Benchmark of the Idempotency-Key (issue 19): wall time of a replayed createElement against a first
# call with a key and a call without one, interleaved in one run of the packaged JVM application,
# against loopback stand-ins (VOD, image host, COS store). Figures are printed, not asserted.
# Usage: bench/idempotency.sh [rounds] [image latency ms]   (needs target/quarkus-app: ./mvnw package)
# Runs through surefire (IdempotencyBenchRun), like bench/image-probe.sh; MAVEN_ARGS=-o works offline.
set -euo pipefail
cd "$(dirname "$0")/.."

exec ./mvnw -B -q ${MAVEN_ARGS:-} test -Dtest=IdempotencyBenchRun -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench=idempotency -Dbench.args="$*" -DtrimStackTrace=false

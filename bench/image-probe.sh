#!/usr/bin/env bash
# Benchmark of the image checks (issue 3): bytes and round trips of this validator against a naive
# download-everything validator, and the wall time of a 4-image request against a 1-image request
# with 200 ms server latency. Everything runs on 127.0.0.1; the figures are printed, not asserted.
# Usage: bench/image-probe.sh [args...]   (compiles what changed, then runs the benchmark)
# It runs through surefire (ImageProbeBenchmarkRun), which every build has already resolved, so it
# works offline (add -o through MAVEN_ARGS, e.g. MAVEN_ARGS=-o bench/image-probe.sh) and needs no
# dependency plugin.
set -euo pipefail
cd "$(dirname "$0")/.."

exec ./mvnw -B -q ${MAVEN_ARGS:-} test -Dtest=ImageProbeBenchmarkRun -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench=image-probe -Dbench.args="$*" -DargLine=-Xmx2g -DtrimStackTrace=false

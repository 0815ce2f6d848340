#!/usr/bin/env bash
# Benchmark of the image checks (issue 3): bytes and round trips of this validator against a naive
# download-everything validator, and the wall time of a 4-image request against a 1-image request
# with 200 ms server latency. Everything runs on 127.0.0.1; the figures are printed, not asserted.
# Usage: bench/image-probe.sh            (builds the test classes when the sources are newer)
set -euo pipefail
cd "$(dirname "$0")/.."

main_class=target/test-classes/dev/vodelement/bench/ImageProbeBenchmark.class
if [ ! -f "$main_class" ] || [ -n "$(find src pom.xml -newer "$main_class" -type f -print -quit)" ]; then
  ./mvnw -B -q test-compile
fi
if [ ! -s target/bench.cp ] || [ pom.xml -nt target/bench.cp ]; then
  ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.cp
fi
exec java -Xmx2g -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "target/test-classes:target/classes:$(cat target/bench.cp)" \
  dev.vodelement.bench.ImageProbeBenchmark "$@"

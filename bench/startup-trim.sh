#!/usr/bin/env bash
# What each start-up trim of the JVM package buys, measured the way bench/cold-start.sh measures
# (first successful createElement from a new process, peak RSS), variant by variant, round-robin,
# against the plain-Java floor. Run bench/cold-start.sh first (it builds target/bench/function-jvm.zip).
# Usage: bench/startup-trim.sh [runs (default 5)]
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${1:-5}"
WORK="$(mktemp -d /tmp/startup-trim.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
[[ -f target/bench/function-jvm.zip ]] || { echo "run bench/cold-start.sh first" >&2; exit 1; }
mkdir -p "$WORK/jvm" && unzip -q target/bench/function-jvm.zip -d "$WORK/jvm"
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null
mkdir -p "$WORK/floor" && javac -d "$WORK/floor" bench/floor/FloorCreateElement.java

app="$WORK/jvm/quarkus-app"
variant() { # label, java options...
  local label="$1"; shift
  mode_args+=(--mode "$label|server|$app|java $* -jar quarkus-run.jar")
}
mode_args=()
# 0: what `java -jar` does with no options
variant "defaults"
# 1: one GC thread and no concurrent collector to start
variant "serial-gc" -XX:+UseSerialGC
# 2: C1 only: no C2 compiler threads competing with start-up on two CPUs
variant "serial+c1" -XX:+UseSerialGC -XX:TieredStopAtLevel=1
# 3: what bootstrap runs: 2 and a heap ceiling
variant "bootstrap" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx96m
# 4: 3 without the hsperfdata file and with smaller thread stacks
variant "bootstrap+misc" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx96m -XX:-UsePerfData -Xss256k
# 5: 3 with fewer threads made at start: one event loop, one worker to begin with
variant "bootstrap+threads" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx96m \
  -Dquarkus.vertx.event-loops-pool-size=1 -Dquarkus.thread-pool.core-threads=1
# 6: 3 with JSON log lines, as serverless.yml deploys it (cost of the JSON formatter)
variant "bootstrap+json-log" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx96m -Dquarkus.log.console.json.enabled=true
mode_args+=(--mode "floor|oneshot|$WORK/floor|java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp . FloorCreateElement")

echo "== $RUNS runs per variant, round-robin; $(java -version 2>&1 | head -1); $(nproc) CPUs"
java -cp "target/test-classes:$(cat "$WORK/classpath.txt")" dev.vodelement.bench.ColdStartBench \
  --runs "$RUNS" --request samples/create-element.json "${mode_args[@]}"

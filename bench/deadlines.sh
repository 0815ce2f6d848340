#!/usr/bin/env bash
# Benchmark of issue 9 (deadlines and isolation): (a) 4 images whose DNS hangs (in process: the
# packaged function's resolver cannot be pointed at a hanging stand-in from outside on Java 17),
# (b) 4 images whose hosts never answer and (c) a flood of such requests (300, 100 at a time) while
# healthy requests run, both against each SCF package, unpacked and started through its own
# bootstrap as SCF starts it (outside Custom Runtime mode: an HTTP server):
#   jvm     target/function-jvm.zip (made by ./mvnw package; built here if missing)
#   native  target/function.zip (made by ./mvnw package -Dnative), with serverless.yml's
#           FUNCTION_MAX_HEAP; skipped, and said so, when it is missing
# Prints each request's time against the deadline, healthy p50/p99 idle vs during the flood, and
# the function's threads and RSS before, at the peak and 60 s after. Figures, not assertions.
# Usage: bench/deadlines.sh [--flood 300] [--parallel 100] [--idle 40] [--after 60]
# Environment: PACKAGES (default "jvm native"). Offline like bench/image-probe.sh: MAVEN_ARGS=-o
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES="${PACKAGES:-jvm native}"
WORK="$(mktemp -d /tmp/deadlines.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

if [[ " $PACKAGES " == *" jvm "* && ! -f target/function-jvm.zip ]]; then
  ./mvnw -B -q ${MAVEN_ARGS:-} package -DskipTests
fi
# The native heap ceiling the deployment sets (serverless.yml's environment), not the bootstrap's fallback.
native_heap="$(sed -n 's/^ *FUNCTION_MAX_HEAP: *"\{0,1\}\([0-9]*[kmg]\)"\{0,1\}.*/\1/p' serverless.yml | head -1)"

for package in $PACKAGES; do
  case "$package" in
    jvm) zip=target/function-jvm.zip heap="" ;;
    native) zip=target/function.zip heap="$native_heap" ;;
    *) echo "unknown package $package (jvm or native)" >&2; exit 2 ;;
  esac
  if [[ ! -f "$zip" ]]; then
    echo "=== $package: $zip is missing (build it first), skipped"
    continue
  fi
  unzip -q "$PWD/$zip" -d "$WORK/$package"
  echo "=== $package: $zip${heap:+, FUNCTION_MAX_HEAP=$heap}"
  FUNCTION_MAX_HEAP="${heap:-${FUNCTION_MAX_HEAP:-}}" ./mvnw -B -q ${MAVEN_ARGS:-} test -Dtest=DeadlineBenchRun \
    -Dsurefire.failIfNoSpecifiedTests=false -Dbench=deadlines -DtrimStackTrace=false \
    -Dbench.args="--bootstrap $WORK/$package/bootstrap --name $package $*"
done

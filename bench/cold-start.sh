#!/usr/bin/env bash
# Cold start, measured. Starts each packaged function from nothing (a new process from its unpacked
# SCF package, through its own bootstrap) and times the first successful createElement against
# loopback stand-ins for VOD (verifying TC3 signatures) and for the image host; reports the
# process' peak RSS (VmHWM). Modes:
#   jvm      target/function-jvm.zip, default JDK (the JDK an SCF layer would carry), as an HTTP server
#   jvm-scf  the same package in SCF Custom Runtime mode: a runtime API stand-in hands it the
#            createElement request as its first event, timed until the runtime reports the result
#   jvm-aot  the same built and run with JDK 25 and its AOT cache (quarkus.package.jar.aot.enabled)
#   native   target/function.zip, only when a native build left one (cannot be built on every machine),
#            as an HTTP server and (native-scf) in Custom Runtime mode
#   floor    a plain-Java program making the same signed call with java.net.http: the JVM's floor
# Usage: bench/cold-start.sh [runs (default 5)]
# Environment: JAVA25_HOME; MODES="jvm floor" (a subset); SKIP_BUILD=1 reuses the packages of an
# earlier run (target/bench/*.zip) and target/function.zip.
# Medians are printed with ratios to the floor; figures are recorded in docs/deploy.md.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${1:-5}"
JAVA25_HOME="${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
MODES="${MODES:-jvm jvm-scf jvm-aot native floor}"
WORK="$(mktemp -d /tmp/cold-start.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
has_mode() { [[ " $MODES " == *" $1 "* ]]; }

unpack() { # zip, directory
  mkdir -p "$2" && (cd "$2" && unzip -q "$1")
}

mkdir -p target/bench
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "== building the JVM package (default JDK)"
  ./mvnw -B -q package -DskipTests
  cp target/function-jvm.zip target/bench/function-jvm.zip
  if has_mode jvm-aot; then
    if [[ -x "$JAVA25_HOME/bin/java" ]]; then
      # The AOT cache is recorded while the @QuarkusIntegrationTests exercise the packaged jar; the
      # package is zipped again after them so that it carries quarkus-app/app.aot.
      echo "== building the JVM package with JDK 25 and its AOT cache (training run: the integration tests)"
      JAVA_HOME="$JAVA25_HOME" ./mvnw -B -q verify -Dtest=NoUnitTestsHere -Dsurefire.failIfNoSpecifiedTests=false \
        -Dquarkus.package.jar.aot.enabled=true -Dquarkus.package.jar.aot.phase=INTEGRATION_TESTS >"$WORK/aot-build.log" 2>&1 \
        || { cat "$WORK/aot-build.log" >&2; exit 1; }
      unzip -l target/function-jvm.zip quarkus-app/app.aot >/dev/null \
        || { echo "the AOT build packaged no quarkus-app/app.aot" >&2; exit 1; }
      cp target/function-jvm.zip target/bench/function-jvm-aot.zip
    else
      echo "== no JDK 25 at $JAVA25_HOME: jvm-aot skipped"
    fi
  fi
fi
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null

mode_args=()
if has_mode jvm || has_mode jvm-scf; then
  unpack "$PWD/target/bench/function-jvm.zip" "$WORK/jvm"
  has_mode jvm && mode_args+=(--mode "jvm|server|$WORK/jvm|./bootstrap")
  has_mode jvm-scf && mode_args+=(--mode "jvm-scf|runtime|$WORK/jvm|./bootstrap")
fi
if has_mode jvm-aot && [[ -f target/bench/function-jvm-aot.zip ]]; then
  unpack "$PWD/target/bench/function-jvm-aot.zip" "$WORK/jvm-aot"
  # The bootstrap takes Java from JAVA_HOME: point it at the JDK 25 that recorded the cache.
  printf '#!/bin/sh\nJAVA_HOME=%s exec ./bootstrap "$@"\n' "$JAVA25_HOME" > "$WORK/jvm-aot/run"
  chmod +x "$WORK/jvm-aot/run"
  # The cache remembers the directory it was recorded in, and while that directory exists the
  # application reads its quarkus/quarkus-application.dat from there (whatever build now lies there;
  # docs/deploy.md). A deployed package never has it: move target/quarkus-app aside meanwhile.
  if [[ -d target/quarkus-app ]]; then
    rm -rf target/bench/quarkus-app.moved-aside
    mv target/quarkus-app target/bench/quarkus-app.moved-aside
    trap 'mv target/bench/quarkus-app.moved-aside target/quarkus-app; rm -rf "$WORK"' EXIT
  fi
  mode_args+=(--mode "jvm-aot|server|$WORK/jvm-aot|./run")
fi
if has_mode native; then
  if [[ -f target/function.zip ]]; then
    unpack "$PWD/target/function.zip" "$WORK/native"
    mode_args+=(--mode "native|server|$WORK/native|./bootstrap")
    mode_args+=(--mode "native-scf|runtime|$WORK/native|./bootstrap")
  else
    echo "== native skipped: no target/function.zip (build it with ./mvnw package -Dnative, see docs/deploy.md)"
  fi
fi
if has_mode floor; then
  mkdir -p "$WORK/floor"
  javac -d "$WORK/floor" bench/floor/FloorCreateElement.java
  mode_args+=(--mode "floor|oneshot|$WORK/floor|java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp . FloorCreateElement")
fi

echo "== $RUNS runs per mode, round-robin; java: $(java -version 2>&1 | head -1); $(nproc) CPUs"
java -cp "target/test-classes:$(cat "$WORK/classpath.txt")" dev.vodelement.bench.ColdStartBench \
  --runs "$RUNS" --request samples/create-element.json "${mode_args[@]}"

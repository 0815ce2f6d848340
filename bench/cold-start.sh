#!/usr/bin/env bash
# Cold start, measured. Starts each packaged function from nothing (a new process from its unpacked
# SCF package, through its own bootstrap) and times the first successful createElement against
# loopback stand-ins for VOD (verifying TC3 signatures) and for the image host, with where the time
# goes (process start -> Quarkus started -> [runtime ready ->] first ElementId) and the process' peak
# RSS (VmHWM). Modes (MODES, default "native native-scf native-soak native-floor native-framework"):
#   native        target/function.zip (the native executable) as an HTTP server
#   native-scf    the same in SCF Custom Runtime mode: a runtime API stand-in hands it the
#                 createElement request as its first event, timed until the runtime reports the result
#   native-soak   the same, handed 200 four-image events in a row, once: peak RSS after them all
#   native-floor  bench/floor/FloorCreateElement.java (two ranged image reads, TC3 signing, one POST,
#                 java.net.http, no framework) compiled with the same native-image and settings
#   native-framework  bench/framework-floor: Quarkus with the function's extensions (Funqy HTTP, REST
#                 Client Jackson, JSON logging) and a createElement that only answers, built by the
#                 same native-image with the same settings, as an HTTP server
#   jvm, jvm-scf  target/function-jvm.zip on the default JDK, HTTP / Custom Runtime mode
#   jvm-aot       the same built and run with JDK 25 and its AOT cache
#   floor         the floor program on the default JDK
# Every mode is compared with the floors of its family, measured in the same run, round-robin: native
# modes with native-floor (the same work, no framework) and native-framework (the framework, no work).
# Usage: bench/cold-start.sh [runs (default 7)]
# Environment: GRAALVM_HOME (a GraalVM/Mandrel for the native modes), NATIVE_LINK (static, the default:
# what SCF runs, needs the toolchain's add-musl.sh; or dynamic), JAVA25_HOME (jvm-aot),
# SOAK_EVENTS (default 200), TLS=1 (VOD and the image host over https with a test CA: native modes
# only, as the JVM floor takes no options after its class name), SKIP_BUILD=1 (reuse target/function.zip and target/bench/*.zip),
# NATIVE_BUILD_ARGS (extra -D options for the native build), NATIVE_VARIANTS="name=path/function.zip
# name2=env:VAR=value,VAR2=value name3=args:-Xmn8m ..." (trims being tried: another native package,
# or the main one with extra environment or executable arguments, comma-separated; each runs as native-<name> and native-<name>-scf in the same round-robin, or only
# as the latter when its name is in SCF_ONLY_VARIANTS, and soaked too when it is in SOAK_VARIANTS).
# Figures are recorded in docs/deploy.md.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${1:-7}"
JAVA25_HOME="${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
MODES="${MODES:-native native-scf native-soak native-floor native-framework}"
NATIVE_LINK="${NATIVE_LINK:-static}"
case "$NATIVE_LINK" in
  static) link_args=(--static --libc=musl -Os) ;;
  dynamic) link_args=(-Os) ;;
  *) echo "NATIVE_LINK must be static or dynamic" >&2; exit 1 ;;
esac
WORK="$(mktemp -d /tmp/cold-start.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
has_mode() { [[ " $MODES " == *" $1 "* ]]; }
has_native() { has_mode native || has_mode native-scf || has_mode native-soak || has_mode native-floor || has_mode native-framework; }
unpack() { mkdir -p "$2" && (cd "$2" && unzip -q "$1"); } # zip, directory

if has_native; then
  [[ -x "${GRAALVM_HOME:-}/bin/native-image" ]] \
    || { echo "the native modes need GRAALVM_HOME (a GraalVM or Mandrel with native-image)" >&2; exit 1; }
fi

mkdir -p target/bench
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  if has_native; then
    echo "== building the native executable and target/function.zip ($NATIVE_LINK)"
    # shellcheck disable=SC2086
    ./mvnw -B -q package -Dnative -DskipTests -Dnative.link="$NATIVE_LINK" -Dquarkus.native.graalvm-home="$GRAALVM_HOME" \
      ${NATIVE_BUILD_ARGS:-}
  fi
  if has_mode jvm || has_mode jvm-scf; then
    echo "== building the JVM package (default JDK)"
    ./mvnw -B -q package -DskipTests
    cp target/function-jvm.zip target/bench/function-jvm.zip
  fi
  if has_mode jvm-aot; then
    # The AOT cache is recorded while the integration tests exercise the packaged jar.
    echo "== building the JVM package with JDK 25 and its AOT cache (training run: the integration tests)"
    JAVA_HOME="$JAVA25_HOME" ./mvnw -B -q verify -DskipUTs \
      -Dquarkus.package.jar.aot.enabled=true -Dquarkus.package.jar.aot.phase=INTEGRATION_TESTS >"$WORK/aot-build.log" 2>&1 \
      || { cat "$WORK/aot-build.log" >&2; exit 1; }
    cp target/function-jvm.zip target/bench/function-jvm-aot.zip
  fi
fi
# The test classpath (stand-ins and the bench driver), with the dependency plugin named in full so
# that it also resolves offline once cached.
./mvnw -B -q test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null

mode_args=()
if has_mode native || has_mode native-scf || has_mode native-soak; then
  [[ -f target/function.zip ]] || { echo "no target/function.zip: build it with ./mvnw package -Dnative" >&2; exit 1; }
  unpack "$PWD/target/function.zip" "$WORK/native"
  has_mode native && mode_args+=(--mode "native|server|$WORK/native|./bootstrap")
  has_mode native-scf && mode_args+=(--mode "native-scf|runtime|$WORK/native|./bootstrap")
  has_mode native-soak && mode_args+=(--mode "native-soak|soak|$WORK/native|./bootstrap")
fi
for variant in ${NATIVE_VARIANTS:-}; do
  name="${variant%%=*}" what="${variant#*=}" dir="$WORK/native-${variant%%=*}"
  if [[ "$what" == env:* || "$what" == args:* ]]; then # the main package, more environment or arguments
    unpack "$PWD/target/function.zip" "$dir"
    if [[ "$what" == env:* ]]; then
      printf '#!/bin/sh\nexport %s\nexec ./bootstrap.main "$@"\n' "$(tr ',' ' ' <<<"${what#env:}")" > "$dir/bootstrap.new"
    else
      printf '#!/bin/sh\nexec ./bootstrap.main %s "$@"\n' "$(tr ',' ' ' <<<"${what#args:}")" > "$dir/bootstrap.new"
    fi
    mv "$dir/bootstrap" "$dir/bootstrap.main" && mv "$dir/bootstrap.new" "$dir/bootstrap" && chmod +x "$dir/bootstrap"
  else
    unpack "$(realpath "$what")" "$dir"
  fi
  [[ " ${SCF_ONLY_VARIANTS:-} " == *" $name "* ]] || mode_args+=(--mode "native-$name|server|$dir|./bootstrap")
  mode_args+=(--mode "native-$name-scf|runtime|$dir|./bootstrap")
  [[ " ${SOAK_VARIANTS:-} " == *" $name "* ]] && mode_args+=(--mode "native-$name-soak|soak|$dir|./bootstrap")
done
if has_mode native-floor || has_mode floor; then
  mkdir -p "$WORK/floor"
  javac -d "$WORK/floor" bench/floor/FloorCreateElement.java
fi
if has_mode native-floor; then
  # kept in target/bench between runs: rebuilt when its source or the native-image changed
  floor_key="$( (cat bench/floor/FloorCreateElement.java "$GRAALVM_HOME/release" 2>/dev/null; echo "$NATIVE_LINK") \
    | sha256sum | cut -c1-16)"
  if [[ ! -x "target/bench/floor-native-$floor_key" ]]; then
    echo "== compiling the floor with $GRAALVM_HOME/bin/native-image (the project's optimisation and -march)"
    (cd "$WORK/floor" && "$GRAALVM_HOME/bin/native-image" --no-fallback "${link_args[@]}" -march=compatibility \
      --enable-url-protocols=http,https -cp . FloorCreateElement -o floor-native >"$WORK/floor-native-build.log" 2>&1) \
      || { cat "$WORK/floor-native-build.log" >&2; exit 1; }
    cp "$WORK/floor/floor-native" "target/bench/floor-native-$floor_key"
  fi
  cp "target/bench/floor-native-$floor_key" "$WORK/floor/floor-native"
  # the same heap ceiling as the function's bootstrap
  mode_args+=(--mode "native-floor|oneshot|$WORK/floor|./floor-native -Xmx64m")
fi
if has_mode native-framework; then
  # kept in target/bench between runs: rebuilt when its sources or the native-image changed
  framework_key="$( (find bench/framework-floor -path '*/target' -prune -o -type f -print | sort | xargs cat; \
    cat "$GRAALVM_HOME/release" 2>/dev/null; echo "$NATIVE_LINK") | sha256sum | cut -c1-16)"
  if [[ ! -x "target/bench/framework-floor-$framework_key" ]]; then
    echo "== building the framework floor with $GRAALVM_HOME/bin/native-image (the project's link mode and -march)"
    ./mvnw -B -q -f bench/framework-floor/pom.xml clean package -Dquarkus.native.graalvm-home="$GRAALVM_HOME" \
      -Dquarkus.native.additional-build-args="$(IFS=,; echo "${link_args[*]}")" >"$WORK/framework-build.log" 2>&1 \
      || { cat "$WORK/framework-build.log" >&2; exit 1; }
    cp bench/framework-floor/target/framework-floor-1.0.0-SNAPSHOT-runner "target/bench/framework-floor-$framework_key"
    rm -rf bench/framework-floor/target
  fi
  mkdir -p "$WORK/framework"
  cp "target/bench/framework-floor-$framework_key" "$WORK/framework/application"
  # the function's bootstrap settings: port from QUARKUS_HTTP_PORT, the same heap ceiling
  mode_args+=(--mode "native-framework|server|$WORK/framework|./application -Xmx64m -Xmn8m")
fi
if has_mode jvm || has_mode jvm-scf; then
  unpack "$PWD/target/bench/function-jvm.zip" "$WORK/jvm"
  has_mode jvm && mode_args+=(--mode "jvm|server|$WORK/jvm|./bootstrap")
  has_mode jvm-scf && mode_args+=(--mode "jvm-scf|runtime|$WORK/jvm|./bootstrap")
fi
if has_mode jvm-aot && [[ -f target/bench/function-jvm-aot.zip ]]; then
  unpack "$PWD/target/bench/function-jvm-aot.zip" "$WORK/jvm-aot"
  printf '#!/bin/sh\nJAVA_HOME=%s exec ./bootstrap "$@"\n' "$JAVA25_HOME" > "$WORK/jvm-aot/run"
  chmod +x "$WORK/jvm-aot/run"
  # The cache remembers the directory it was recorded in and prefers it while it exists
  # (docs/deploy.md); a deployed package never has it, so move target/quarkus-app aside meanwhile.
  if [[ -d target/quarkus-app ]]; then
    rm -rf target/bench/quarkus-app.moved-aside
    mv target/quarkus-app target/bench/quarkus-app.moved-aside
    trap 'mv target/bench/quarkus-app.moved-aside target/quarkus-app; rm -rf "$WORK"' EXIT
  fi
  mode_args+=(--mode "jvm-aot|server|$WORK/jvm-aot|./run")
fi
if has_mode floor; then
  mode_args+=(--mode "floor|oneshot|$WORK/floor|java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp . FloorCreateElement")
fi

echo "== $RUNS runs per mode, round-robin; $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "target/test-classes:$(cat "$WORK/classpath.txt")" dev.vodelement.bench.ColdStartBench \
  --runs "$RUNS" --soak-events "${SOAK_EVENTS:-200}" --request samples/create-element.json \
  ${TLS:+--tls} "${mode_args[@]}"

echo
size() { awk -v n="$1" -v b="$(stat -c %s "$2")" 'BEGIN { printf "%-34s %6.1f MB\n", n, b / 1048576 }'; }
if [[ -f "$WORK/native/application" ]]; then
  size "native executable (application)" "$WORK/native/application"
  size "target/function.zip" target/function.zip
fi
[[ -f "$WORK/floor/floor-native" ]] && size "native floor executable" "$WORK/floor/floor-native"
[[ -f "$WORK/framework/application" ]] && size "framework floor executable" "$WORK/framework/application"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

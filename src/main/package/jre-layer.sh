#!/usr/bin/env bash
# Builds target/jre-layer.zip: a Java runtime for the JVM Custom Runtime package (target/function-jvm.zip)
# as an SCF layer. SCF's CentOS 7 image has no Java 17; layers unpack under /opt, so this one's
# jre/ becomes /opt/jre, where the package's bootstrap looks for bin/java.
# Only the modules the application uses (jlink), so that the layer stays small. Run it with the JDK
# whose version you want on SCF (17 or newer; for an AOT cache, the exact JDK build that recorded it).
# Usage: src/main/package/jre-layer.sh   (JAVA_HOME selects the JDK)
set -euo pipefail
cd "$(dirname "$0")/../../.."

JLINK="${JAVA_HOME:+$JAVA_HOME/bin/}jlink"
OUT="$(mktemp -d /tmp/jre-layer.XXXXXX)"
trap 'rm -rf "$OUT"' EXIT

# java.base and friends for Quarkus/Vert.x/Netty (jdk.unsupported: sun.misc.Unsafe), java.naming and
# jdk.crypto.ec for TLS to VOD and the image hosts, java.management and java.logging for the log manager.
"$JLINK" --add-modules java.base,java.logging,java.management,java.naming,java.net.http,java.xml,java.sql,jdk.unsupported,jdk.crypto.ec,java.security.jgss,jdk.zipfs \
  --strip-debug --no-man-pages --no-header-files --compress=2 --output "$OUT/jre"
mkdir -p target
rm -f target/jre-layer.zip
(cd "$OUT" && zip -qr - jre) > target/jre-layer.zip
echo "target/jre-layer.zip: $(du -h target/jre-layer.zip | cut -f1), $("$OUT/jre/bin/java" -version 2>&1 | head -1)"

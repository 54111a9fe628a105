# Sourced by ./mvnw and ./choreolab: picks a JDK of release 21 or newer, because Tycho 5 and the
# current Eclipse bundles need one while the machine's default java may be older.
choreolab_java_release() {
  # The JDK's release file gives the version without starting a JVM (tens of ms on every launch).
  if [ -f "$1/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release")
    if [ -n "$v" ]; then echo "$v"; return 0; fi
  fi
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1
}
choreolab_jdk_ok() {
  [ -x "$1/bin/javac" ] || return 1
  r=$(choreolab_java_release "$1")
  [ "${r:-0}" -ge 21 ] 2>/dev/null
}
if [ -z "${JAVA_HOME-}" ] || ! choreolab_jdk_ok "$JAVA_HOME"; then
  choreolab_jdk=$(set +f; for d in /usr/lib/jvm/temurin-* /usr/lib/jvm/java-2[1-9]-* /usr/lib/jvm/*; do
    if choreolab_jdk_ok "$d"; then echo "$d"; break; fi; done)
  if [ -z "$choreolab_jdk" ]; then
    echo "choreolab: no JDK 21 or newer found (JAVA_HOME=${JAVA_HOME-unset}, searched /usr/lib/jvm)." >&2
    echo "choreolab: install one (e.g. Temurin 25) or point JAVA_HOME at it." >&2
    exit 1
  fi
  JAVA_HOME="$choreolab_jdk"
  export JAVA_HOME
fi

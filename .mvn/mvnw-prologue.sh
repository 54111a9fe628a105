# Sourced by ./mvnw before anything else.
# 1. A JDK 21+ (Tycho 5 and the Eclipse bundles need it; the machine's default java may be older).
. "$(dirname "$0")/.mvn/find-jdk.sh"
# 2. A display for the workbench tests: on a headless machine, run the build under xvfb-run.
if [ -z "${DISPLAY-}" ] && [ -z "${CHOREOLAB_NO_XVFB-}" ]; then
  if command -v xvfb-run >/dev/null 2>&1; then
    CHOREOLAB_NO_XVFB=1 exec xvfb-run -a -s "-screen 0 1920x1200x24" "$0" "$@"
  else
    echo "mvnw: no DISPLAY and no xvfb-run: the workbench tests will fail (apt-get install xvfb)" >&2
  fi
fi

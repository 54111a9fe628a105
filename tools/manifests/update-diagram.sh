#!/usr/bin/env bash
# Redraws docs/architecture/bundles.dot and bundles.svg from the bundles' manifests (needs Graphviz's dot).
# Run after changing a MANIFEST.MF; ./mvnw verify fails (ManifestsTest) while the committed diagram is stale.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
. .mvn/find-jdk.sh
./mvnw -o -q compile org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime -pl tools/manifests
"$JAVA_HOME/bin/java" -cp "tools/manifests/target/classes:$(cat tools/manifests/target/classpath.txt)" \
  org.choreolab.tools.manifests.Diagram "$root"

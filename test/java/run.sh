#!/usr/bin/env bash
# Resolve the jar that jsii-pacmak built (dist/java is a Maven repository) and run the JUnit tests against it.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/packaged.sh
version=$(packaged_java_version test:java)
mvn -B -Dmaven.repo.local="$MAVEN_LOCAL_REPO" -f test/java/pom.xml -Dlibrary.version="$version" -Dlibrary.repository="file://$PWD/dist/java" test

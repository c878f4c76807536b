#!/usr/bin/env bash
# Resolve the jar that jsii-pacmak built (dist/java is a Maven repository) and run the JUnit tests against it.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(node -p "require('./package.json').version")
jar="dist/java/io/github/cdkcomplianceconstructs/cdk-compliance-constructs/$version/cdk-compliance-constructs-$version.jar"
if [ ! -f "$jar" ]; then
  echo "test:java: $jar not found; run 'npx projen package:java' first" >&2
  exit 1
fi
# Drop any copy of this version cached by an earlier run, so the tests use the jar just built.
rm -rf "$HOME/.m2/repository/io/github/cdkcomplianceconstructs/cdk-compliance-constructs/$version"
mvn -B -f test/java/pom.xml -Dlibrary.version="$version" -Dlibrary.repository="file://$PWD/dist/java" test

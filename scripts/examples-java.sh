#!/usr/bin/env bash
# Synthesize every Java reference app (examples/*/java/pom.xml) against the jar in dist/java (a Maven
# repository written by jsii-pacmak), each into the cdk.out next to its pom.xml; fail if any app has a
# cdk-nag finding or does not synthesize.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
source scripts/packaged.sh
version=$(packaged_java_version examples:java)

shopt -s nullglob
poms=(examples/*/java/pom.xml)
if [ ${#poms[@]} -eq 0 ]; then
  echo "examples:java: no examples/*/java/pom.xml" >&2
  exit 1
fi
failed=()
for pom in "${poms[@]}"; do
  dir=$(dirname "$pom")
  echo ""
  echo "== $dir"
  rm -rf "$dir/cdk.out"
  app_started=$(date +%s)
  if mvn -B -q -Dstyle.color=never -Dmaven.repo.local="$MAVEN_LOCAL_REPO" -f "$pom" -Dlibrary.version="$version" -Dlibrary.repository="file://$PWD/dist/java" compile exec:java; then
    echo "== $dir: no findings ($(( $(date +%s) - app_started ))s)"
  else
    echo "== $dir: FAILED ($(( $(date +%s) - app_started ))s)" >&2
    failed+=("$dir")
  fi
done
echo ""
echo "examples:java: ${#poms[@]} app(s) in $(( $(date +%s) - started ))s"
if [ ${#failed[@]} -gt 0 ]; then
  echo "examples:java: failed: ${failed[*]}" >&2
  exit 1
fi

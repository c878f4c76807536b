#!/usr/bin/env bash
# Maven Central's maven-metadata.xml for io.github.cdklabs:cdknag lists no 3.x release, although the
# 3.x jars and poms are published. jsii-pacmak writes our peer dependency as the range [3.0.2,4.0.0),
# and Maven resolves ranges from that metadata only, so the Java build cannot find cdk-nag 3.
# Installing the published artifact into the local repository writes maven-metadata-local.xml,
# which Maven merges into range resolution. (Consumers use <dependencyManagement>; see README.)
set -euo pipefail
version="${1:-3.0.2}"
repo="${HOME}/.m2/repository"
meta="$repo/io/github/cdklabs/cdknag/maven-metadata-local.xml"
if [ -f "$meta" ] && grep -q "<version>$version</version>" "$meta"; then
  exit 0
fi
mvn -q -B dependency:get -Dartifact="io.github.cdklabs:cdknag:$version" -Dtransitive=false
tmp=$(mktemp -d)
cp "$repo/io/github/cdklabs/cdknag/$version/cdknag-$version.jar" "$repo/io/github/cdklabs/cdknag/$version/cdknag-$version.pom" "$tmp/"
mvn -q -B install:install-file -Dfile="$tmp/cdknag-$version.jar" -DpomFile="$tmp/cdknag-$version.pom"
rm -rf "$tmp"
echo "prepare-maven: io.github.cdklabs:cdknag:$version installed into $repo"

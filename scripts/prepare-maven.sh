#!/usr/bin/env bash
# Maven Central's maven-metadata.xml for io.github.cdklabs:cdknag lists no 3.x release, although the
# 3.x jars and poms are published. jsii-pacmak writes our peer dependency as the range [3.0.2,4.0.0),
# and Maven resolves ranges from that metadata only, so the Java build cannot find cdk-nag 3.
# Installing the published artifact into the local repository writes maven-metadata-local.xml,
# which Maven merges into range resolution. (Consumers use <dependencyManagement>; see README.)
set -euo pipefail
version="${1:-3.0.2}"
# The repository jsii-pacmak is given (see package:java). Named on every mvn call: Java takes user.home
# from the password database, not from HOME, so Maven would otherwise use another one when HOME is set
# elsewhere (as CI does, to start from an empty one).
repo="${HOME}/.m2/repository"
meta="$repo/io/github/cdklabs/cdknag/maven-metadata-local.xml"
if [ -f "$meta" ] && grep -q "<version>$version</version>" "$meta"; then
  exit 0
fi
# With -Dtransitive=false dependency:get downloads only the artifact named, so the pom is asked for too.
mvn -q -B -Dmaven.repo.local="$repo" dependency:get -Dartifact="io.github.cdklabs:cdknag:$version" -Dtransitive=false
mvn -q -B -Dmaven.repo.local="$repo" dependency:get -Dartifact="io.github.cdklabs:cdknag:$version:pom" -Dtransitive=false
tmp=$(mktemp -d)
cp "$repo/io/github/cdklabs/cdknag/$version/cdknag-$version.jar" "$repo/io/github/cdklabs/cdknag/$version/cdknag-$version.pom" "$tmp/"
mvn -q -B -Dmaven.repo.local="$repo" install:install-file -Dfile="$tmp/cdknag-$version.jar" -DpomFile="$tmp/cdknag-$version.pom"
rm -rf "$tmp"
echo "prepare-maven: io.github.cdklabs:cdknag:$version installed into $repo"

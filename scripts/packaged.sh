# Sourced by the scripts that test or run the Python and Java packages jsii-pacmak built
# (test/python/run.sh, test/java/run.sh, scripts/examples-python.sh, scripts/examples-java.sh).

# The Maven repository jsii-pacmak builds against and scripts/prepare-maven.sh prepares; pass it to
# every mvn call (-Dmaven.repo.local): Java takes user.home from the password database, not from HOME,
# so Maven would otherwise use another one when HOME is set elsewhere (as CI does, to start empty).
MAVEN_LOCAL_REPO="$HOME/.m2/repository"

# packaged_wheel TASK: print the one wheel in dist/python, or fail naming TASK and how to build it.
packaged_wheel() {
  local wheels=(dist/python/cdk_compliance_constructs-*.whl)
  if [ ${#wheels[@]} -ne 1 ] || [ ! -f "${wheels[0]}" ]; then
    local found=${#wheels[@]}
    [ -f "${wheels[0]}" ] || found=0
    echo "$1: expected exactly one wheel in dist/python, found $found; run 'npx projen package:python' first" >&2
    return 1
  fi
  printf '%s\n' "${wheels[0]}"
}

# packaged_java_version TASK: print the version of the jar in dist/java (a Maven repository), or fail
# naming TASK; drops any copy of that version cached in ~/.m2 by an earlier build, so Maven resolves
# the jar just built.
packaged_java_version() {
  local version jar
  version=$(node -p "require('./package.json').version")
  jar="dist/java/io/github/cdkcomplianceconstructs/cdk-compliance-constructs/$version/cdk-compliance-constructs-$version.jar"
  if [ ! -f "$jar" ]; then
    echo "$1: $jar not found; run 'npx projen package:java' first" >&2
    return 1
  fi
  rm -rf "$MAVEN_LOCAL_REPO/io/github/cdkcomplianceconstructs/cdk-compliance-constructs/$version"
  printf '%s\n' "$version"
}

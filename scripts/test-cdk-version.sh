#!/usr/bin/env bash
# Run the jest suite against another aws-cdk-lib release than the one in devDependencies (the peer
# minimum). The release is installed beside the project in .cdk-version/ and mapped in for every
# module, cdk-nag included, so node_modules stays as it is.
set -euo pipefail
version="${1:?usage: test-cdk-version.sh <aws-cdk-lib version>}"
cd "$(dirname "$0")/.."
dir=.cdk-version
if [ "$(node -p "try { require('./$dir/node_modules/aws-cdk-lib/package.json').version } catch { '' }")" != "$version" ]; then
  rm -rf "$dir"
  mkdir -p "$dir"
  echo '{ "name": "cdk-version-under-test", "private": true }' > "$dir/package.json"
  npm install --prefix "$dir" --no-save --no-package-lock --legacy-peer-deps --no-audit --no-fund "aws-cdk-lib@$version" >/dev/null
fi
echo "test:cdk-version: running jest against aws-cdk-lib $version"
EXPECT_CDK_VERSION="$version" npx jest --config scripts/jest.cdk-version.config.js --coverage=false "${@:2}"

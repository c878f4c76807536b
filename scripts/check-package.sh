#!/usr/bin/env bash
# The npm tarball (which the Python and Java packages embed) may hold only what users need: the
# compiled library, its assembly, the bundled Lambda and CLI assets and the documentation. Anything
# else (a virtual environment, test output, caches) fails the build, naming the stray paths.
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
tarballs=(dist/js/*.tgz)
if [ ${#tarballs[@]} -ne 1 ]; then
  echo "check-package: expected exactly one tarball in dist/js, found ${#tarballs[@]}; run 'npx projen package:js' first" >&2
  exit 1
fi
allowed='^package/(package\.json|\.jsii|\.jsii\.tabl\.json|LICENSE|README\.md|API\.md|RULES\.md|lib/.+\.(js|d\.ts)|assets/.+\.(js|js\.map)|docs/[^/]+\.(md|png)|rosetta/[^/]+\.ts-fixture)$'
entries=$(tar tzf "${tarballs[0]}")
stray=$(printf '%s\n' "$entries" | grep -Ev "$allowed" || true)
count=$(printf '%s\n' "$entries" | wc -l)
size=$(du -k "${tarballs[0]}" | cut -f1)
if [ -n "$stray" ]; then
  echo "check-package: ${tarballs[0]} holds $(printf '%s\n' "$stray" | wc -l) file(s) outside what the package may ship, e.g.:" >&2
  printf '%s\n' "$stray" | sed -n '1,20p' >&2
  exit 1
fi
echo "check-package: ${tarballs[0]}: $count files, ${size} KiB, nothing outside the allowed paths"

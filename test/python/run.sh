#!/usr/bin/env bash
# Install the wheel that jsii-pacmak built into a fresh virtual environment and run pytest against it.
set -euo pipefail
cd "$(dirname "$0")/../.."
shopt -s nullglob
wheels=(dist/python/cdk_compliance_constructs-*.whl)
if [ ${#wheels[@]} -ne 1 ]; then
  echo "test:python: expected exactly one wheel in dist/python, found ${#wheels[@]}; run 'npx projen package:python' first" >&2
  exit 1
fi
venv=test/python/.venv
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${wheels[0]}" pytest
"$venv/bin/python" -m pip list --disable-pip-version-check 2>/dev/null | grep -Ei '^(aws-cdk-lib|cdk-nag|cdk-compliance-constructs|constructs) '
"$venv/bin/python" -m pytest test/python -q -p no:cacheprovider

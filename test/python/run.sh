#!/usr/bin/env bash
# Install the wheel that jsii-pacmak built into a fresh virtual environment and run pytest against it.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/packaged.sh
wheel=$(packaged_wheel test:python)
venv=test/python/.venv
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$wheel" pytest
"$venv/bin/python" -m pip list --disable-pip-version-check 2>/dev/null | grep -Ei '^(aws-cdk-lib|cdk-nag|cdk-compliance-constructs|constructs) '
"$venv/bin/python" -m pytest test/python -q -p no:cacheprovider

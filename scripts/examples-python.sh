#!/usr/bin/env bash
# Synthesize every Python reference app (examples/*/python/app.py) against the wheel in dist/python,
# each into the cdk.out next to it; fail if any app has a cdk-nag finding or does not synthesize.
#
# The virtual environment of test:python is reused when it was created after the wheel was built
# (test:all runs test:python first, which installs that wheel into a fresh one); otherwise a fresh
# environment is made in examples/.venv.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
shopt -s nullglob
source scripts/packaged.sh
wheel=$(packaged_wheel examples:python)

venv=test/python/.venv
# The apps also run AWS Control Tower's proactive controls (cfn-guard), an opt-in the library does not depend on.
guard="cdklabs.cdk-validator-cfnguard==$(node -p "require('@cdklabs/cdk-validator-cfnguard/package.json').version")"
if [ -x "$venv/bin/python" ] && [ "$venv/pyvenv.cfg" -nt "$wheel" ] \
  && "$venv/bin/python" -c 'import cdk_compliance_constructs' 2>/dev/null; then
  echo "examples:python: using $venv (created after $wheel)"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$guard"
else
  venv=examples/.venv
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$wheel" "$guard"
  echo "examples:python: installed $wheel into a fresh $venv in $(( $(date +%s) - started ))s"
fi

apps=(examples/*/python/app.py)
if [ ${#apps[@]} -eq 0 ]; then
  echo "examples:python: no examples/*/python/app.py" >&2
  exit 1
fi
failed=()
for app in "${apps[@]}"; do
  dir=$(dirname "$app")
  echo ""
  echo "== $dir"
  rm -rf "$dir/cdk.out"
  app_started=$(date +%s)
  if (cd "$dir" && "$OLDPWD/$venv/bin/python" app.py); then
    echo "== $dir: no findings ($(( $(date +%s) - app_started ))s)"
  else
    echo "== $dir: FAILED ($(( $(date +%s) - app_started ))s)" >&2
    failed+=("$dir")
  fi
done
echo ""
echo "examples:python: ${#apps[@]} app(s) in $(( $(date +%s) - started ))s"
if [ ${#failed[@]} -gt 0 ]; then
  echo "examples:python: failed: ${failed[*]}" >&2
  exit 1
fi

#!/usr/bin/env bash
# Outside validators on the reference app's templates: cfn-lint (zero errors) and Checkov (zero failed
# checks; a check our construct deliberately does not meet is skipped in the template's own metadata,
# with the reason). Run after `npx projen report`, which writes the templates.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-examples/typescript/cdk.out}"
shopt -s nullglob
templates=("$out"/*.template.json)
if [ ${#templates[@]} -eq 0 ]; then
  echo "validate: no templates in $out; run 'npx projen report' first" >&2
  exit 1
fi
venv=.validators-venv
if [ ! -x "$venv/bin/checkov" ] || [ ! -x "$venv/bin/cfn-lint" ]; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "cfn-lint==1.58.0" "checkov==3.3.30"
fi

status=0
echo "validate: cfn-lint $("$venv/bin/cfn-lint" --version | awk '{print $2}') on ${#templates[@]} template(s)"
set +e
lint=$("$venv/bin/cfn-lint" --format parseable "${templates[@]}")
set -e
errors=$(printf '%s\n' "$lint" | grep -c ':E[0-9]' || true)
warnings=$(printf '%s\n' "$lint" | grep -c ':W[0-9]' || true)
echo "validate: cfn-lint errors=$errors warnings=$warnings"
if [ "$errors" -gt 0 ]; then
  printf '%s\n' "$lint" | grep ':E[0-9]' >&2
  status=1
fi

set +e
"$venv/bin/checkov" -d "$out" --framework cloudformation --quiet --compact -o json > "$out/checkov.json" 2> "$out/checkov.stderr"
set -e
"$venv/bin/python" - "$out/checkov.json" <<'PY' || status=1
import json, sys
data = json.load(open(sys.argv[1]))
reports = data if isinstance(data, list) else [data]
passed = failed = skipped = 0
failures = []
for report in reports:
    summary = report.get("summary", {})
    passed += summary.get("passed", 0)
    failed += summary.get("failed", 0)
    skipped += summary.get("skipped", 0)
    for check in report.get("results", {}).get("failed_checks", []):
        failures.append(f"  {check['check_id']} {check['resource']} ({check['file_path']}): {check['check_name']}")
print(f"validate: checkov passed={passed} failed={failed} skipped={skipped} (skips carry their reasons in the templates' Metadata.checkov)")
if failed:
    print("\n".join(failures), file=sys.stderr)
    sys.exit(1)
PY
exit $status

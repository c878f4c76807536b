#!/usr/bin/env bash
# Outside validators on every synthesized reference app template (examples/<app>/<language>/cdk.out,
# all apps, all languages that have been synthesized): cfn-lint (zero errors) and Checkov (zero failed
# checks; a check a construct deliberately does not meet is skipped in the template's own metadata,
# with the reason). Prints counts per app and language, totals and the time taken.
# Run after `npx projen report` (TypeScript) and `examples:python` / `examples:java`, which write the templates.
#   bash scripts/validate-templates.sh [cdk.out directory ...]
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
shopt -s nullglob
if [ $# -gt 0 ]; then
  candidates=("$@")
else
  candidates=(examples/*/*/cdk.out)
fi
dirs=()
templates=()
for dir in "${candidates[@]}"; do
  found=("$dir"/*.template.json)
  if [ ${#found[@]} -gt 0 ]; then
    dirs+=("$dir")
    templates+=("${found[@]}")
  fi
done
if [ ${#templates[@]} -eq 0 ]; then
  echo "validate: no templates in examples/*/*/cdk.out; run 'npx projen report' first" >&2
  exit 1
fi

venv=.validators-venv
if [ ! -x "$venv/bin/checkov" ] || [ ! -x "$venv/bin/cfn-lint" ]; then
  echo "validate: installing cfn-lint and Checkov into $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "cfn-lint==1.58.0" "checkov==3.3.30"
fi
echo "validate: cfn-lint $("$venv/bin/cfn-lint" --version | awk '{print $2}') and Checkov $("$venv/bin/checkov" --version) on ${#templates[@]} template(s) in ${#dirs[@]} director(ies): ${dirs[*]}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One run of each validator over every template, the two side by side.
file_args=()
for t in "${templates[@]}"; do file_args+=(-f "$t"); done
(
  t0=$SECONDS
  set +e
  "$venv/bin/cfn-lint" --format parseable -- "${templates[@]}" > "$work/cfn-lint.txt" 2> "$work/cfn-lint.stderr"
  echo $? > "$work/cfn-lint.status"
  echo $((SECONDS - t0)) > "$work/cfn-lint.seconds"
) &
(
  t0=$SECONDS
  set +e
  "$venv/bin/checkov" "${file_args[@]}" --framework cloudformation --compact --skip-download -o json > "$work/checkov.json" 2> "$work/checkov.stderr"
  echo $? > "$work/checkov.status"
  echo $((SECONDS - t0)) > "$work/checkov.seconds"
) &
wait
lint_status=$(cat "$work/cfn-lint.status")
checkov_status=$(cat "$work/checkov.status")
echo "validate: cfn-lint took $(cat "$work/cfn-lint.seconds")s, Checkov $(cat "$work/checkov.seconds")s (run side by side)"
# cfn-lint exits 2 on errors, 4 on warnings, 8 on informational, combined bitwise; anything else is a crash.
if [ $((lint_status & ~14)) -ne 0 ]; then
  echo "validate: cfn-lint failed to run (exit $lint_status):" >&2
  cat "$work/cfn-lint.stderr" >&2
  exit 1
fi
if [ $checkov_status -gt 1 ] || [ ! -s "$work/checkov.json" ]; then
  echo "validate: checkov failed to run (exit $checkov_status):" >&2
  cat "$work/checkov.stderr" >&2
  exit 1
fi

status=0
"$venv/bin/python" - "$work/cfn-lint.txt" "$work/checkov.json" "$((SECONDS - started))" "${dirs[@]}" <<'PY' || status=1
import collections, json, os, re, sys

lint_file, checkov_file, elapsed, dirs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]

def group_of(path):
    """examples/<app>/<language>/cdk.out/<file> -> '<app>/<language>'"""
    path = os.path.abspath(path.lstrip("/") if os.path.exists(path.lstrip("/")) and not os.path.exists(path) else path)
    for d in dirs:
        if path.startswith(os.path.abspath(d) + os.sep):
            parts = os.path.relpath(os.path.abspath(d)).split(os.sep)
            return "/".join(parts[1:3]) if len(parts) == 4 and parts[0] == "examples" else d
    return path

groups = collections.OrderedDict()
for d in dirs:
    groups[group_of(os.path.join(d, "x"))] = collections.Counter()

lint_problems = []
for line in open(lint_file):
    m = re.match(r"^(.*?):\d+:\d+:\d+:\d+:([EWI])(\d+):(.*)$", line.rstrip("\n"))
    if not m:
        continue
    level = {"E": "lint_errors", "W": "lint_warnings", "I": "lint_info"}[m.group(2)]
    groups.setdefault(group_of(m.group(1)), collections.Counter())[level] += 1
    if m.group(2) == "E":
        lint_problems.append(f"  {m.group(1)}: E{m.group(3)} {m.group(4)}")

data = json.load(open(checkov_file))
reports = data if isinstance(data, list) else [data]
checkov_failures = []
skipped_ids = collections.Counter()
for report in reports:
    results = report.get("results", {})
    for kind, key in (("passed_checks", "passed"), ("failed_checks", "failed"), ("skipped_checks", "skipped")):
        for check in results.get(kind, []):
            path = check.get("file_abs_path") or check.get("file_path", "")
            groups.setdefault(group_of(path), collections.Counter())[key] += 1
            if key == "skipped":
                skipped_ids[check["check_id"]] += 1

            if key == "failed":
                checkov_failures.append(f"  {group_of(path)}: {check['check_id']} {check['resource']}: {check['check_name']}")

# A skip is a decision a reviewer must be able to read next to the resource: it needs its reason.
import glob
for d in dirs:
    for template_file in sorted(glob.glob(os.path.join(d, "*.template.json"))):
        for logical_id, resource in json.load(open(template_file)).get("Resources", {}).items():
            for skip in (resource.get("Metadata") or {}).get("checkov", {}).get("skip", []):
                if len((skip.get("comment") or "").strip()) < 20:
                    checkov_failures.append(f"  {group_of(template_file)}: {skip.get('id')} {logical_id}: skipped without a reason")

total = collections.Counter()
print(f"{'app/language':<32} {'cfn-lint E':>10} {'W':>4} {'checkov passed':>15} {'failed':>7} {'skipped':>8}")
for name, c in groups.items():
    total.update(c)
    print(f"{name:<32} {c['lint_errors']:>10} {c['lint_warnings']:>4} {c['passed']:>15} {c['failed']:>7} {c['skipped']:>8}")
print(f"{'total':<32} {total['lint_errors']:>10} {total['lint_warnings']:>4} {total['passed']:>15} {total['failed']:>7} {total['skipped']:>8}")
print("validate: Checkov checks skipped by the constructs (reasons in each resource's Metadata.checkov): "
      + (", ".join(f"{k} x{v}" for k, v in sorted(skipped_ids.items())) or "none"))
if lint_problems:
    print("cfn-lint errors:\n" + "\n".join(lint_problems), file=sys.stderr)
if checkov_failures:
    print("Checkov failed checks:\n" + "\n".join(checkov_failures), file=sys.stderr)
sys.exit(1 if lint_problems or checkov_failures else 0)
PY
echo "validate: $([ $status -eq 0 ] && echo passed || echo FAILED) in $((SECONDS - started))s"
exit $status

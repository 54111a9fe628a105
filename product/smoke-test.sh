#!/bin/sh
# Smoke test of the materialized product, run by the build after the product is assembled
# (`./mvnw verify`): the headless application lists the installed components, and the workbench
# starts under the current display, shows a window titled "Choreolab" and, in its Components view,
# exactly the components the headless application lists. Prints "N passed, N failed".
set -u
product="$1"
work="$2"
rm -rf "$work" && mkdir -p "$work"
export CHOREOLAB_STATE="$work/state"
passed=0 failed=0
check() { # check NAME COMMAND...
  name="$1"; shift
  if "$@"; then passed=$((passed + 1)); echo "ok: $name"; else failed=$((failed + 1)); echo "FAILED: $name"; fi
}

"$product/choreolab" components --json > "$work/components.json" 2> "$work/components.err"
check "components --json exits 0" [ $? -eq 0 ]
python_free_ids() { sed -n 's/^ *"id" : "\(.*\)",$/\1/p' "$work/components.json" | sort; }
python_free_ids > "$work/cli-ids.txt"

CHOREOLAB_JAVA_OPTS="-Dchoreolab.selftest=$work/selftest.txt" timeout 180 "$product/choreolab" workbench \
  > "$work/workbench.log" 2>&1
check "workbench exits 0 after its self-test" [ $? -eq 0 ]
check "workbench wrote its self-test report" [ -s "$work/selftest.txt" ]
check "window titled Choreolab is shown" grep -q "^window	Choreolab	true$" "$work/selftest.txt"
check "Components view is open" grep -q "^part	org.choreolab.ui.part.components	Components$" "$work/selftest.txt"
awk -F'\t' '$1 == "component" { print $3 }' "$work/selftest.txt" | sort > "$work/ui-ids.txt"
check "Components view lists what the CLI lists" cmp -s "$work/cli-ids.txt" "$work/ui-ids.txt"
check "the AIST++ reader and the metrics are installed" grep -qx aistpp "$work/cli-ids.txt"
check "the metrics are installed" grep -qx fid_k "$work/cli-ids.txt"
(cd "$work" && "$product/choreolab" evaluate --out "$work/eval" > "$work/evaluate.log" 2>&1)
check "evaluate on the embedded sample exits 0" [ $? -eq 0 ]
check "evaluate writes results.json" [ -s "$work/eval/results.json" ]
check "evaluate writes the Markdown table with the ground-truth row" grep -q '^| \*Ground truth\* | none | 4/4 |' "$work/eval/results.md"
if ! cmp -s "$work/cli-ids.txt" "$work/ui-ids.txt"; then
  echo "cli:"; cat "$work/cli-ids.txt"; echo "workbench:"; cat "$work/ui-ids.txt"; tail -n 30 "$work/workbench.log"
fi
# kill -9 in the middle of a run, then the same command again: the result equals the uninterrupted one.
"$product/choreolab" evaluate --out "$work/killed" --quiet > /dev/null 2>&1 &
pid=$!
sleep 4
kill -9 "$pid" 2>/dev/null && echo "killed evaluate after 4 s ($(wc -l < "$work/killed/sequences.jsonl" 2>/dev/null || echo 0) lines written)"
wait "$pid" 2>/dev/null
(cd "$work" && "$product/choreolab" evaluate --out "$work/killed" --quiet > "$work/resumed.log" 2>&1)
check "a run killed with -9 resumes and finishes" [ $? -eq 0 ]
check "the resumed table equals the uninterrupted one" cmp -s "$work/eval/results.md" "$work/killed/results.md"
echo "smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/usr/bin/env bash
# Every output a user sees of the examples, for checking that a change of structure changes
# no answer (issue 15): each example plan and draft in nl and en as text, json, sarif, junit,
# github and html, plus `--format json --trace`, `questions` and `explain`, each file ending
# in its exit code.
#   WAARBORG_RULES=DIR bash bench/snapshot.sh BIN OUTDIR
# Run it with two binaries (say main's release build and this checkout's) and the same
# rules, then `diff -rq OUTDIR1 OUTDIR2`: no line of output means the same bytes everywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:?usage: WAARBORG_RULES=DIR bash bench/snapshot.sh BIN OUTDIR}
out=${2:?usage: WAARBORG_RULES=DIR bash bench/snapshot.sh BIN OUTDIR}
mkdir -p "$out"
export WAARBORG_CACHE=off
run() {
  local file=$1; shift
  local status=0
  "$bin" "$@" > "$out/$file" 2>&1 || status=$?
  echo "rc=$status" >> "$out/$file"
}
for plan in examples/*.wbp examples/*.md; do
  name=$(basename "$plan")
  for lang in nl en; do
    for format in text json sarif junit github html; do
      run "$name.$lang.$format" check "$plan" --lang "$lang" --format "$format" --plain
    done
    run "$name.$lang.trace" check "$plan" --lang "$lang" --format json --trace
    run "$name.$lang.questions" questions "$plan" --lang "$lang" --plain
    run "$name.$lang.explain" explain "$plan" --lang "$lang" --plain
  done
done
# What the rule set itself yields: the plan schema, the catalogue, lint and the examples'
# run, and each plan converted to JSON and back (every value written in both forms).
rules=${WAARBORG_RULES:-rules}
run schema.json schema plan --rules "$rules"
run catalogue.md docs "$rules"
run lint.txt lint "$rules" --plain
run test.txt test "$rules" --plans examples --plain
for plan in examples/*.wbp; do
  name=$(basename "$plan")
  run "$name.converted.json" convert "$plan" --to json --rules "$rules"
  "$bin" convert "$plan" --to json --rules "$rules" --output "$out/.$name.json" > /dev/null 2>&1 || true
  run "$name.back.wbp" convert "$out/.$name.json" --to wbp --rules "$rules"
  rm -f "$out/.$name.json"
done
echo "$(ls "$out" | wc -l) outputs in $out"

#!/usr/bin/env bash
# Runs one harness: Fuzz/run.sh TARGET SECONDS [extra libFuzzer flags]
#   TARGET: plan | rules | json | answers | markdown
# Seeds come from examples/ and rules/ (and JSON conversions of the examples); the corpus
# grows in Fuzz/.work/corpus/TARGET and crashes land in Fuzz/.work/findings/TARGET.
# Time-outs: an input (at most 64 KB) taking more than 30 s counts as a hang; the largest
# plans (over a hundred activities, every one through the whole report) take 5-7 s of CPU
# under AddressSanitizer, and more when other work shares the cores.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: Fuzz/run.sh plan|rules|json|answers SECONDS}
seconds=${2:-60}
shift 2 || true
work=Fuzz/.work
binary=$work/bin/fuzz-waarborg
[ -x "$binary" ] || bash Fuzz/build.sh
corpus=$work/corpus/$target
findings=$work/findings/$target
mkdir -p "$corpus" "$findings" "$work/seeds/$target"
case "$target" in
  plan|answers) cp "${WAARBORG_ROOT:-.}"/examples/*.wbp "$work/seeds/$target/" ;;
  markdown) cp "${WAARBORG_ROOT:-.}"/examples/*.md "$work/seeds/$target/" ;;
  rules) cp "${WAARBORG_RULES:-rules}"/*.wbr "$work/seeds/$target/" ;;
  json)
    waarborg=.build/debug/waarborg
    [ -x "$waarborg" ] || swift build
    for plan in examples/*.wbp; do "$waarborg" convert "$plan" --to json --output "$work/seeds/json/$(basename "$plan" .wbp).json"; done
    ;;
esac
# The regression inputs (earlier findings, and the two inputs that timed out before the
# column table: a 48 KB minified JSON plan and 8,000 `@` on one line) seed every run.
cp Tests/Fixtures/fuzz/"$target"/* "$work/seeds/$target/" 2>/dev/null || true
FUZZ_TARGET=$target WAARBORG_ROOT=${WAARBORG_ROOT:-$(pwd)} ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=Fuzz/lsan.supp:print_suppressions=0 "$binary" "$corpus" "$work/seeds/$target" \
  -max_len=65536 -timeout=30 -max_total_time="$seconds" -print_final_stats=1 \
  -artifact_prefix="$findings/" "$@"

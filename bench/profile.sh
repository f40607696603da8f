#!/usr/bin/env bash
# Counts instructions of one evaluation of a generated plan with callgrind and prints the
# functions with the largest inclusive cost, demangled. Run bench/run.sh (or --quick)
# first, so the release binaries and bench/.work/plan-SIZE.wbp exist.
#   bash bench/profile.sh [SIZE] [RULES]     # default: 1000 activities against rules/
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-1000}"
rules="${2:-rules}"
plan="bench/.work/plan-$size.wbp"
bin=".build-bench/release/waarborg-bench"
out="bench/.work/callgrind.$size.out"
[ -f "$plan" ] || { echo "no $plan: run bash bench/run.sh --quick --sizes $size first" >&2; exit 2; }
valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" child --rules "$rules" --plan "$plan" --reps 1 --no-render >/dev/null 2>bench/.work/callgrind.$size.log
callgrind_annotate --inclusive=yes --threshold=99 "$out" 2>/dev/null | swift demangle --simplified | sed -n '1,400p'

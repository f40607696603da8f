#!/usr/bin/env bash
# Minified JSON plans: `waarborg check` of a JSON plan written on one line against the same
# plan indented, so any cost that grows with the length of a line (a column found by
# rescanning the line for every location) shows as a gap between the two columns.
#   bash bench/minified-json.sh [SIZES...] [--reps N]    (default: 1000 10500, 3 runs each)
# Builds the release waarborg in .build-bench (like bench/run.sh); the plans are made from
# examples/zorghub-noord.wbp's activities, repeated with new ids, in bench/.work/minified/.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=()
reps=3
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps=$2; shift 2 ;;
    *) sizes+=("$1"); shift ;;
  esac
done
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10500)
swift build --scratch-path .build-bench -c release --product waarborg >&2
waarborg=.build-bench/release/waarborg
work=bench/.work/minified
mkdir -p "$work"
"$waarborg" convert examples/zorghub-noord.wbp --to json --output "$work/example.json"
python3 - "$waarborg" "$work" "$reps" "${sizes[@]}" <<'PY'
import json, os, statistics, subprocess, sys, time
waarborg, work, reps, sizes = sys.argv[1], sys.argv[2], int(sys.argv[3]), [int(s) for s in sys.argv[4:]]
example = json.load(open(os.path.join(work, "example.json")))
env = dict(os.environ, WAARBORG_CACHE="off")
def run(path):
    samples = []
    for _ in range(reps):
        start = time.perf_counter()
        result = subprocess.run([waarborg, "check", path, "--format", "json"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        samples.append(time.perf_counter() - start)
        if result.returncode not in (0, 1):
            sys.exit(f"waarborg check {path} failed ({result.returncode}): {result.stderr.decode()[:500]}")
    return statistics.median(samples), min(samples)
print(f"| activities | indented (bytes, lines) | median s | minified (bytes, one line) | median s | minified / indented |")
print(f"|---:|---:|---:|---:|---:|---:|")
for size in sizes:
    activities = example["activities"]
    plan = dict(example, activities=[dict(activities[i % len(activities)], id=f"{activities[i % len(activities)]['id']}_{i}") for i in range(size)])
    indented = os.path.join(work, f"plan-{size}-indented.json")
    minified = os.path.join(work, f"plan-{size}-minified.json")
    with open(indented, "w") as f: json.dump(plan, f, indent=2, ensure_ascii=False)
    with open(minified, "w") as f: json.dump(plan, f, separators=(",", ":"), ensure_ascii=False)
    a, b = run(indented), run(minified)
    lines = sum(1 for _ in open(indented))
    print(f"| {size:,} | {os.path.getsize(indented):,} ({lines:,}) | {a[0]:.3f} | {os.path.getsize(minified):,} | {b[0]:.3f} | {b[0] / a[0]:.2f} |")
PY

#!/usr/bin/env bash
# Whole `waarborg check` runs of this checkout against a baseline binary, in one run:
#   bash bench/baseline.sh BASELINE_WAARBORG [--reps N] [--output FILE]
# --no-large: leave out the 10 plans of 10,000 (minutes per run).
# --rules DIR: the rules both binaries read (default rules/; the baseline must understand them).
# BASELINE_WAARBORG is a release `waarborg` of another revision (for example one built with
# `git worktree add /tmp/base main && (cd /tmp/base && swift build -c release)`). Both run
# the same commands, interleaved with `waarborg --version` of this checkout in one loop, on:
#   - the bench's generated plan of 1,000 activities (bench/.work/plan-1000.wbp);
#   - the bench's 10 plans of 10,000 activities (plan-100000-part-{1..10}.wbp), in one process;
#   - a JSON plan of 1,000 activities made by repeating those of examples/zorghub-noord.wbp;
#   - every example with the rule-set cache off (rules checked from text).
# It prints medians, the ratios against the baseline and against --version, and whether the
# two binaries wrote the same bytes (their report on standard output). Writes the table to
# FILE (default docs/performance-baseline.md).
set -euo pipefail
cd "$(dirname "$0")/.."
baseline=${1:?usage: bench/baseline.sh BASELINE_WAARBORG [--reps N] [--rules DIR] [--no-large] [--output FILE]}
shift
reps=5
output=docs/performance-baseline.md
rules=rules
large=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps=$2; shift 2 ;;
    --output) output=$2; shift 2 ;;
    --rules) rules=$2; shift 2 ;;
    --no-large) large=no; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
swift build --scratch-path .build-bench -c release >&2
current=.build-bench/release/waarborg
work=bench/.work
mkdir -p "$work"
.build-bench/release/waarborg-bench generate --rules "$rules" --work "$work" 1000 100000 >&2
"$current" convert examples/zorghub-noord.wbp --to json --output "$work/zorghub.json"
python3 - "$current" "$baseline" "$work" "$reps" "$output" "$(git describe --always --dirty)" "$rules" "$large" <<'PY'
import glob, hashlib, json, os, statistics, subprocess, sys, time
current, baseline, work, reps, output, revision, rules = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6], sys.argv[7]
large = sys.argv[8] == "yes"
example = json.load(open(os.path.join(work, "zorghub.json")))
acts = example["activities"]
repeated = os.path.join(work, "zorghub-1000.json")
with open(repeated, "w") as f:
    json.dump(dict(example, activities=[dict(acts[i % len(acts)], id=f"{acts[i % len(acts)]['id']}_{i}") for i in range(1000)]), f, indent=2, ensure_ascii=False)
parts = sorted(glob.glob(os.path.join(work, "plan-100000-part-*.wbp")), key=lambda p: int(p.rsplit("-", 1)[1].split(".")[0]))
cases = [
    ("check plan-1000.wbp --plain", [os.path.join(work, "plan-1000.wbp"), "--plain"], {}),
] + ([("check plan-100000-part-{1…10}.wbp --plain (10 plans of 10,000)", parts + ["--plain"], {})] if large else []) + [
    ("check zorghub-1000.json --plain (zorghub-noord's activities × 1,000)", [repeated, "--plain"], {}),
]
for plan in sorted(glob.glob("examples/*.wbp")):
    cases.append((f"check {plan} --plain (cache off)", [plan, "--plain"], {"WAARBORG_CACHE": "off"}))
cache = os.path.join(work, "cache-baseline")
def run(binary, args, extra, out=subprocess.DEVNULL):
    env = dict(os.environ, WAARBORG_CACHE_DIR=cache, **extra)
    start = time.perf_counter()
    result = subprocess.run([binary, "check"] + args + ["--rules", rules] if args else [binary, "--version"], stdout=out, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start, result.returncode
def peak(binary, args, extra, path):
    """One run to a file; its exit code and the child's own peak resident set in MiB (wait4)."""
    env = dict(os.environ, WAARBORG_CACHE_DIR=cache, **extra)
    with open(path, "wb") as f:
        child = subprocess.Popen([binary, "check"] + args + ["--rules", rules], stdout=f, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(child.pid, 0)
    return usage.ru_maxrss / 1024
def version():
    start = time.perf_counter(); subprocess.run([current, "--version"], stdout=subprocess.DEVNULL); return time.perf_counter() - start
rows = []
load_before = open("/proc/loadavg").read().split()[:3]
for name, args, extra in cases:
    # The same bytes? One run of each to files.
    outs, peaks = [], []
    for binary in (current, baseline):
        path = os.path.join(work, "baseline-out-" + ("new" if binary == current else "old"))
        peaks.append(peak(binary, args, extra, path))
        # A digest, not the bytes: a child inherits this process's peak resident set at fork
        # (Linux keeps it across exec), so holding two 600 MB reports here would show in the
        # next commands' peaks.
        digest = hashlib.sha256()
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""): digest.update(block)
        outs.append(digest.digest())
    same = outs[0] == outs[1]
    new, old, ver = [], [], []
    for _ in range(reps):
        ver.append(version())
        new.append(run(current, args, extra)[0])
        old.append(run(baseline, args, extra)[0])
    m = statistics.median
    rows.append((name, m(new), m(old), m(ver), same, peaks[0], peaks[1]))
    print(f"{name}: {m(new)*1e3:.1f} ms vs baseline {m(old)*1e3:.1f} ms, same bytes: {same}", file=sys.stderr)
load_after = open("/proc/loadavg").read().split()[:3]
lines = [
    "# Performance against a baseline",
    "",
    "<!-- Generated by bench/baseline.sh; do not edit. -->",
    "",
    f"Generated by `bash bench/baseline.sh {baseline} --reps {reps}` on revision {revision}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
    f"load average {' '.join(load_before)} at the start, {' '.join(load_after)} at the end (2 cores; load from other work shows in the times, "
    "the ratios are of runs interleaved in one loop). Medians of {reps} runs; `same bytes`: the two binaries' standard output compared byte for byte.".replace("{reps}", str(reps)),
    "",
    "| command | this revision ms | baseline ms | this / baseline | this / --version | peak MiB (this, baseline) | same bytes |",
    "|:--|--:|--:|--:|--:|--:|:--|",
]
for name, new, old, ver, same, mine, theirs in rows:
    lines.append(f"| {name} | {new*1e3:.1f} | {old*1e3:.1f} | {new/old:.2f} | {new/ver:.2f} | {mine:.0f}, {theirs:.0f} | {'yes' if same else 'NO'} |")
lines.append(f"\n`waarborg --version` median: {statistics.median([r[3] for r in rows])*1e3:.1f} ms. Peak: the process's own maximum resident set (`wait4`), of the run whose bytes are compared.")
# Issue 15's targets, on this revision's figures.
by = {r[0]: r for r in rows}
def row(prefix): return next((r for r in rows if r[0].startswith(prefix)), None)
targets = []
small = row("check plan-1000.wbp")
if small: targets.append(("`check --plain` of the bench's 1,000 activities under 60 ms", f"{small[1]*1e3:.1f} ms", small[1] < 0.060))
huge = row("check plan-100000-part")
if huge:
    targets.append(("`check --plain` of 10 plans of 10,000 activities under 4 s", f"{huge[1]:.1f} s", huge[1] < 4))
    targets.append(("peak memory of those 100,000 activities under 500 MB", f"{huge[5]:.0f} MiB", huge[5] * 1024 * 1024 < 500e6))
repeated = row("check zorghub-1000.json")
if repeated: targets.append(("zorghub-noord's activities × 1,000 within 4 × `--version`", f"{repeated[1]/repeated[3]:.1f} ×", repeated[1] / repeated[3] <= 4))
cold = [r for r in rows if r[0].endswith("(cache off)")]
if cold:
    worst = max(cold, key=lambda r: r[1] / r[3])
    targets.append(("every example with the cache off within 1.5 × `--version`", f"worst {worst[1]/worst[3]:.2f} × ({worst[0].split()[1]})", all(r[1] / r[3] <= 1.5 for r in cold)))
targets.append(("the same output bytes as the baseline", "every command" if all(r[4] for r in rows) else "NOT every command", all(r[4] for r in rows)))
lines += ["", "### Targets of issue 15", "", "| target | measured | result |", "|:--|:--|:--|"]
lines += [f"| {what} | {measured} | {'pass' if ok else 'not yet'} |" for what, measured, ok in targets]
with open(output + ".tmp", "w") as f: f.write("\n".join(lines) + "\n")
os.replace(output + ".tmp", output)
print("\n".join(lines))
PY

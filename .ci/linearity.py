#!/usr/bin/env python3
"""Checks that parsing, checking and evaluating a plan stays linear in its size.

Counts instructions with valgrind's callgrind (repeatable, unlike seconds) for plans made of
1, N and 2N copies of an example's parties and activities, and fails when doubling the copies
more than roughly doubles the work beyond the fixed cost of one copy.

usage: linearity.py WAARBORG_BINARY [PLAN] [N] [RULES_DIR]
"""
import os
import re
import subprocess
import sys
import tempfile


def replicate(text: str, copies: int) -> str:
    """The plan with its parties and activities repeated, ids suffixed per copy."""
    blocks = re.split(r"\n(?=(?:party|activity) )", text)
    header, body = blocks[0], blocks[1:]
    ids = set()
    for block in body:
        match = re.match(r"(?:party|activity) (\S+)", block)
        if match:
            ids.add(match.group(1))
    out = [header]
    for copy in range(copies):
        for block in body:
            renamed = block
            for identifier in sorted(ids, key=len, reverse=True):
                renamed = re.sub(rf"(?<![\w-]){re.escape(identifier)}(?![\w-])", f"{identifier}_{copy}", renamed)
            out.append(renamed)
    return "\n".join(out) + "\n"


def instructions(binary: str, plan: str, rules: str) -> int:
    with tempfile.NamedTemporaryFile("w", suffix=".out", delete=False) as out:
        target = out.name
    try:
        subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={target}", binary, "check", plan, "--format", "json", "--rules", rules],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        with open(target, encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("summary:") or line.startswith("totals:"):
                    return int(line.split()[1])
    finally:
        os.unlink(target)
    raise RuntimeError("callgrind reported no totals")


def main() -> int:
    binary = sys.argv[1]
    example = sys.argv[2] if len(sys.argv) > 2 else "examples/zorghub-noord.wbp"
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 16
    rules = sys.argv[4] if len(sys.argv) > 4 else "rules"
    with open(example, encoding="utf-8") as handle:
        text = handle.read()
    counts = {}
    with tempfile.TemporaryDirectory() as folder:
        for copies in (1, n, 2 * n):
            path = os.path.join(folder, f"plan-{copies}.wbp")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(replicate(text, copies))
            result = subprocess.run([binary, "check", path, "--rules", rules, "--format", "json"], capture_output=True, text=True)
            if result.returncode == 2:
                print(result.stderr[:2000], file=sys.stderr)
                raise SystemExit(f"error: the generated plan of {copies} copies does not check")
            counts[copies] = instructions(binary, path, rules)
            print(f"{copies:4d} copies: {counts[copies]:,} instructions")
    single = counts[1]
    growth = (counts[2 * n] - single) / max(1, counts[n] - single)
    print(f"doubling the plan from {n} to {2 * n} copies multiplies the work beyond one copy by {growth:.2f}")
    if growth > 2.3:
        print("error: parsing, checking and evaluating grow faster than linearly", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

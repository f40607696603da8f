#!/usr/bin/env bash
# Builds the libFuzzer binary Fuzz/.work/bin/fuzz-waarborg (FUZZ_TARGET picks the harness).
#
# The library sources are compiled as one module together with the harnesses (their
# `import Waarborg…` lines removed), with `-sanitize=fuzzer,address`: coverage-guided
# fuzzing with AddressSanitizer and LeakSanitizer, and no change to Package.swift.
set -euo pipefail
cd "$(dirname "$0")/.."
work=Fuzz/.work
mkdir -p "$work/src" "$work/bin"
rm -f "$work"/src/*.swift
for target in WaarborgSyntax WaarborgModel WaarborgEngine WaarborgLint WaarborgReport; do
  find "Sources/$target" -name '*.swift' | sort | while read -r file; do
    name="$target-$(echo "${file#Sources/$target/}" | tr '/' '-')"
    sed -E '/^(@testable )?import Waarborg/d' "$file" > "$work/src/$name"
  done
done
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name WaarborgFuzz \
  "$work"/src/*.swift Fuzz/harnesses/*.swift -o "$work/bin/fuzz-waarborg" \
  2> >(grep -v "Cannot export local symbol" >&2)
echo "built $work/bin/fuzz-waarborg"

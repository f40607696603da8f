#!/usr/bin/env bash
# Builds waarborg and waarborg-bench in release mode (scratch path .build-bench, never the
# default .build) and runs the benchmark of issue 8; options are passed on (see --help).
#   bash bench/run.sh            # the full run: prints the table and writes docs/performance.md
#   bash bench/run.sh --quick    # a fast sanity run (sizes 10, 100, 1000), writes nothing
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --scratch-path .build-bench -c release --product waarborg >&2
exec swift run --scratch-path .build-bench -c release waarborg-bench "$@"

#!/usr/bin/env bash
# Evaluates exported benchmark plans with the peers (Cedar through cedarpy, Rego through
# Regorus), in batch. Creates bench/peers/.venv and installs requirements.txt on first use.
#   bash bench/peers/run.sh [--reps N] PLAN.json [PLAN.json ...]   # JSON results on stdout
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/.venv"
if ! "$venv/bin/python" -c "import cedarpy, regorus" >/dev/null 2>&1; then
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet -r "$here/requirements.txt" >&2
fi
exec "$venv/bin/python" "$here/run_peers.py" "$@"

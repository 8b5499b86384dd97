#!/usr/bin/env bash
# The one command for the Performance table: installs what the references need,
# builds the release binaries, runs every benchmark and prints the table.
set -euo pipefail
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null 2>&1; }
missing=()
need mc || missing+=(mc)
need curl || missing+=(curl)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq "${missing[@]}"
fi
python3 -c "import requests" 2>/dev/null || pip install -q requests
export LANG=C.UTF-8

# The binary measured is the one README's Install section builds: one file, stripped.
bash scripts/build-release.sh
swift build -c release --product frame-bench
python3 Benchmarks/run.py "$@"

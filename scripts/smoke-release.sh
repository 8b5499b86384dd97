#!/usr/bin/env bash
# Runs a release binary as a server would: an empty environment and, where this user
# may make a mount namespace, the Swift toolchain's folder hidden. It prints its
# version, serves the demo account, and lists three files from it.
set -euo pipefail
binary=$(realpath "${1:-dist/amofiles}")

if [ -z "${AMOFILES_SMOKE_INSIDE:-}" ]; then
  toolchain=$(dirname "$(dirname "$(command -v swift)")")
  if unshare -m true 2>/dev/null; then
    exec unshare -m sh -c "mount -t tmpfs none '$toolchain' && AMOFILES_SMOKE_INSIDE=1 bash '$0' '$binary'"
  fi
  echo "no mount namespace here: the toolchain stays in reach, only the environment is emptied" >&2
fi

folder=$(mktemp -d)
serve=
trap '[ -n "$serve" ] && kill "$serve" 2>/dev/null; rm -rf "$folder"' EXIT
env -i "$binary" --version
env -i HOME="$folder" "$binary" serve --seed demo --ready-file "$folder/ready.json" >/dev/null 2>&1 &
serve=$!
for _ in $(seq 200); do [ -s "$folder/ready.json" ] && break; sleep 0.1; done
field() { sed -n "s/.*\"$1\" *: *\"\([^\"]*\)\".*/\1/p" "$folder/ready.json" | head -1; }
env -i HOME="$folder" LANG=C.UTF-8 AMOFILES_TOKEN="$(field token)" "$binary" ls --limit 3 --account "$(field account_url)"

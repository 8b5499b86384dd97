#!/usr/bin/env bash
# Builds the release binary as one file to copy to a server: the Swift runtime and
# Foundation linked in (--static-swift-stdlib), symbols stripped, the commit it was
# built from recorded for `amofiles --version`. Writes dist/amofiles and checks that
# it links no Swift library dynamically.
set -euo pipefail
cd "$(dirname "$0")/.."

commit=$(git rev-parse --short HEAD 2>/dev/null || true)
if [ -n "$commit" ] && ! git diff --quiet HEAD -- Sources Package.swift 2>/dev/null; then
  commit="$commit+changes"
fi
flags=()
[ -n "$commit" ] && flags=(-Xcc "-DAMOFILES_COMMIT=\"$commit\"")

swift build -c release --static-swift-stdlib --product amofiles "${flags[@]}"
mkdir -p dist
cp .build/release/amofiles dist/amofiles
strip dist/amofiles

if ldd dist/amofiles | grep -E 'libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime|libXCTest'; then
  echo "dist/amofiles links the Swift libraries above dynamically; it would not run without a toolchain" >&2
  exit 1
fi

bash scripts/smoke-release.sh dist/amofiles
echo "dist/amofiles ($(du -h dist/amofiles | cut -f1)), $(dist/amofiles --version): runs with no toolchain in reach; it needs only:"
ldd dist/amofiles | sed 's/^/  /'

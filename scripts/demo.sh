#!/usr/bin/env bash
# Installs dependencies, builds qawl and extracts the quotes of the bundled
# sample articles (samples/), printing them for people to read (one block
# per quote: speaker, kind, confidence and the quote; --format=jsonl or pb
# for programs).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j"$(nproc)" --target qawl-extract
"$build/tools/qawl-extract" --format=text "$root/samples"

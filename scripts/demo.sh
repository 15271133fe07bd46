#!/usr/bin/env bash
# Installs dependencies, builds qawl and extracts the quotes of the bundled
# sample articles (samples/), printing them as JSON Lines.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j"$(nproc)" --target qawl-extract
"$build/tools/qawl-extract" --format=jsonl "$root/samples"

#!/usr/bin/env bash
# qawl-eval prints the same P/R/F1 table as score.py on the seed gold.
set -euo pipefail
build=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/tools/qawl-extract" --quiet --format=jsonl -o "$tmp/pred.jsonl" "$src/tests/data/seeds"
/usr/bin/python3 "$src/tests/data/score.py" "$src/tests/data/seeds.gold.jsonl" "$tmp/pred.jsonl" > "$tmp/score.txt"
"$build/tools/qawl-eval" "$src/tests/data/seeds.gold.jsonl" "$src/tests/data/seeds" > "$tmp/eval.txt"
if ! diff -u "$tmp/score.txt" "$tmp/eval.txt"; then
  echo "FAIL: qawl-eval and score.py disagree"
  exit 1
fi
echo "eval_matches_scorer: $(tail -n 1 "$tmp/eval.txt")"

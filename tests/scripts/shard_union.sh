#!/usr/bin/env bash
# N jobs with --shard K/N over the same inputs emit together exactly the
# records of the unsharded job, each once; likewise as a Spark pipe() stage
# (JSON Lines in on stdin, JSON Lines out on stdout).
#   bash shard_union.sh BUILD_DIR SOURCE_DIR
set -uo pipefail
build=$1
src=$2
bin=$build/tools/qawl-extract
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

/usr/bin/python3 "$src/scripts/gen_corpus.py" --mb 2 --seed 3 -o "$tmp/corpus.jsonl" 2>/dev/null || fail "gen_corpus"
"$bin" --quiet --format=jsonl -o "$tmp/all.jsonl" "$tmp/corpus.jsonl" || fail "unsharded run"
[ -s "$tmp/all.jsonl" ] || fail "unsharded output empty"
sort "$tmp/all.jsonl" > "$tmp/all.sorted"

for n in 1 3 5; do
  : > "$tmp/union"
  for ((k = 0; k < n; k++)); do
    "$bin" --quiet --format=jsonl --shard "$k/$n" -o "$tmp/s$k.jsonl" "$tmp/corpus.jsonl" || fail "shard $k/$n"
    cat "$tmp/s$k.jsonl" >> "$tmp/union"
  done
  sort "$tmp/union" | cmp -s - "$tmp/all.sorted" ||
    fail "the $n shards' records together differ from the unsharded records"
done

# The Spark pipe() form: stdin to stdout, one shard per partition.
: > "$tmp/union"
for k in 0 1 2; do
  "$bin" --quiet --format=jsonl --shard "$k/3" - < "$tmp/corpus.jsonl" >> "$tmp/union" || fail "pipe shard $k/3"
done
sort "$tmp/union" | cmp -s - "$tmp/all.sorted" || fail "stdin-to-stdout shards differ from the unsharded records"

for bad in 3/3 x/2 1 0/0; do
  "$bin" --quiet --shard "$bad" -o "$tmp/x.pb" "$tmp/corpus.jsonl" 2>/dev/null
  [ $? -eq 2 ] || fail "--shard $bad must exit 2"
done
echo "shard_union: ok"

#!/usr/bin/env bash
# qawl-extract --format=text: one block per quote, the same quotes as jsonl;
# the default on a terminal (no -o), pb otherwise; --help documents it.
#   bash text_format.sh BUILD_DIR SOURCE_DIR
set -uo pipefail
build=$1
src=$2
bin=$build/tools/qawl-extract
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
fsi=$'\xe2\x81\xa8'
pdi=$'\xe2\x81\xa9'

"$bin" --quiet --format=jsonl "$src/samples" > "$tmp/q.jsonl" || fail "jsonl run"
"$bin" --quiet --format=text "$src/samples" > "$tmp/q.txt" || fail "text run"
n=$(wc -l < "$tmp/q.jsonl")
[ "$n" -gt 0 ] || fail "no quotes in samples/"
[ "$(grep -c '^  quote:   ' "$tmp/q.txt")" -eq "$n" ] || fail "want $n quote lines in the text output:
$(cat "$tmp/q.txt")"
[ "$(grep -c '^  speaker: ' "$tmp/q.txt")" -eq "$n" ] || fail "want $n speaker lines"
grep -q "^${fsi}sample-1${pdi} #0  DIRECT  0\.95$" "$tmp/q.txt" || fail "no header line for sample-1 #0:
$(head -3 "$tmp/q.txt")"
grep -q "^  speaker: ${fsi}Vladimir Putin${pdi}$" "$tmp/q.txt" || fail "no canonical speaker name"
grep -q "^  quote:   ${fsi}نحن مستعدون للحوار مع جميع الشركاء${pdi}$" "$tmp/q.txt" || fail "quote not isolated"

# Without --format: text on a terminal (through script(1)), pb into a pipe.
if command -v script >/dev/null; then
  script -qec "$bin --quiet $src/samples 2>/dev/null" /dev/null | tr -d '\r' > "$tmp/tty.txt"
  cmp -s "$tmp/tty.txt" "$tmp/q.txt" || fail "the default on a terminal is not the text format:
$(head -5 "$tmp/tty.txt")"
fi
"$bin" --quiet "$src/samples" > "$tmp/pipe.out"
"$bin" --quiet --format=pb "$src/samples" > "$tmp/q.pb"
cmp -s "$tmp/pipe.out" "$tmp/q.pb" || fail "the default into a pipe is not pb"
"$bin" --quiet -o "$tmp/o.pb" "$src/samples" && cmp -s "$tmp/o.pb" "$tmp/q.pb" || fail "the default with -o is not pb"

"$bin" --help | grep -q -- "--format=pb|jsonl|text" || fail "--help does not list --format=text"
"$bin" --format=html "$src/samples" 2>/dev/null
[ $? -eq 2 ] || fail "--format=html must exit 2"
echo "text_format: ok"

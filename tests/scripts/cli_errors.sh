#!/usr/bin/env bash
# qawl-extract's contract on errors: a broken pattern file is a file:line
# error and exit 2; an unreadable input is named, the others are still
# processed, and the exit status is 1; option syntax and --help.
set -uo pipefail
build=$1
src=$2
bin=$build/tools/qawl-extract
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# --help and both option spellings.
"$bin" --help | grep -q -- "--format=pb|jsonl" || fail "--help"
a=$("$bin" --quiet --format=jsonl "$src/tests/data/seeds/001_d8410480fc126c26.txt")
b=$("$bin" --quiet --format jsonl "$src/tests/data/seeds/001_d8410480fc126c26.txt")
[ -n "$a" ] && [ "$a" = "$b" ] || fail "--format=jsonl and --format jsonl differ"
"$bin" --format=xml x >/dev/null 2>&1; [ $? -eq 2 ] || fail "bad format must exit 2"
"$bin" --no-such-option x >/dev/null 2>&1; [ $? -eq 2 ] || fail "unknown option must exit 2"
"$bin" >/dev/null 2>&1; [ $? -eq 2 ] || fail "no input must exit 2"

# A broken pattern file: file:line and exit 2.
cp -r "$src/patterns" "$tmp/patterns"
printf 'rule broken = (unbalanced\n' >> "$tmp/patterns/rules.txt"
line=$(wc -l < "$tmp/patterns/rules.txt")
err=$("$bin" --patterns "$tmp/patterns" --format=jsonl "$src/tests/data/seeds" 2>&1 >/dev/null); rc=$?
[ $rc -eq 2 ] || fail "broken patterns: exit $rc, want 2"
echo "$err" | grep -q "rules.txt:$line: rule 'broken'" || fail "broken patterns: '$err' lacks rules.txt:$line"

# An unreadable input among good ones: named, others processed, exit 1.
cp "$src/tests/data/seeds/002_d4c75918ac5c958f.txt" "$tmp/good.txt"
printf '{"id":"ok","text":"قال بوتين: \\"نعم للحوار الآن\\"."}\nnot json\n{"text":"no id"}\n' > "$tmp/mixed.jsonl"
out=$("$bin" --format=jsonl --errors "$tmp/errors.jsonl" "$tmp/missing.txt" "$tmp/good.txt" "$tmp/mixed.jsonl" 2>"$tmp/stderr"); rc=$?
[ $rc -eq 1 ] || fail "bad inputs: exit $rc, want 1"
grep -q "missing.txt" "$tmp/stderr" || fail "missing input not named"
grep -q "mixed.jsonl:2:" "$tmp/stderr" || fail "bad JSON line not named with its line"
grep -q "mixed.jsonl:3: no \"id\"" "$tmp/stderr" || fail "record without id not reported"
echo "$out" | grep -q '"article_id":"good"' || fail "good input not processed"
echo "$out" | grep -q '"article_id":"ok"' || fail "good JSON line not processed"
[ "$(wc -l < "$tmp/errors.jsonl")" -eq 3 ] || fail "errors file should have 3 lines"

# Output is written under a temporary name and renamed: no leftovers.
"$bin" --quiet --format=pb -o "$tmp/out.pb" "$tmp/good.txt" || fail "pb to file"
test -s "$tmp/out.pb" || fail "no output file"
ls "$tmp" | grep -q "tmp-" && fail "temporary file left behind"
echo "cli_errors: ok"

#!/usr/bin/env bash
# qawl-extract killed with SIGKILL at random points and resumed with
# --resume gives output and errors files identical to an uninterrupted
# run's, never leaves a file under the final name before it is complete,
# and keeps the exit status of the whole job (1: bad records were skipped).
#   bash resume_sigkill.sh BUILD_DIR SOURCE_DIR [SEED]
set -uo pipefail
build=$1
src=$2
seed=${3:-$RANDOM}
bin=$build/tools/qawl-extract
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL (seed $seed): $*"; exit 1; }
RANDOM=$seed
echo "resume_sigkill: seed $seed"

# Inputs: a plain shard, a gzip shard and a few bad records in between.
# Large enough that a run lasts a few hundred milliseconds even at 300 MB/s.
/usr/bin/python3 "$src/scripts/gen_corpus.py" --mb 40 --seed 1 -o "$tmp/a.jsonl" 2>/dev/null || fail "gen_corpus a"
/usr/bin/python3 "$src/scripts/gen_corpus.py" --mb 20 --seed 2 --gzip -o "$tmp/b.jsonl.gz" 2>/dev/null || fail "gen_corpus b"
printf '{"id":"bad-1","text":\nnot json\n{"text":"no id"}\n' > "$tmp/bad.jsonl"
inputs=("$tmp/a.jsonl" "$tmp/bad.jsonl" "$tmp/b.jsonl.gz")

now() { date +%s%N; }
t0=$(now)
"$bin" --quiet --threads 2 -o "$tmp/ref.pb" --errors "$tmp/ref.err" "${inputs[@]}" 2>/dev/null
ref_rc=$?
t1=$(now)
[ $ref_rc -eq 1 ] || fail "reference run: exit $ref_rc, want 1 (bad records)"
[ -s "$tmp/ref.pb" ] || fail "reference output empty"
ref_ms=$(( (t1 - t0) / 1000000 ))
echo "resume_sigkill: uninterrupted run took ${ref_ms} ms"

out="$tmp/out.pb"
err="$tmp/out.err"
kills=0
resume=()
# Rounds until two kills have landed mid-run (a kill that comes before the
# job starts writing, or after it ends, does not count).
for round in $(seq 1 12); do
  [ $kills -ge 2 ] && break
  # Kill somewhere in the first 90% of an uninterrupted run's time.
  delay_ms=$(( 5 + RANDOM % (ref_ms * 9 / 10 + 1) ))
  "$bin" --quiet --threads 2 --checkpoint-seconds 0.02 "${resume[@]}" -o "$out" --errors "$err" \
    "${inputs[@]}" 2>/dev/null &
  pid=$!
  sleep "$(awk -v ms="$delay_ms" 'BEGIN { printf "%.3f", ms / 1000 }')"
  if kill -9 "$pid" 2>/dev/null; then
    wait "$pid" 2>/dev/null
    if [ -e "$out.partial" ]; then
      kills=$((kills + 1))
      [ -e "$out" ] && fail "round $round: $out exists after a kill -9 mid-run"
      echo "resume_sigkill: round $round killed after ${delay_ms} ms, checkpoint: $(grep '^items' "$out.partial.ckpt" 2>/dev/null)"
    fi
  else
    wait "$pid"
  fi
  if [ -e "$out" ] && [ ! -e "$out.partial" ] && [ ! -e "$out.partial.ckpt" ]; then
    break  # finished before the kill
  fi
  resume=(--resume)
done
[ $kills -ge 1 ] || fail "no kill landed while the job was running"

# Also when the kill came between the final renames (the checkpoint,
# marked complete, is still there): --resume finishes them.
if [ ! -e "$out" ] || [ -e "$out.partial" ] || [ -e "$out.partial.ckpt" ]; then
  "$bin" --quiet --threads 2 --resume -o "$out" --errors "$err" "${inputs[@]}" 2>"$tmp/stderr"
  rc=$?
  [ $rc -eq 1 ] || fail "final resume: exit $rc, want 1 as the uninterrupted run; $(cat "$tmp/stderr")"
fi
cmp -s "$tmp/ref.pb" "$out" || fail "output after $kills kills differs from the uninterrupted run ($(stat -c %s "$out") vs $(stat -c %s "$tmp/ref.pb") bytes)"
cmp -s "$tmp/ref.err" "$err" || fail "errors file after $kills kills differs"
ls "$tmp" | grep -q -e '\.partial' -e 'tmp-' && fail "leftover partial or temporary files: $(ls "$tmp")"
echo "resume_sigkill: ok ($kills kills)"

#!/usr/bin/env bash
# End-to-end throughput of qawl-extract on a generated corpus, with 1 thread
# and with all cores: MB/s of article text, articles/s, quotes/s and peak
# RSS, best and median of several runs.
#
#   scripts/bench_throughput.sh [--build DIR] [--mb N] [--runs R] [--gzip]
#                               [--format pb|jsonl] [--dir DIR] [--threads "1 2"]
#
# The corpus (scripts/gen_corpus.py: the seed articles with shuffled
# paragraphs and fresh ids) is written once to DIR (default
# ${TMPDIR:-/tmp}/qawl-bench) and reused. Rates are wall-clock, from process
# start to exit (pattern loading and the final fsync included); peak RSS is
# the process's, as qawl-extract reports it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build
mb=200
runs=3
gzip=0
format=pb
dir=${TMPDIR:-/tmp}/qawl-bench
threads="1 $(nproc)"
while [ $# -gt 0 ]; do
  case $1 in
    --build) build=$2; shift 2 ;;
    --mb) mb=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --gzip) gzip=1; shift ;;
    --format) format=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "bench_throughput.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
bin=$build/tools/qawl-extract
[ -x "$bin" ] || { echo "bench_throughput.sh: no $bin; build first" >&2; exit 2; }
mkdir -p "$dir"
corpus=$dir/corpus-${mb}mb.jsonl
[ $gzip -eq 1 ] && corpus=$corpus.gz
if [ ! -s "$corpus" ]; then
  echo "generating $corpus ..." >&2
  gz=(); [ $gzip -eq 1 ] && gz=(--gzip)
  python3 "$root/scripts/gen_corpus.py" --mb "$mb" "${gz[@]}" -o "$corpus.tmp"
  mv "$corpus.tmp" "$corpus"
fi
out=$dir/out.$format
results=$dir/results.txt
: > "$results"
echo "corpus: $corpus ($(du -h "$corpus" | cut -f1) on disk), $(nproc) cores, $runs runs each" >&2
for t in $threads; do
  for ((r = 1; r <= runs; r++)); do
    cmd=("$bin" --quiet --threads "$t" --format "$format" -o "$out" "$corpus")
    start=$(date +%s%N)
    summary=$("${cmd[@]}" 2>&1 >/dev/null | tail -1)
    end=$(date +%s%N)
    echo "$t $(( end - start )) $summary" >> "$results"
    echo "  threads=$t run $r: $summary" >&2
  done
done
rm -f "$out"
echo "command: $bin --quiet --threads T --format $format -o $out $corpus"
python3 - "$results" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1], encoding="utf-8"):
    t, ns, summary = line.split(" ", 2)
    m = re.search(r"(\d+) articles, (\d+) quotes, .*?([\d.]+) MB in [\d.]+ s .*peak RSS (\d+) MB", summary)
    if not m:
        sys.exit("cannot parse: " + summary)
    articles, quotes, mb, rss = int(m[1]), int(m[2]), float(m[3]), int(m[4])
    s = int(ns) / 1e9
    rows.setdefault(int(t), []).append((mb / s, articles / s, quotes / s, rss))
print("%-8s %22s %22s %22s %14s" % ("threads", "MB/s best (median)", "articles/s best (med)",
                                      "quotes/s best (med)", "peak RSS max"))
base = None
for t in sorted(rows):
    r = rows[t]
    col = lambda i: (max(x[i] for x in r), statistics.median(x[i] for x in r))
    mbs, arts, qs = col(0), col(1), col(2)
    if base is None:
        base = mbs[0]
    print("%-8d %12.1f (%7.1f) %12.0f (%7.0f) %12.0f (%7.0f) %11d MB   x%.2f" %
          (t, mbs[0], mbs[1], arts[0], arts[1], qs[0], qs[1], max(x[3] for x in r), mbs[0] / base))
PY

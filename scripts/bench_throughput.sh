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
# start to exit (pattern loading and the final fsync and rename included;
# the previous run's output is deleted before each run); peak RSS and
# CPU time are the process's (wait4). MB per CPU-second does not depend on
# what else the machine runs; on a busy machine compare that column.
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
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
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
  /usr/bin/python3 "$root/scripts/gen_corpus.py" --mb "$mb" "${gz[@]}" -o "$corpus.tmp"
  mv "$corpus.tmp" "$corpus"
fi
out=$dir/out.$format
echo "corpus: $corpus ($(du -h "$corpus" | cut -f1) on disk), $(nproc) cores, $runs runs each" >&2
echo "command: $bin --quiet --threads T --format $format -o $out $corpus"
/usr/bin/python3 - "$bin" "$format" "$out" "$corpus" "$runs" $threads <<'PY'
import os, re, statistics, subprocess, sys, time
bin, fmt, out, corpus, runs = sys.argv[1:6]
threads = [int(t) for t in sys.argv[6:]]
rows = {}
for t in threads:
    for r in range(int(runs)):
        cmd = [bin, "--quiet", "--threads", str(t), "--format", fmt, "-o", out, corpus]
        # Each run writes a new file: replacing the last run's output would
        # add the unlinking of a large file to the rename.
        if os.path.exists(out):
            os.remove(out)
        start = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, ru = os.wait4(proc.pid, 0)
        wall = time.monotonic() - start
        summary = proc.stderr.read().decode().strip().splitlines()[-1]
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            sys.exit("failed: " + summary)
        m = re.search(r"(\d+) articles, (\d+) quotes, .*?([\d.]+) MB in", summary)
        articles, quotes, mb = int(m[1]), int(m[2]), float(m[3])
        cpu = ru.ru_utime + ru.ru_stime
        rss = ru.ru_maxrss / 1024  # KiB -> MiB
        print("  threads=%d run %d: %.2f s wall, %.2f s CPU, %.1f MB/s, peak RSS %.0f MiB" %
              (t, r + 1, wall, cpu, mb / wall, rss), file=sys.stderr)
        rows.setdefault(t, []).append((mb / wall, articles / wall, quotes / wall, rss, mb / cpu, cpu))
os.remove(out)
print("%-7s %20s %21s %21s %13s %14s" % ("threads", "MB/s best (median)", "articles/s best (med)",
                                         "quotes/s best (med)", "peak RSS", "MB/CPU-second"))
base_cpu = None
for t in threads:
    r = rows[t]
    col = lambda i: (max(x[i] for x in r), statistics.median(x[i] for x in r))
    mbs, arts, qs, per_cpu = col(0), col(1), col(2), col(4)
    cpu = statistics.median(x[5] for x in r)
    if base_cpu is None:
        base_cpu = cpu
    print("%-7d %9.1f (%7.1f) %11.0f (%7.0f) %11.0f (%7.0f) %9.0f MiB %14.1f" %
          (t, mbs[0], mbs[1], arts[0], arts[1], qs[0], qs[1], max(x[3] for x in r), per_cpu[1]))
print("CPU time with %d threads / with %d: %.2f (1.00 = no parallel overhead)" %
      (threads[-1], threads[0], statistics.median(x[5] for x in rows[threads[-1]]) / base_cpu))
PY

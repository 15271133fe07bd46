#!/usr/bin/python3
"""Throughput of the Python module against the CLI on the same corpus.

    /usr/bin/python3 bench/python_bench.py [--build DIR] [--mb N] [--runs R] [--dir DIR]
                                           [--memory reused|fresh]

The corpus (scripts/gen_corpus.py, N MB of article text, default 100) is
written once to DIR (default ${TMPDIR:-/tmp}/qawl-bench) and reused. Each
round runs, one after the other:

  cli/1   qawl-extract --quiet --threads 1 --format pb -o OUT CORPUS
          (a new process: reading and parsing the JSON Lines, extracting,
          writing the feed; wall clock from start to exit)
  py/1    Extractor.extract_many(articles, threads=1)
  py/2    Extractor.extract_many(articles, threads=2)

where `articles` is the corpus as a list of dicts, loaded once before the
rounds (json.loads is not timed: it is the caller's, and Python's json is
slower than the extraction). The Python figures cover the whole call: the
dicts' text converted to UTF-8, extraction, and one qawl.v1.Quote message
per record. Freeing a run's results is timed apart ("free": dropping the
lists): Python messages own their strings, while the CLI reuses its
records, so freeing is a cost only the Python side has; the "+free" rows
include it.

--memory says where a call's memory comes from:

  reused  (default) the heap that the results of an untimed call with the
          same thread count were freed into just before, as in a program
          that extracts batch after batch; glibc consolidates those freed
          chunks inside the timed call, on the thread that allocates from
          that heap.
  fresh   the operating system: after freeing, glibc's malloc_trim hands
          the free memory back, so each call page-faults its records in,
          as the first call of a process does.

(A timed call right after a call with the other thread count would pay
for the other configuration's freed records: after py/1 the calling
thread's heap holds them, and with 2 threads that thread is the one making
the Python objects.)

Rounds alternate the three so that a machine shared with other work slows
them alike; the table gives the median and best MB/s (10^6 bytes of article
text per second of wall clock) and the median MB per CPU-second, then the
ratios of the medians: py/1 to cli/1 and py/2 to py/1.
"""

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import time


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default=os.path.join(root, "build"))
    parser.add_argument("--mb", type=float, default=100)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--memory", choices=("reused", "fresh"), default="reused")
    parser.add_argument("--dir", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "qawl-bench"))
    args = parser.parse_args()

    sys.path.insert(0, os.path.join(args.build, "python"))
    import qawl

    cli = os.path.join(args.build, "tools", "qawl-extract")
    os.makedirs(args.dir, exist_ok=True)
    corpus = os.path.join(args.dir, "corpus-%gmb.jsonl" % args.mb)
    if not os.path.exists(corpus):
        subprocess.run([sys.executable, os.path.join(root, "scripts", "gen_corpus.py"), "--mb", str(args.mb),
                        "-o", corpus + ".tmp"], check=True)
        os.replace(corpus + ".tmp", corpus)
    out = os.path.join(args.dir, "python-bench-out.pb")

    with open(corpus, encoding="utf-8") as f:
        articles = [json.loads(line) for line in f if line.strip()]
    mb = sum(len(a["text"].encode("utf-8")) for a in articles) / 1e6
    extractor = qawl.Extractor()
    extractor.extract_many(articles[:200], threads=2)  # start the pool, load the rules
    print("corpus: %s, %d articles, %.1f MB of text; %d cores; %d rounds; memory %s; zero-copy records: %s"
          % (corpus, len(articles), mb, os.cpu_count(), args.runs, args.memory, qawl._qawl.zero_copy()), file=sys.stderr)

    import ctypes
    libc = ctypes.CDLL("libc.so.6")
    rows = {"cli/1": [], "py/1": [], "py/2": [], "py/1+free": [], "py/2+free": []}
    quotes = {}
    for r in range(args.runs):
        # cli/1
        if os.path.exists(out):
            os.remove(out)
        start = time.monotonic()
        proc = subprocess.Popen([cli, "--quiet", "--threads", "1", "--format", "pb", "-o", out, corpus],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, ru = os.wait4(proc.pid, 0)
        wall = time.monotonic() - start
        summary = proc.stderr.read().decode().strip().splitlines()[-1]
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            sys.exit("qawl-extract failed: " + summary)
        rows["cli/1"].append((wall, ru.ru_utime + ru.ru_stime))
        quotes["cli/1"] = int(summary.split(" articles, ")[1].split(" quotes")[0])
        # py/1, py/2
        for threads in (1, 2):
            if args.memory == "reused":
                extractor.extract_many(articles, threads=threads)  # untimed; its results freed at once
            gc.collect()
            start, cpu = time.monotonic(), time.process_time()
            results = extractor.extract_many(articles, threads=threads)
            wall, cpu = time.monotonic() - start, time.process_time() - cpu
            name = "py/%d" % threads
            rows[name].append((wall, cpu))
            quotes[name] = sum(map(len, results))
            start, cpu0 = time.monotonic(), time.process_time()
            del results
            gc.collect()
            if args.memory == "fresh":
                libc.malloc_trim(0)
            rows[name + "+free"].append((wall + time.monotonic() - start, cpu + time.process_time() - cpu0))
        print("  round %d: " % (r + 1) + ", ".join(
            "%s %.1f MB/s" % (k, mb / v[-1][0]) for k, v in rows.items() if "+" not in k), file=sys.stderr)
    if os.path.exists(out):
        os.remove(out)
    quotes = {k: v for k, v in quotes.items()}
    if len(set(quotes.values())) != 1:
        sys.exit("the runs found different numbers of quotes: %s" % quotes)

    print("%-10s %12s %8s %14s" % ("run", "MB/s median", "best", "MB/CPU-second"))
    median = {}
    for name, v in rows.items():
        rates = [mb / wall for wall, _ in v]
        median[name] = statistics.median(rates)
        print("%-10s %12.1f %8.1f %14.1f" % (name, median[name], max(rates),
                                             statistics.median(mb / cpu for _, cpu in v)))
    print("py/1 / cli/1 = %.2f   py/2 / py/1 = %.2f   (%d quotes per run)"
          % (median["py/1"] / median["cli/1"], median["py/2"] / median["py/1"], quotes["py/1"]))
    print("with freeing: py/1+free / cli/1 = %.2f   py/2+free / py/1+free = %.2f"
          % (median["py/1+free"] / median["cli/1"], median["py/2+free"] / median["py/1+free"]))


if __name__ == "__main__":
    main()

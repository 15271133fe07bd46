#!/usr/bin/python3
"""Extracts the quotes of JSON Lines shards with Dask: one feed per partition.

    /usr/bin/python3 examples/dask_extract.py -o OUT_DIR [--scheduler ADDRESS |
        --workers N] [--format pb|jsonl] [--blocksize SIZE] SHARD.jsonl[.gz] ...

The shards are read as a Dask bag of lines (``dask.bag.read_text``: one
partition per file, or per --blocksize bytes of an uncompressed file); each
partition is extracted on a worker with the qawl module and written to
OUT_DIR/part-NNNNN.pb (or .jsonl): length-delimited qawl.v1.Quote records as
qawl-extract writes them, or JSON Lines in protobuf's JSON mapping (as
Python's json_format prints it: the spacing differs from qawl-extract's). A
partition's feed is written under a temporary name and renamed when
complete, so a file under its final name is whole; a rerun skips the
partitions that are already written.

Without --scheduler, a distributed.LocalCluster with --workers worker
processes (one thread each) is started and stopped. On a cluster, start a
scheduler and workers (``dask scheduler``, ``dask worker ADDRESS``) on
machines where ``import qawl`` works, and pass --scheduler ADDRESS; OUT_DIR
must then be a directory every worker can write.

Input records are qawl-extract's: "id", "text" and optional "url", "date",
"title", "source". A line that is not a JSON object with "id" and "text"
strings is counted as bad and skipped, as qawl-extract does.

From Python: ``run(client, paths, out_dir)`` returns one summary dict per
partition.
"""

import argparse
import json
import os
import sys

# The Extractor of this worker process: patterns are loaded once per process.
_EXTRACTOR = None


def _extractor():
    global _EXTRACTOR
    if _EXTRACTOR is None:
        import qawl
        _EXTRACTOR = qawl.Extractor()
    return _EXTRACTOR


def _articles(lines, bad):
    for line in lines:
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError:
            bad.append(line[:80])
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str) or \
                not isinstance(record.get("id"), str):
            bad.append(line[:80])
            continue
        yield {k: record.get(k) for k in ("id", "text", "url", "date", "title", "source")
               if isinstance(record.get(k), str)}


def _encode(quote, fmt):
    if fmt == "pb":
        from google.protobuf.internal.encoder import _VarintBytes
        data = quote.SerializeToString()
        return _VarintBytes(len(data)) + data
    from google.protobuf import json_format
    return (json_format.MessageToJson(quote, preserving_proto_field_name=True, indent=None,
                                      ensure_ascii=False) + "\n").encode("utf-8")


def extract_partition(lines, index, out_dir, fmt="pb"):
    """Extracts one partition (a list of JSON lines) to OUT_DIR/part-INDEX.FMT.
    Returns {"partition", "path", "articles", "quotes", "bad", "skipped"}."""
    path = os.path.join(out_dir, "part-%05d.%s" % (index, fmt))
    summary = {"partition": index, "path": path, "articles": 0, "quotes": 0, "bad": 0, "skipped": False}
    if os.path.exists(path):
        summary["skipped"] = True
        return summary
    bad = []
    articles = list(_articles(lines, bad))
    results = _extractor().extract_many(articles, threads=1)
    temp = "%s.tmp-%d" % (path, os.getpid())
    with open(temp, "wb") as f:
        for quotes in results:
            for q in quotes:
                f.write(_encode(q, fmt))
        f.flush()
        os.fsync(f.fileno())
    os.replace(temp, path)
    summary.update(articles=len(articles), quotes=sum(map(len, results)), bad=len(bad))
    return summary


def run(client, paths, out_dir, fmt="pb", blocksize=None):
    """Runs the pipeline on `client` (a distributed.Client); returns the
    partition summaries in partition order."""
    import dask
    import dask.bag as db

    os.makedirs(out_dir, exist_ok=True)
    bag = db.read_text(list(paths), blocksize=blocksize, encoding="utf-8")
    tasks = [dask.delayed(extract_partition)(part, i, out_dir, fmt)
             for i, part in enumerate(bag.to_delayed())]
    return list(client.compute(tasks, sync=True))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("inputs", nargs="+", help="JSON Lines shards (.jsonl, .jsonl.gz)")
    parser.add_argument("-o", "--output", required=True, help="directory for the partition feeds")
    parser.add_argument("--format", choices=("pb", "jsonl"), default="pb")
    parser.add_argument("--scheduler", help="address of a running Dask scheduler")
    parser.add_argument("--workers", type=int, default=os.cpu_count(),
                        help="worker processes of the local cluster (default: one per core)")
    parser.add_argument("--blocksize", default=None,
                        help="split uncompressed shards into partitions of this size (e.g. 64MiB)")
    args = parser.parse_args()

    from distributed import Client, LocalCluster

    if args.scheduler:
        client, cluster = Client(args.scheduler), None
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        summaries = run(client, args.inputs, args.output, args.format, args.blocksize)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    articles = sum(s["articles"] for s in summaries)
    quotes = sum(s["quotes"] for s in summaries)
    bad = sum(s["bad"] for s in summaries)
    skipped = sum(s["skipped"] for s in summaries)
    print("dask_extract: %d partitions (%d already done), %d articles, %d quotes, %d bad records"
          % (len(summaries), skipped, articles, quotes, bad), file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

"""The Dask pipeline (examples/dask_extract.py) on a real
distributed.LocalCluster, a scheduler and 2 worker processes: the union of
the partition feeds equals qawl-extract's output on the same input, and a
rerun skips the partitions already written."""

import collections
import os
import subprocess
import sys

from conftest import CLI, SOURCE, read_delimited, run_cli

import distributed  # not importorskip: a missing Dask must fail the test

import dask_extract  # examples/


def test_local_cluster_union_equals_cli(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # Three shards of generated articles (about 1.5 MB of text), one with
    # a bad line that both the CLI and the pipeline skip.
    for k in range(3):
        subprocess.run([sys.executable, os.path.join(SOURCE, "scripts", "gen_corpus.py"), "--mb", "0.5",
                        "--seed", str(10 + k), "-o", str(corpus / ("shard-%d.jsonl" % k))],
                       check=True, capture_output=True)
    with open(corpus / "shard-1.jsonl", "a", encoding="utf-8") as f:
        f.write('{"id": "broken", "text": \n')
    shards = sorted(str(p) for p in corpus.iterdir())

    cli_out = tmp_path / "cli.pb"
    proc = run_cli("-o", str(cli_out), *shards)
    assert proc.returncode == 1, "the CLI should report the bad line"
    expected = collections.Counter(read_delimited(cli_out.read_bytes()))
    assert sum(expected.values()) > 1000

    out = tmp_path / "feeds"
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=40)
    try:
        with distributed.Client(cluster, timeout=60) as client:
            workers = client.scheduler_info()["workers"]
            assert len(workers) == 2, workers
            # Uncompressed shards split at 256 kB: more partitions than files.
            summaries = dask_extract.run(client, shards, str(out), "pb", blocksize="256kB")
            pids = set(client.run(os.getpid).values())
            rerun = dask_extract.run(client, shards, str(out), "pb", blocksize="256kB")
    finally:
        cluster.close(timeout=30)

    assert len(pids) == 2 and os.getpid() not in pids, pids
    assert len(summaries) > len(shards), summaries
    assert sum(s["bad"] for s in summaries) == 1, summaries
    assert all(s["skipped"] for s in rerun), rerun
    got = collections.Counter()
    for s in summaries:
        got.update(read_delimited(open(s["path"], "rb").read()))
    assert sorted(os.listdir(out)) == ["part-%05d.pb" % i for i in range(len(summaries))]
    missing, extra = expected - got, got - expected
    assert not missing and not extra, "%d records missing from the partition feeds, %d extra" % (
        sum(missing.values()), sum(extra.values()))

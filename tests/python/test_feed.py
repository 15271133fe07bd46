"""qawl.read_feed: the C++ feed reader from Python. Good pb and jsonl feeds
give the CLI's records; a damaged feed yields the records before the damage
and then raises FeedError naming the file and the byte offset."""

import os

import pytest

import qawl
from qawl.v1 import quote_pb2

from conftest import SEEDS, run_cli


def test_pb_feed_gives_the_cli_records(cli_seed_feed):
    path, records = cli_seed_feed
    got = list(qawl.read_feed(path))
    assert len(got) == len(records) > 0
    for i, (q, r) in enumerate(zip(got, records)):
        assert isinstance(q, quote_pb2.Quote)
        assert q.SerializeToString() == r, "record %d differs" % i


def test_jsonl_feed_gives_the_same_records(cli_seed_feed, tmp_path):
    path, records = cli_seed_feed
    jsonl = tmp_path / "seeds.jsonl"
    run_cli("--format=jsonl", "-o", str(jsonl), SEEDS)
    got = list(qawl.read_feed(str(jsonl)))
    assert [q.SerializeToString() for q in got] == records
    # The format may be given; a file name that says nothing is detected.
    plain = tmp_path / "feed.data"
    plain.write_bytes(jsonl.read_bytes())
    assert list(qawl.read_feed(plain)) == got
    assert list(qawl.read_feed(plain, format="jsonl")) == got


def test_truncated_pb_feed_yields_earlier_records_then_raises(cli_seed_feed, tmp_path):
    path, records = cli_seed_feed
    data = path.read_bytes()
    keep = 5
    # The offset of record `keep`: after `keep` records and their prefixes.
    start = 0
    for r in records[:keep]:
        start += len(r) + len(_varint(len(r)))
    cut = tmp_path / "cut.pb"
    cut.write_bytes(data[:start + 1 + len(records[keep]) // 2])
    got = []
    with pytest.raises(qawl.FeedError) as info:
        for q in qawl.read_feed(str(cut)):
            got.append(q.SerializeToString())
    assert got == records[:keep], "%d records before the error, want %d" % (len(got), keep)
    message = str(info.value)
    assert str(cut) in message and ("byte %d" % start) in message, message
    assert info.value.offset == start and info.value.path == str(cut)
    assert isinstance(info.value, ValueError)


def test_corrupt_jsonl_line_raises_with_line_and_offset(tmp_path):
    feed = tmp_path / "bad.jsonl"
    good = '{"article_id": "a", "kind": "DIRECT", "text": "x"}\n'
    feed.write_text(good + good + "{not json\n" + good)
    got = []
    with pytest.raises(qawl.FeedError) as info:
        for q in qawl.read_feed(feed):
            got.append(q)
    assert len(got) == 2 and got[0].article_id == "a" and got[0].kind == qawl.DIRECT
    message = str(info.value)
    assert "bad.jsonl:3" in message and ("byte %d" % (2 * len(good))) in message, message


def test_missing_file_and_bad_format(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope.pb"):
        qawl.read_feed(str(tmp_path / "nope.pb"))
    (tmp_path / "x.pb").write_bytes(b"")
    with pytest.raises(ValueError, match="format"):
        qawl.read_feed(str(tmp_path / "x.pb"), format="text")
    assert list(qawl.read_feed(tmp_path / "x.pb")) == []


def _varint(n):
    out = bytearray()
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def test_error_after_several_batches(cli_seed_feed, tmp_path):
    # More records than read_feed takes from C++ at a time (1024), then
    # a zero size prefix.
    path, records = cli_seed_feed
    copies = 2048 // len(records) + 1
    feed = tmp_path / "long.pb"
    feed.write_bytes(path.read_bytes() * copies + b"\0" * 8)
    n = 0
    with pytest.raises(qawl.FeedError) as info:
        for q in qawl.read_feed(feed):
            assert q.SerializeToString() == records[n % len(records)], "record %d" % n
            n += 1
    assert n == len(records) * copies
    assert info.value.offset == len(path.read_bytes()) * copies, str(info.value)

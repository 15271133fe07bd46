"""The Python module: Extractor.extract gives the CLI's records as
qawl.v1.Quote messages; extract_many gives the same whatever the thread
count; bad arguments raise with context."""

import os

import pytest

import qawl
from qawl.v1 import quote_pb2

from conftest import SOURCE


def test_extract_returns_quote_messages_equal_to_cli(seed_articles, cli_seed_feed):
    ex = qawl.Extractor()
    ours = []
    for article_id, text in seed_articles:
        quotes = ex.extract(text, id=article_id)
        for q in quotes:
            assert isinstance(q, quote_pb2.Quote), type(q)
            assert q.article_id == article_id
        ours.extend(q.SerializeToString() for q in quotes)
    _, cli = cli_seed_feed
    assert len(ours) == len(cli) > 0, "python %d records, CLI %d" % (len(ours), len(cli))
    for i, (a, b) in enumerate(zip(ours, cli)):
        assert a == b, "record %d differs:\npython: %s\ncli:    %s" % (
            i, quote_pb2.Quote.FromString(a), quote_pb2.Quote.FromString(b))
    kinds = {quote_pb2.Quote.FromString(r).kind for r in cli}
    assert {qawl.DIRECT, qawl.PARTIAL, qawl.INDIRECT} <= kinds, kinds


def test_extract_copies_article_fields_and_offsets_are_utf8_bytes():
    ex = qawl.Extractor()
    text = 'قال الرئيس الروسي فلاديمير بوتين للصحفيين: "نحن مستعدون للحوار مع جميع الشركاء".'
    quotes = ex.extract(text, id="a1", url="https://example.org/1", date="2024-06-20", title="t")
    assert len(quotes) == 1, quotes
    q = quotes[0]
    assert (q.article_id, q.url, q.date) == ("a1", "https://example.org/1", "2024-06-20")
    assert q.kind == qawl.DIRECT
    assert q.speaker.id == "vladimir-putin", q.speaker
    raw = text.encode("utf-8")
    assert raw[q.span.begin:q.span.end].decode("utf-8") == q.text, (q.span, q.text)


def test_messages_are_independent_and_mutable():
    ex = qawl.Extractor()
    text = 'قال الرئيس الروسي فلاديمير بوتين: "نحن مستعدون للحوار".'
    a, b = ex.extract(text, id="x")[0], ex.extract(text, id="x")[0]
    assert a == b
    a.speaker.name = "changed"
    assert b.speaker.name != "changed"
    assert quote_pb2.Quote.FromString(b.SerializeToString()) == b


@pytest.mark.parametrize("threads", [1, 2, 0, 5])
def test_extract_many_equals_sequential_extract(seed_articles, threads):
    ex = qawl.Extractor()
    # Several batches (more than 512 articles), in a generator.
    articles = [{"id": "%s-%d" % (i, n), "text": t, "url": "u%d" % n}
                for n in range(12) for i, t in seed_articles]
    expected = [ex.extract(a["text"], id=a["id"], url=a["url"]) for a in articles]
    got = ex.extract_many((a for a in articles), threads=threads)
    assert len(got) == len(articles)
    for n, (e, g) in enumerate(zip(expected, got)):
        assert isinstance(g, list)
        assert e == g, "article %d (%s): %d vs %d quotes" % (n, articles[n]["id"], len(e), len(g))
    assert sum(map(len, got)) > 0


def test_extract_many_empty_and_none_fields():
    ex = qawl.Extractor()
    assert ex.extract_many([]) == []
    assert ex.extract_many([{"text": "", "id": None}]) == [[]]


def test_options():
    text = open(os.path.join(SOURCE, "tests", "data", "seeds", sorted(
        f for f in os.listdir(os.path.join(SOURCE, "tests", "data", "seeds")) if f.endswith(".txt"))[0]),
        encoding="utf-8").read()
    all_quotes = qawl.Extractor().extract(text)
    direct_only = qawl.Extractor(indirect=False).extract(text)
    assert all(q.kind != qawl.INDIRECT for q in direct_only)
    assert len(direct_only) <= len(all_quotes)
    confident = qawl.Extractor(min_confidence=0.9).extract(text)
    # confidence is a float32: 0.9f reads back as 0.8999999761.
    assert all(q.confidence >= 0.9 - 1e-6 for q in confident), [q.confidence for q in confident]
    same = qawl.Extractor(patterns_dir=os.path.join(SOURCE, "patterns")).extract(text)
    assert same == all_quotes


def test_errors():
    ex = qawl.Extractor()
    with pytest.raises(KeyError, match=r"articles\[1\] has no 'text'"):
        ex.extract_many([{"text": "a"}, {"id": "b"}])
    with pytest.raises(TypeError, match=r"articles\[0\]\['id'\] must be str"):
        ex.extract_many([{"text": "a", "id": 3}])
    with pytest.raises(TypeError, match=r"articles\[0\] must be a dict"):
        ex.extract_many(["just text"])
    # The index is within the whole input, past the first batch.
    with pytest.raises(KeyError, match=r"articles\[600\]"):
        ex.extract_many([{"text": "x"}] * 600 + [{}])
    with pytest.raises(ValueError, match="threads"):
        ex.extract_many([{"text": "a"}], threads=-1)
    with pytest.raises(TypeError):
        ex.extract(None)
    with pytest.raises(ValueError, match="min_confidence"):
        qawl.Extractor(min_confidence=1.5)
    with pytest.raises(ValueError, match="verbs.txt"):
        qawl.Extractor(patterns_dir="/nonexistent/patterns")


def test_broken_pattern_file_names_file_and_line(tmp_path):
    import shutil
    patterns = tmp_path / "patterns"
    shutil.copytree(os.path.join(SOURCE, "patterns"), patterns)
    bad = os.path.join(SOURCE, "tests", "data", "bad_patterns", "unknown_section")
    for name in os.listdir(bad):
        shutil.copy(os.path.join(bad, name), patterns / name)
    with pytest.raises(ValueError, match=r"\.txt:\d+"):
        qawl.Extractor(patterns_dir=patterns)


def test_lone_surrogate_becomes_replacement_character():
    ex = qawl.Extractor()
    # Must not crash or raise: UTF-8 cannot hold a lone surrogate.
    assert ex.extract_many([{"text": "قال \ud800 شيئا"}]) == [[]]


def test_threads_share_one_extractor(seed_articles):
    import threading
    ex = qawl.Extractor()
    articles = [{"id": i, "text": t} for i, t in seed_articles]
    expected = ex.extract_many(articles)
    results = [None] * 4

    def work(k):
        results[k] = ex.extract_many(articles, threads=2)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for k, r in enumerate(results):
        assert r == expected, "python thread %d differs" % k


def test_articles_of_every_size_come_back_in_order():
    # With several threads the articles finish out of order (a long one
    # beside many short ones); the lists must still follow the input.
    ex = qawl.Extractor()
    short = "قال الوزير: \"الوضع صعب\"."
    long = " ".join("وقال المدرب %d: \"الفريق قدم مباراة كبيرة\"." % n for n in range(400))
    articles = [{"id": str(n), "text": long if n % 50 == 0 else (short if n % 3 else "")} for n in range(300)]
    expected = [ex.extract(a["text"], id=a["id"]) for a in articles]
    for threads in (2, 4):
        got = ex.extract_many(articles, threads=threads)
        assert [len(g) for g in got] == [len(e) for e in expected], threads
        assert got == expected, threads
    assert len(expected[0]) == 400 and len(expected[1]) == 1 and expected[3] == []


def test_version_and_stub_present():
    assert qawl.__version__.count(".") == 2, qawl.__version__
    pkg = os.path.dirname(qawl.__file__)
    assert os.path.exists(os.path.join(pkg, "__init__.pyi"))
    assert os.path.exists(os.path.join(pkg, "py.typed"))



def test_extract_many_in_a_forked_child(seed_articles):
    # The Extractor's worker threads are not forked: the child must start
    # its own instead of waiting for them.
    import signal
    ex = qawl.Extractor()
    articles = [{"id": i, "text": t} for i, t in seed_articles]
    expected = [len(x) for x in ex.extract_many(articles, threads=2)]
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            signal.alarm(60)
            got = [len(x) for x in ex.extract_many(articles, threads=2)]
            os.write(w, repr(got).encode())
        finally:
            os._exit(0)
    os.close(w)
    with os.fdopen(r, "rb") as f:
        data = f.read()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, "child: status %d" % status
    assert data and eval(data) == expected, "child got %r" % data


def test_text_conversion_to_utf8_matches_python():
    # The module converts str to UTF-8 itself, 8 code units at a time for
    # text below U+0800: quotes over random mixes of ASCII, Arabic, other
    # BMP and astral characters must give Python's own UTF-8 offsets.
    import random
    ex = qawl.Extractor()
    rng = random.Random(1)
    simple = [chr(c) for c in list(range(0x20, 0x7F)) + list(range(0x600, 0x6FF))]
    mixed = simple + ["\u00e9", "\u20ac", "\u2068", "\ufeff", "\U0001F600"]
    found = 0
    for n in range(300):
        body = "".join(rng.choice(mixed if n % 3 == 0 else simple) for _ in range(rng.randrange(0, 200)))
        text = 'قال الرئيس الروسي فلاديمير بوتين: "' + body.replace('"', "") + '"'
        quotes = ex.extract(text, id="x")
        assert quotes == ex.extract_many([{"text": text, "id": "x"}])[0], "text %d" % n
        raw = text.encode("utf-8")
        for q in quotes:
            assert raw[q.span.begin:q.span.end].decode("utf-8") == q.text, "text %d: %r" % (n, q.text)
            found += 1
    assert found > 100, found


def test_records_are_moved_with_debian_protobuf():
    # With Debian 12's python3-protobuf (4.21, "cpp" backend) the module
    # moves records into messages instead of serializing them.
    import google.protobuf
    from google.protobuf.internal import api_implementation
    if api_implementation.Type() == "cpp" and google.protobuf.__version__.startswith("4.21."):
        assert qawl._qawl.zero_copy(), "the cpp backend should let the module move records"


@pytest.mark.parametrize("setting,tuned", [(None, True), ("off", False)])
def test_threads_turn_fastbins_off_unless_told_not_to(setting, tuned):
    # The setting is process-wide and made once: check it in a new process.
    import subprocess
    import sys
    env = dict(os.environ)
    env.pop("QAWL_MALLOC_TUNING", None)
    env["PYTHONPATH"] = os.path.dirname(os.path.dirname(qawl.__file__))
    if setting is not None:
        env["QAWL_MALLOC_TUNING"] = setting
    script = (
        "import qawl\n"
        "ex = qawl.Extractor()\n"
        "before = qawl._qawl.allocator_tuned()\n"
        "ex.extract_many([{'text': 'قال الوزير إن الوضع مستقر.'}] * 4, threads=1)\n"
        "one = qawl._qawl.allocator_tuned()\n"
        "ex.extract_many([{'text': 'قال الوزير إن الوضع مستقر.'}] * 4, threads=2)\n"
        "print(before, one, qawl._qawl.allocator_tuned())\n"
    )
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False", str(tuned)], out.stdout + out.stderr

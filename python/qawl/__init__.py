"""qawl: who said what in Arabic news.

Extracts quotations (direct, partial and reported speech) from Arabic news
articles and attributes each to its speaker. Every record is a
``qawl.v1.Quote`` protobuf message (``proto/qawl/v1/quote.proto``): the same
records ``qawl-extract`` writes to its feeds.

    import qawl
    ex = qawl.Extractor()
    for q in ex.extract(text, id="a1"):
        print(q.speaker.name or q.speaker.mention, q.text)

``Extractor.extract_many`` extracts many articles on several threads with
the GIL released; ``read_feed`` reads a ``pb`` or ``jsonl`` feed. See
docs/python.md.

Use Debian's /usr/bin/python3: the module is built against it and needs its
python3-protobuf.
"""

import os

# _qawl first: loading it registers qawl/v1/quote.proto from its generated
# C++ code, which quote_pb2 then finds, so that Python's Quote wraps that
# C++ class and records can be moved into messages (see qawl_module.cc).
from . import _qawl
from .v1 import quote_pb2

__all__ = ["Extractor", "FeedError", "Quote", "Kind", "DIRECT", "PARTIAL", "INDIRECT", "read_feed",
           "__version__"]

__version__ = "@PROJECT_VERSION@"

#: The record class, ``qawl.v1.quote_pb2.Quote``.
Quote = quote_pb2.Quote
#: The enum of ``Quote.kind``: ``qawl.DIRECT``, ``qawl.PARTIAL``, ``qawl.INDIRECT``.
Kind = quote_pb2.Kind
DIRECT = quote_pb2.DIRECT
PARTIAL = quote_pb2.PARTIAL
INDIRECT = quote_pb2.INDIRECT

# extract_many hands this many articles (or this many characters of text,
# whichever comes first) to C++ at a time: the batch job's batch size.
_BATCH_ARTICLES = 512
_BATCH_CHARS = 1 << 20
# read_feed reads this many records at a time.
_FEED_BATCH = 1024


class FeedError(ValueError):
    """A feed is damaged: a bad size prefix, a record cut short, bytes that
    are not a Quote, a line that is not JSON.

    ``str(e)`` names the feed and the byte offset where the bad record
    starts; the attributes ``path`` and ``offset`` hold them too. Every
    record before the bad one has been yielded.
    """

    def __init__(self, message, path, offset):
        super().__init__(message)
        self.path = path
        self.offset = offset


class Extractor:
    """Finds the quotations of Arabic news articles and their speakers.

    ``patterns_dir``: a directory with verbs.txt, lexicon.txt, rules.txt and
    speakers.txt (default: the patterns built into the module). A broken
    pattern file raises ValueError naming the file and line.
    ``min_confidence``: records below it are dropped (0 to 1; default 0).
    ``indirect``: emit reported speech (INDIRECT records; default True).

    Thread-safety: every method releases the GIL while C++ works, and one
    Extractor may be used from several Python threads at once.
    """

    def __init__(self, patterns_dir=None, min_confidence=0.0, indirect=True):
        if patterns_dir is not None:
            patterns_dir = os.fspath(patterns_dir)
        self._impl = _qawl.Extractor(patterns_dir, float(min_confidence), bool(indirect))

    def extract(self, text, id="", url="", date="", title=""):
        """Returns the quotes of one article as a list of ``qawl.v1.Quote``,
        in text order. ``id``, ``url`` and ``date`` are copied into every
        record (``article_id``, ``url``, ``date``); spans are byte offsets
        into the UTF-8 of ``text``."""
        return self._impl.extract(text, id, url, date, title)

    def extract_many(self, articles, threads=1):
        """Extracts every article of ``articles``, an iterable of dicts with
        ``"text"`` and optional ``"id"``, ``"url"``, ``"date"``, ``"title"``,
        ``"source"``, on ``threads`` threads (0: one per core).

        Returns one list of ``qawl.v1.Quote`` per article, in input order,
        the same as ``[extract(...) for a in articles]`` whatever the thread
        count. The articles are taken in batches; the GIL is released while
        C++ extracts a batch. A dict without ``"text"`` raises KeyError, a
        value that is not a str TypeError.

        The first call with more than one thread turns off glibc's fastbins
        for the process (``mallopt(M_MXFAST, 0)``), which lets the threads
        scale; set ``QAWL_MALLOC_TUNING=off`` in the environment to keep
        the process's allocator as it is (docs/python.md, "Speed")."""
        out = []
        it = iter(articles)
        while True:
            batch = []
            chars = 0
            for article in it:
                batch.append(article)
                try:
                    chars += len(article["text"])
                except (KeyError, TypeError):
                    pass  # reported by C++ with the article's index
                if len(batch) >= _BATCH_ARTICLES or chars >= _BATCH_CHARS:
                    break
            if not batch:
                return out
            try:
                out.extend(self._impl.extract_batch(batch, threads))
            except (KeyError, TypeError) as e:
                # Index within the whole input, not within the batch.
                raise type(e)(_shift_index(e, len(out))) from None


def _shift_index(error, offset):
    message = error.args[0] if error.args else str(error)
    if offset and message.startswith("articles["):
        end = message.index("]")
        message = "articles[%d]%s" % (int(message[9:end]) + offset, message[end + 1:])
    return message


def read_feed(path, format=None):
    """Iterates over the ``qawl.v1.Quote`` records of a feed written by
    ``qawl-extract`` (or any length-delimited Quote stream): ``pb`` or
    ``jsonl``, from ``format`` if given, else from the file name or the
    first byte.

    Raises FileNotFoundError or OSError at once if the file cannot be
    opened. A damaged feed yields the good records before the damage, then
    raises FeedError naming the file and the byte offset."""
    reader = _qawl.FeedReader(os.fspath(path), format)
    return _read_feed(reader, os.fspath(path))


def _read_feed(reader, path):
    while True:
        quotes, done, error = reader.next_batch(_FEED_BATCH)
        yield from quotes
        if error is not None:
            kind, message, offset = error
            if kind == "io":
                raise OSError(message)
            raise FeedError(message, path, offset)
        if done:
            return

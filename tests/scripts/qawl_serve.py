"""Helpers of the qawl-lookup serve script tests (web_load.py, web_browser.py).

Starts `qawl-lookup serve` on 127.0.0.1 with a free port (--port 0; the port is
read from the "listening on" line it prints), and stops it with SIGTERM,
checking that it exits cleanly. Builds the index of the seed articles, dated,
with urls, plus hostile records.
"""
import glob
import json
import os
import re
import signal
import subprocess
import time

# One date per seed article (tests/data/seeds has no dates).
SEED_DATES = {
    "000": "2024-11-12", "001": "2024-06-28", "002": "2024-06-19",
    "003": "2024-10-31", "004": "2024-11-03",
}

HOSTILE_TEXT = '"><img src=x onerror=alert(1)> <script>alert("quote")</script> تهديد خطير'
HOSTILE_MENTION = '<script>alert("mention")</script>"><img src=x onerror=alert(2)>'


def run(cmd, **kw):
    subprocess.run(cmd, check=True, **kw)


def build_seed_index(build, src, workdir):
    """The seeds (dated, with urls) and a hostile record, indexed. Returns the db path."""
    articles = os.path.join(workdir, "articles.jsonl")
    with open(articles, "w", encoding="utf-8") as f:
        for path in sorted(glob.glob(os.path.join(src, "tests/data/seeds/*.txt"))):
            aid = os.path.basename(path)[:-4]
            with open(path, encoding="utf-8") as t:
                text = t.read()
            f.write(json.dumps({"id": aid, "text": text, "date": SEED_DATES[aid[:3]],
                                "url": "https://example.org/news/" + aid}, ensure_ascii=False) + "\n")
    feed = os.path.join(workdir, "seeds.pb")
    run([os.path.join(build, "tools/qawl-extract"), "--quiet", "-o", feed, articles])
    # A record whose quote and speaker mention are markup, with a
    # javascript: url, as a jsonl feed (qawl.v1.Quote JSON).
    hostile = os.path.join(workdir, "hostile.jsonl")
    with open(hostile, "w", encoding="utf-8") as f:
        f.write(json.dumps({
            "article_id": "hostile-1", "kind": "DIRECT", "text": HOSTILE_TEXT,
            "span": {"begin": 0, "end": len(HOSTILE_TEXT.encode())},
            "speaker": {"mention": HOSTILE_MENTION}, "confidence": 0.5,
            "url": "javascript:alert(3)", "date": "2024-11-20"}, ensure_ascii=False) + "\n")
    db = os.path.join(workdir, "seeds.db")
    run([os.path.join(build, "tools/qawl-lookup"), "index", "-q", feed, hostile, "--db", db])
    return db


class Server:
    """qawl-lookup serve on 127.0.0.1, any free port."""

    def __init__(self, build, db, extra=()):
        self.proc = subprocess.Popen(
            [os.path.join(build, "tools/qawl-lookup"), "serve", "--db", db, "--port", "0", *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        m = re.match(r"listening on (http://127\.0\.0\.1:(\d+))$", line.strip())
        if not m:
            self.proc.kill()
            raise RuntimeError("qawl-lookup serve did not start: %r %s" % (line, self.proc.stderr.read()))
        self.url = m.group(1)
        self.port = int(m.group(2))
        self.pid = self.proc.pid

    def peak_rss_kib(self):
        with open("/proc/%d/status" % self.pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        return 0

    def stop(self, sig=signal.SIGTERM, timeout=10):
        """Sends `sig` (SIGTERM or SIGINT); returns the exit status (0 for a clean stop)."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                raise RuntimeError("qawl-lookup serve did not stop within %d s of %s" % (timeout, sig.name))
        return self.proc.returncode

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

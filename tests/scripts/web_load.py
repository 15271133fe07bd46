"""Load test of qawl-lookup serve.

Usage: web_load.py BUILD_DIR [RECORDS [REQUESTS [CLIENTS]]]
       (defaults 100000, 2000, 32)

Builds an index of RECORDS synthetic quotes with `qawl-lookup bench`'s
generator (bench --dir keeps its database), starts the server on 127.0.0.1
with a free port, and sends REQUESTS requests from CLIENTS concurrent
clients (threads, one http.client connection per request): speaker
searches by id, Arabic and English alias, word and phrase searches,
suggestions, speaker pages, and bad requests that must get their 400, 404 or
405. Fails on any request that fails or gets another status (so on any 5xx)
and when the run takes longer than its time bound; prints the p50 and p99
latency and the server's peak RSS (VmHWM), then stops the server with SIGINT
and checks that it exits with status 0. First, serve's usage errors: no
--db, a missing index, a bad port or address exit with status 2.
"""
import http.client
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qawl_serve  # noqa: E402

TIME_BOUND_S = 150   # the whole request phase
REQUEST_TIMEOUT_S = 30


def get(port, path, method="GET"):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT_S)
    try:
        conn.request(method, path)
        res = conn.getresponse()
        return res.status, res.read()
    finally:
        conn.close()


def api(path, **params):
    return path + ("?" + urllib.parse.urlencode(params) if params else "")


def plan(port, n, rng):
    """The requests: (kind, path, method, expected statuses)."""
    # Speakers in the index, by the suggestions of a few prefixes.
    speakers = {}
    for prefix in ["", "a", "b", "m", "s", "ب", "م", "ع", "ا", "ن"]:
        status, body = get(port, api("/api/speakers", prefix=prefix))
        assert status == 200, (prefix, status, body)
        for s in json.loads(body)["speakers"]:
            speakers[s["id"]] = s
    names = []
    for s in speakers.values():
        names += [s["id"], s["label"], s["name"]]
    # Words of real quotes, for word and phrase searches.
    phrases = []
    for sid in list(speakers)[:8]:
        status, body = get(port, api("/api/search", speaker=sid, page_size=20))
        assert status == 200, (sid, status, body)
        for e in json.loads(body)["entries"]:
            words = e["text"].split()
            if len(words) >= 3:
                i = rng.randrange(len(words) - 2)
                phrases.append(" ".join(words[i:i + rng.choice([2, 3])]))
    assert len(speakers) >= 5 and len(phrases) >= 20, (len(speakers), len(phrases))
    bad = [
        (api("/api/search", page=0), "GET", {400}),
        (api("/api/search", page_size=500), "GET", {400}),
        (api("/api/search", since="2024-02-30"), "GET", {400}),
        (api("/api/search", kind="rumour"), "GET", {400}),
        (api("/api/search", limit=5), "GET", {400}),
        (api("/api/search", q="x" * 300), "GET", {400}),
        ("/api/search?q=%FF%FE", "GET", {400}),
        ("/api/search?phrase=%00", "GET", {400}),
        (api("/api/search", q='"NEAR( * OR -'), "GET", {200}),
        (api("/api/search", speaker="nobody-of-that-name"), "GET", {404}),
        ("/api/speakers/nobody-of-that-name", "GET", {404}),
        ("/../../etc/passwd", "GET", {404}),
        ("/api/search", "POST", {405}),
    ]
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.30:
            out.append(("speaker search", api("/api/search", speaker=rng.choice(names),
                                              page=rng.choice([1, 1, 1, 2, 5])), "GET", {200}))
        elif r < 0.45:
            out.append(("phrase search", api("/api/search", phrase=rng.choice(phrases)), "GET", {200}))
        elif r < 0.55:
            out.append(("word search", api("/api/search", q=rng.choice(phrases), kind=rng.choice(
                ["", "direct", "indirect"]), since="2024-01-01"), "GET", {200}))
        elif r < 0.70:
            out.append(("speaker page", "/api/speakers/" + urllib.parse.quote(rng.choice(list(speakers))),
                        "GET", {200}))
        elif r < 0.80:
            name = rng.choice(names)
            out.append(("suggestions", api("/api/speakers", prefix=name[:rng.randint(1, 4)]), "GET", {200}))
        elif r < 0.85:
            out.append(("page", rng.choice(["/", "/app.js", "/style.css"]), "GET", {200}))
        else:
            path, method, expect = rng.choice(bad)
            out.append(("bad request", path, method, expect))
    return out


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, max(0, int(round(p * len(values) + 0.5)) - 1))]


def main():
    build = sys.argv[1]
    records = int(sys.argv[2]) if len(sys.argv) > 2 else 100000
    requests = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
    clients = int(sys.argv[4]) if len(sys.argv) > 4 else 32
    rng = random.Random(12)
    tool = os.path.join(build, "tools/qawl-lookup")
    for args in (["serve"], ["serve", "--db", "/nonexistent/quotes.db"], ["serve", "--db", "x.db", "--port", "70000"],
                 ["serve", "--db", "x.db", "--threads", "0"], ["serve", "--db", "x.db", "extra"]):
        rc = subprocess.run([tool, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            timeout=30).returncode
        if rc != 2:
            print("FAIL: qawl-lookup %s exited with %d, want 2" % (" ".join(args), rc))
            sys.exit(1)
    with tempfile.TemporaryDirectory() as tmp:
        t = time.monotonic()
        subprocess.run([os.path.join(build, "tools/qawl-lookup"), "bench", "--records", str(records),
                        "--queries", "1", "--dir", tmp], check=True, stdout=subprocess.DEVNULL)
        for name in ("bench.pb", "bench-update.pb"):
            os.remove(os.path.join(tmp, name))
        print("index of %d synthetic records built in %.1f s" % (records, time.monotonic() - t))
        with qawl_serve.Server(build, os.path.join(tmp, "bench.db")) as server:
            work = plan(server.port, requests, rng)
            results = [None] * len(work)
            next_item = [0]
            lock = threading.Lock()

            def client():
                while True:
                    with lock:
                        i = next_item[0]
                        next_item[0] += 1
                    if i >= len(work):
                        return
                    kind, path, method, expect = work[i]
                    start = time.monotonic()
                    try:
                        status, body = get(server.port, path, method)
                        error = None if status in expect else "status %d, want %s: %s" % (
                            status, sorted(expect), body[:200])
                    except Exception as e:  # a failed request: reset, timeout...
                        error = "%s: %s" % (type(e).__name__, e)
                    results[i] = (kind, time.monotonic() - start, error)

            start = time.monotonic()
            threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
            for th in threads:
                th.start()
            for th in threads:
                th.join(max(0.0, TIME_BOUND_S - (time.monotonic() - start)))
            elapsed = time.monotonic() - start
            rss_kib = server.peak_rss_kib()
            status = server.stop(signal.SIGINT)
            bad_bind = subprocess.run([tool, "serve", "--db", os.path.join(tmp, "bench.db"), "--bind", "192.0.2.1",
                                       "--port", "0"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                      timeout=30).returncode
            if bad_bind != 2:
                print("FAIL: serve on an address of no interface exited with %d, want 2" % bad_bind)
                sys.exit(1)

    done = [r for r in results if r is not None]
    failures = [(work[i][1], r[2]) for i, r in enumerate(results) if r is not None and r[2]]
    latencies = [r[1] * 1000 for r in done]
    print("%d requests from %d clients in %.1f s (%.0f requests/s): %d failed" % (
        len(done), clients, elapsed, len(done) / max(elapsed, 1e-9), len(failures)))
    print("latency p50 %.2f ms, p99 %.2f ms, max %.2f ms" % (
        percentile(latencies, 0.50), percentile(latencies, 0.99), max(latencies)))
    for kind in sorted({r[0] for r in done}):
        ms = [r[1] * 1000 for r in done if r[0] == kind]
        print("  %-15s %5d  p50 %7.2f ms  p99 %7.2f ms" % (kind, len(ms), percentile(ms, 0.5), percentile(ms, 0.99)))
    print("server peak RSS %.1f MiB" % (rss_kib / 1024))
    ok = True
    if len(done) != len(work):
        print("FAIL: %d requests unanswered after %d s" % (len(work) - len(done), TIME_BOUND_S))
        ok = False
    for path, error in failures[:20]:
        print("FAIL: %s: %s" % (path, error))
        ok = False
    if status != 0:
        print("FAIL: the server exited with status %s after SIGINT" % status)
        ok = False
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

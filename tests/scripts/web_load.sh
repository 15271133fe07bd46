#!/usr/bin/env bash
# qawl-lookup serve under load: a 100,000-quote index from the bench
# generator, 2,000 requests from 32 concurrent clients on 127.0.0.1 (searches,
# suggestions, speaker pages, bad requests); no request may fail or get a
# 5xx. Prints p50/p99 latency and the server's peak RSS. QAWL_LOAD_RECORDS,
# QAWL_LOAD_REQUESTS and QAWL_LOAD_CLIENTS change the sizes. See
# tests/scripts/web_load.py.
set -euo pipefail
build=$1
src=$2
exec /usr/bin/python3 "$src/tests/scripts/web_load.py" "$build" "${QAWL_LOAD_RECORDS:-100000}" \
  "${QAWL_LOAD_REQUESTS:-2000}" "${QAWL_LOAD_CLIENTS:-32}"

#!/usr/bin/env bash
# A consumer in Python (Debian's python3-protobuf) reads the length-delimited
# pb feed of the seed articles and finds the same records as the jsonl output.
set -euo pipefail
build=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/tools/qawl-extract" --quiet --format=pb -o "$tmp/seeds.pb" "$src/tests/data/seeds"
"$build/tools/qawl-extract" --quiet --format=jsonl -o "$tmp/seeds.jsonl" "$src/tests/data/seeds"
test -s "$tmp/seeds.pb"
PYTHONPATH="$build/proto" /usr/bin/python3 - "$tmp/seeds.pb" "$tmp/seeds.jsonl" <<'PY'
import json, sys
from google.protobuf.internal.decoder import _DecodeVarint32
from google.protobuf import json_format
from qawl.v1 import quote_pb2

data = open(sys.argv[1], "rb").read()
pos, feed = 0, []
while pos < len(data):
    size, pos = _DecodeVarint32(data, pos)
    q = quote_pb2.Quote()
    q.ParseFromString(data[pos:pos + size])
    pos += size
    feed.append(json_format.MessageToDict(q, preserving_proto_field_name=True))
lines = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8") if l.strip()]
assert len(feed) == len(lines) > 0, (len(feed), len(lines))
for i, (a, b) in enumerate(zip(feed, lines)):
    # Floats print with different digits in C++ and Python: compare values.
    ca, cb = a.pop("confidence", 0.0), b.pop("confidence", 0.0)
    assert abs(ca - cb) < 1e-6, f"record {i}: confidence {ca} != {cb}"
    assert a == b, f"record {i} differs:\n{a}\n{b}"
kinds = {q["kind"] for q in feed}
assert {"DIRECT", "PARTIAL", "INDIRECT"} <= kinds, kinds
print(f"python consumer: {len(feed)} records identical in pb and jsonl")
PY

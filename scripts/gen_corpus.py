#!/usr/bin/python3
"""Generates a synthetic JSON Lines corpus from the seed articles.

    scripts/gen_corpus.py --mb 200 -o corpus.jsonl [--gzip] [--seed 1]
        [--seeds tests/data/seeds] [--max-paragraphs 0]

Each generated article takes one seed article (tests/data/seeds/*.txt),
shuffles its paragraphs (the lines that are not blank) and gets a fresh id
("gen-<seed>-<n>"), url and date, so that ids hash evenly over shards and
no two articles are byte-identical. Generation stops once the article text
written reaches --mb megabytes (10^6 bytes of "text", not of JSON): that is
the unit qawl-extract reports throughput in. The output is deterministic
for a given --seed. Writes "-" to standard output. Standard library only.
"""

import argparse
import gzip
import json
import os
import random
import sys


def load_seeds(folder):
    seeds = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            paragraphs = [line.rstrip("\r") for line in f.read().split("\n")]
        paragraphs = [p for p in paragraphs if p.strip()]
        if paragraphs:
            seeds.append((name[:-4], paragraphs))
    if not seeds:
        sys.exit("gen_corpus.py: no .txt seed articles in %s" % folder)
    return seeds


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, required=True,
                        help="megabytes (10^6) of article text to generate")
    parser.add_argument("-o", "--output", default="-", help="output file, or - (default)")
    parser.add_argument("--gzip", action="store_true", help="gzip the output")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--seeds", default=os.path.join(root, "tests", "data", "seeds"),
                        help="folder of seed .txt articles")
    args = parser.parse_args()

    seeds = load_seeds(args.seeds)
    rng = random.Random(args.seed)
    target = int(args.mb * 1e6)

    if args.output == "-":
        raw = sys.stdout.buffer
    else:
        raw = open(args.output, "wb")
    out = gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=1) if args.gzip else raw

    written = 0
    n = 0
    batch = []
    while written < target:
        seed_name, paragraphs = seeds[rng.randrange(len(seeds))]
        order = paragraphs[:]
        rng.shuffle(order)
        text = "\n".join(order)
        record = {
            "id": "gen-%d-%08d" % (args.seed, n),
            "url": "https://example.org/%s/%d" % (seed_name, n),
            "date": "2024-%02d-%02d" % (1 + n % 12, 1 + n % 28),
            "text": text,
        }
        batch.append(json.dumps(record, ensure_ascii=False))
        written += len(text.encode("utf-8"))
        n += 1
        if len(batch) >= 1000:
            out.write(("\n".join(batch) + "\n").encode("utf-8"))
            batch = []
    if batch:
        out.write(("\n".join(batch) + "\n").encode("utf-8"))
    if out is not raw:
        out.close()
    if raw is not sys.stdout.buffer:
        raw.close()
    else:
        raw.flush()
    sys.stderr.write("gen_corpus.py: %d articles, %.1f MB of text\n" % (n, written / 1e6))


if __name__ == "__main__":
    main()

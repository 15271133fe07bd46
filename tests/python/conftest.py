"""Shared fixtures of the Python tests (run by CTest through pytest with
Debian's /usr/bin/python3; see tests/CMakeLists.txt).

QAWL_BUILD_DIR and QAWL_SOURCE_DIR name the build and source trees; the
module is imported from $QAWL_BUILD_DIR/python.
"""

import os
import subprocess
import sys

import pytest

BUILD = os.environ.get("QAWL_BUILD_DIR") or os.path.join(os.path.dirname(__file__), "..", "..", "build")
SOURCE = os.environ.get("QAWL_SOURCE_DIR") or os.path.join(os.path.dirname(__file__), "..", "..")
sys.path.insert(0, os.path.join(BUILD, "python"))
sys.path.insert(0, os.path.join(SOURCE, "examples"))

SEEDS = os.path.join(SOURCE, "tests", "data", "seeds")
CLI = os.path.join(BUILD, "tools", "qawl-extract")


def read_delimited(data):
    """The records of a length-delimited stream, as bytes, without qawl."""
    from google.protobuf.internal.decoder import _DecodeVarint32
    pos, out = 0, []
    while pos < len(data):
        size, pos = _DecodeVarint32(data, pos)
        out.append(data[pos:pos + size])
        pos += size
    return out


def run_cli(*args):
    """Runs qawl-extract --quiet with args; fails the test on exit status > 1."""
    proc = subprocess.run([CLI, "--quiet", *args], capture_output=True)
    assert proc.returncode in (0, 1), "qawl-extract %s: exit %d\n%s" % (
        " ".join(args), proc.returncode, proc.stderr.decode(errors="replace"))
    return proc


@pytest.fixture(scope="session")
def seed_articles():
    """(id, text) of every seed article, sorted by file name."""
    out = []
    for name in sorted(os.listdir(SEEDS)):
        if name.endswith(".txt"):
            with open(os.path.join(SEEDS, name), encoding="utf-8") as f:
                out.append((name[:-4], f.read()))
    assert out, "no seed articles in " + SEEDS
    return out


@pytest.fixture(scope="session")
def cli_seed_feed(tmp_path_factory):
    """The CLI's pb feed of the seed articles: (path, list of record bytes)."""
    path = tmp_path_factory.mktemp("cli") / "seeds.pb"
    run_cli("--format=pb", "-o", str(path), SEEDS)
    data = path.read_bytes()
    return path, read_delimited(data)

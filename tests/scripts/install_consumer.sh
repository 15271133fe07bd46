#!/usr/bin/env bash
# `cmake --install` into a scratch prefix gives a usable package: a tiny
# program (tests/consumer/) builds against it with find_package(qawl) and
# again with pkg-config, and both extract the sample articles' quotes; the
# installed tools and Python module run too.
#   bash install_consumer.sh BUILD_DIR SOURCE_DIR
set -uo pipefail
build=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
prefix=$tmp/prefix

cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; fail "cmake --install"; }
for f in include/qawl/extractor.h include/qawl/status.h include/qawl/v1/quote.pb.h include/qawl/v1/quote.proto \
         lib/libqawl.a lib/cmake/qawl/qawlConfig.cmake lib/cmake/qawl/qawlConfigVersion.cmake \
         lib/pkgconfig/qawl.pc bin/qawl-extract; do
  [ -e "$prefix/$f" ] || fail "not installed: $f"
done

# What the CLI finds in the samples: the count both consumers must print.
want=$("$prefix/bin/qawl-extract" --quiet --format=jsonl "$src/samples" | wc -l)
[ "$want" -gt 0 ] || fail "the installed qawl-extract found no quotes in samples/"
articles=$(grep -c . "$src/samples/sample.jsonl")

check() {  # name, build dir
  "$2/qawl_consumer" "$src/samples" >"$tmp/$1.out" 2>&1 || { cat "$tmp/$1.out"; fail "$1 consumer failed"; }
  grep -qx "$articles articles, $want quotes, first speaker vladimir-putin" "$tmp/$1.out" ||
    fail "$1 consumer printed '$(cat "$tmp/$1.out")', want '$articles articles, $want quotes, first speaker vladimir-putin'"
}

cmake -S "$src/tests/consumer" -B "$tmp/cm" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release \
  >"$tmp/cm.log" 2>&1 || { cat "$tmp/cm.log"; fail "configure with find_package(qawl)"; }
cmake --build "$tmp/cm" >>"$tmp/cm.log" 2>&1 || { cat "$tmp/cm.log"; fail "build with find_package(qawl)"; }
check find_package "$tmp/cm"

PKG_CONFIG_PATH="$prefix/lib/pkgconfig" cmake -S "$src/tests/consumer" -B "$tmp/pc" -DQAWL_CONSUMER_PKGCONFIG=ON \
  -DCMAKE_BUILD_TYPE=Release >"$tmp/pc.log" 2>&1 || { cat "$tmp/pc.log"; fail "configure with pkg-config"; }
cmake --build "$tmp/pc" >>"$tmp/pc.log" 2>&1 || { cat "$tmp/pc.log"; fail "build with pkg-config"; }
check pkg-config "$tmp/pc"

# The same with a plain compiler command line from pkg-config.
PKG_CONFIG_PATH="$prefix/lib/pkgconfig" c++ -O1 -o "$tmp/plain" "$src/tests/consumer/main.cc" \
  $(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags --libs qawl) >"$tmp/plain.log" 2>&1 ||
  { cat "$tmp/plain.log"; fail "c++ \$(pkg-config --cflags --libs qawl)"; }
mkdir -p "$tmp/plaindir" && mv "$tmp/plain" "$tmp/plaindir/qawl_consumer"
check plain-pkg-config "$tmp/plaindir"

# The installed Python package, if it was built.
if [ -d "$build/python/qawl" ]; then
  site=$(find "$prefix/lib" -path '*/dist-packages/qawl/__init__.py' | head -1)
  [ -n "$site" ] || fail "the Python package qawl was not installed"
  out=$(cd "$tmp" && PYTHONPATH=$(dirname "$(dirname "$site")") /usr/bin/python3 -c '
import qawl, sys
assert qawl.__file__.startswith(sys.argv[1]), qawl.__file__
q = qawl.Extractor().extract("قال الرئيس الروسي فلاديمير بوتين: \"نحن مستعدون للحوار\".")
print(len(q), q[0].speaker.id)' "$prefix") || fail "import qawl from the installed tree"
  [ "$out" = "1 vladimir-putin" ] || fail "installed module printed '$out'"
fi
echo "install_consumer: ok"

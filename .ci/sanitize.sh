#!/usr/bin/env bash
# Sanitizer suite and fuzz smoke run (issue 6), called by .ci/run after the
# normal build and tests. Three steps, each in its own build directory:
#
#   1. build-asan: the whole test suite built with AddressSanitizer and
#      UndefinedBehaviorSanitizer (-DQAWL_SANITIZE=ON) and run with CTest.
#      The 100 MB limits tests run at QAWL_LIMITS_SCALE (default 0.02, i.e.
#      2 MB) because ASan makes them several times slower. -DQAWL_FUZZ=ON
#      adds the fuzz targets as replay drivers (GCC has no libFuzzer), so
#      the seed corpora run under the same sanitizers (tests fuzz_*).
#   2. build-fuzz: the libFuzzer targets of tests/fuzz/ built with clang
#      (-DQAWL_FUZZ=ON), each run for QAWL_FUZZ_RUNS (default 2000)
#      executions over its seed corpus. New inputs go to a scratch
#      directory, never into tests/fuzz/corpus/.
#
#   3. build-tsan: the batch job under ThreadSanitizer: extract_job_test
#      and qawl-extract with 4 workers on a generated corpus with bad
#      records, which must finish with no report.
#
#   .ci/sanitize.sh                 all three steps
#   QAWL_SANITIZE_STEPS=asan ...    only step 1 (or "fuzz", "tsan")
#
# Exits non-zero on the first failure; a fuzz failure leaves the input that
# triggered it in build-fuzz/smoke/artifacts/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc)
steps=${QAWL_SANITIZE_STEPS:-asan fuzz tsan}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

step() { printf '\n== %s (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }

if [[ " $steps " == *" asan "* ]]; then
  step "sanitizer build: ASan + UBSan"
  asan=$root/build-asan
  # -O1 keeps the suite fast enough; assertions stay on.
  cmake -S "$root" -B "$asan" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" \
    -DQAWL_SANITIZE=ON -DQAWL_FUZZ=ON -DQAWL_BUILD_BENCHMARKS=OFF >/dev/null
  cmake --build "$asan" -j"$jobs"
  step "sanitizer test suite"
  QAWL_LIMITS_SCALE=${QAWL_LIMITS_SCALE:-0.02} \
    ctest --test-dir "$asan" --output-on-failure -j"$jobs" --timeout 900
fi

if [[ " $steps " == *" fuzz "* ]]; then
  step "fuzz targets: clang, libFuzzer, ASan + UBSan"
  if ! command -v clang++ >/dev/null; then
    echo "clang++ not found: run scripts/install-deps.sh" >&2
    exit 1
  fi
  fuzz=$root/build-fuzz
  cmake -S "$root" -B "$fuzz" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
    -DQAWL_FUZZ=ON -DQAWL_BUILD_TESTS=OFF -DQAWL_BUILD_BENCHMARKS=OFF >/dev/null
  cmake --build "$fuzz" --target qawl_fuzzers -j"$jobs"
  runs=${QAWL_FUZZ_RUNS:-2000}
  smoke=$fuzz/smoke
  rm -rf "$smoke"
  mkdir -p "$smoke/artifacts"
  for bin in "$fuzz"/tests/fuzz/*_fuzzer; do
    name=$(basename "$bin" _fuzzer)
    corpus=$root/tests/fuzz/corpus/$name
    step "fuzz $name: -runs=$runs"
    mkdir -p "$smoke/$name"
    "$bin" "$smoke/$name" "$corpus" -runs="$runs" -timeout=60 -print_final_stats=1 \
      -artifact_prefix="$smoke/artifacts/${name}-" 2>"$smoke/$name.log" || {
      tail -n 60 "$smoke/$name.log" >&2
      echo "fuzz target $name failed; input saved in $smoke/artifacts/" >&2
      exit 1
    }
    grep -E '^(Done|stat::number_of_executed_units)' "$smoke/$name.log" || true
  done
fi

if [[ " $steps " == *" tsan "* ]]; then
  step "ThreadSanitizer: the batch job"
  tsan=$root/build-tsan
  cmake -S "$root" -B "$tsan" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS="-fsanitize=thread" \
    -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" -DQAWL_BUILD_BENCHMARKS=OFF >/dev/null
  cmake --build "$tsan" --target extract_job_test qawl-extract -j"$jobs"
  export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:exitcode=66}
  "$tsan/tests/extract_job_test"
  scratch=$(mktemp -d)
  /usr/bin/python3 "$root/scripts/gen_corpus.py" --mb 4 --seed 3 -o "$scratch/corpus.jsonl" 2>/dev/null
  printf '{"id":"bad","text":\n{"text":"no id"}\n' > "$scratch/bad.jsonl"
  rc=0
  "$tsan/tools/qawl-extract" --quiet --threads 4 --errors "$scratch/errors.jsonl" -o "$scratch/out.pb" \
    "$scratch/corpus.jsonl" "$scratch/bad.jsonl" "$root/tests/data/seeds" || rc=$?
  rm -rf "$scratch"
  # 1: the bad records were reported and skipped, as they should be.
  if [ "$rc" -ne 1 ]; then
    echo "qawl-extract under ThreadSanitizer: exit $rc, want 1" >&2
    exit 1
  fi
fi
step "sanitize.sh done"

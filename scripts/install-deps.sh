#!/usr/bin/env bash
# Installs the Debian packages qawl needs to build, test, benchmark and fuzz,
# and for its Python module (pybind11, pytest, Dask for the cluster example).
# Run as root (or through sudo) on Debian 12 or later. Idempotent.
set -euo pipefail
packages=(
  build-essential cmake pkg-config
  libicu-dev libre2-dev libprotobuf-dev protobuf-compiler libsimdjson-dev
  zlib1g-dev libsqlite3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-protobuf
  python3-dev pybind11-dev python3-pytest python3-distributed python3-dask
  clang libclang-rt-14-dev
  libcpp-httplib-dev                                  # qawl-lookup serve
  chromium chromium-driver python3-selenium fonts-noto-core  # its browser test
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${missing[@]}"

#!/usr/bin/env bash
# Builds the emulator in Release and runs the benchmark harness: guest MIPS of every benchmark
# guest on this emulator and on qemu-system-aarch64 (TCG), with the ratio, from one run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
make -s -C bench install   # the guests are built here, not committed
dotnet build src/Host -c Release -v quiet -nologo
dotnet build bench/Harness -c Release -v quiet -nologo
dotnet bench/Harness/bin/Release/net10.0/bench-harness.dll "$@"

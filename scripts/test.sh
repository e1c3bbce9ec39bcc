#!/usr/bin/env bash
# Runs every test of the project: installs what the tests need, builds, and runs the xunit suites.
# With the tools installed, tests that compare against QEMU or rebuild the samples are required
# to run (EMULATOR_REQUIRE_TOOLS=1): a missing tool fails them instead of letting them pass.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
# The Linux guests the Linux tests boot: the sample kernel and initramfs (built the first time, a few
# minutes, then cached in ~/.cache/emulator) and Debian's generic kernel (downloaded once). Done
# before the tests so that the kernel build does not compete with them for the cores.
bash samples/linux/build.sh >/dev/null
bash samples/linux/debian-kernel.sh >/dev/null
export EMULATOR_REQUIRE_TOOLS=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build Emulator.sln -c Release -warnaserror -v quiet -nologo
dotnet test Emulator.sln -c Release --no-build -v quiet -nologo --logger "console;verbosity=minimal"

#!/usr/bin/env bash
# Runs every test of the project: installs what the tests need, builds, runs each xunit project in
# turn (a line when each starts and one with its figures when it ends), then the README's quick
# start on the installed `emulator` command (scripts/quickstart-check.sh), and ends with one line
# over all of them: "N passed, N failed, N skipped". Exit status non-zero when anything failed.
# With the tools installed, tests that compare against QEMU or rebuild the samples are required
# to run (EMULATOR_REQUIRE_TOOLS=1): a missing tool fails them instead of letting them pass.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
# The Linux guests the Linux tests boot: the sample kernel and initramfs (built the first time, a few
# minutes, then cached in ~/.cache/emulator), its bochs-wb variant (bochs-drm's VRAM mapped
# write-back: a copy of that build with one patch, some seconds) and Debian's generic kernel
# (downloaded once). Done before the tests so that the kernel build does not compete with them for the cores.
bash samples/linux/build.sh >/dev/null
bash samples/linux/build.sh --variant bochs-wb >/dev/null
bash samples/linux/debian-kernel.sh >/dev/null
export EMULATOR_REQUIRE_TOOLS=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "test.sh: building (Release)"
dotnet build Emulator.sln -c Release -warnaserror -v quiet -nologo

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
passed=0 failed=0 skipped=0 status=0

# The <Counters> of a TRX file: "passed failed skipped" (skipped = not executed).
counters() {
  python3 - "$1" <<'PY'
import sys, xml.etree.ElementTree as ET
c = ET.parse(sys.argv[1]).getroot().find('.//{*}ResultSummary/{*}Counters')
a = lambda k: int(c.get(k, 0))
print(a('passed'), a('failed') + a('error') + a('timeout') + a('aborted'), a('notExecuted'))
PY
}

for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  echo "test.sh: $name: running"
  start=$SECONDS
  set +e
  dotnet test "$project" -c Release --no-build -nologo -v quiet --logger "console;verbosity=minimal" \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results"
  code=$?
  set -e
  trx="$results/$name.trx"
  if [ -f "$trx" ]; then
    read -r p f s < <(counters "$trx")
  else
    p=0 f=1 s=0 # the run crashed before writing its results
  fi
  [ "$code" -eq 0 ] || { status=1; [ "$f" -gt 0 ] || f=1; }
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
  echo "test.sh: $name: $p passed, $f failed, $s skipped ($((SECONDS - start)) s)"
done

echo "test.sh: quick start: install the emulator command and run the demo"
if bash scripts/quickstart-check.sh; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)) status=1
fi

echo "$passed passed, $failed failed, $skipped skipped"
exit $status

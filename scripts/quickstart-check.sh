#!/usr/bin/env bash
# Does what the README's quick start says, with the `emulator` command: installs it with
# scripts/install.sh (into scratch directories, so the user's own install is left alone), runs the demo
# from the repository root as `emulator run samples/bin/demo.elf` (headless, 20 frames, so that it
# ends by itself) and checks that the end-of-run summary names the stale pixels the demo shows
# under the default kvm policy. Prints one line; exit status 0 when it holds.
set -euo pipefail
cd "$(dirname "$0")/.."

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# HOME itself stays (the NuGet package cache and the SDK's state live there).
export EMULATOR_HOME="$scratch/share/emulator" EMULATOR_BIN="$scratch/bin"
if ! bash scripts/install.sh 2>"$scratch/install.log"; then
  echo "quickstart: FAIL: scripts/install.sh failed:" >&2
  cat "$scratch/install.log" >&2
  exit 1
fi
export PATH="$EMULATOR_BIN:$PATH"
command -v emulator >/dev/null || { echo "quickstart: FAIL: no emulator command on PATH after install" >&2; exit 1; }

set +e
env -u DISPLAY -u WAYLAND_DISPLAY emulator run samples/bin/demo.elf --display headless --frames 20 >"$scratch/stdout" 2>"$scratch/stderr"
status=$?
set -e
summary=$(grep '^emulator: summary: ' "$scratch/stderr" | tail -n 1 || true)
stale=$(printf '%s\n' "$summary" | sed -n 's/^emulator: summary: [0-9,]* frames, \([0-9,]*\) stale pixels.*/\1/p' | tr -d ,)
if [ "$status" -ne 0 ] || [ -z "$stale" ] || [ "$stale" -eq 0 ]; then
  echo "quickstart: FAIL: emulator run samples/bin/demo.elf exited $status; the summary shows no stale pixels:" >&2
  cat "$scratch/stderr" >&2
  exit 1
fi
echo "quickstart: ok: emulator run samples/bin/demo.elf: $stale stale pixels in 20 frames"

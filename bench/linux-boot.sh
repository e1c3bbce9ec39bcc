#!/usr/bin/env bash
# Linux boot figures: the sample kernel (samples/linux/build.sh) with its initramfs, booted to the
# busybox shell and powered off ("poweroff -f" typed over the UART), on this emulator with
# --cache off and with the default cache model, and on qemu-system-aarch64 (TCG, cortex-a57) on
# the same files, in one run. Prints, per machine, the wall seconds until the UART shows the
# first userspace line ("init: userspace up"), until power-off, and the guest instructions (from
# the emulator's report). Usage: bash bench/linux-boot.sh [--debian]  (--debian: Debian's kernel)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(bash samples/linux/build.sh | tail -1)
kernel="$dir/Image"
memory=128M
if [ "${1:-}" = "--debian" ]; then
  kernel=$(bash samples/linux/debian-kernel.sh | tail -1)
  memory=512M
fi
dotnet build src/Host -c Release -v quiet -nologo >/dev/null
emulator=src/Host/bin/Release/net10.0/emulator
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
{ for _ in $(seq 64); do echo; done; echo "poweroff -f"; } > "$work/typed.txt"

run() { # name, command...
  local name=$1; shift
  python3 - "$name" "$work/typed.txt" "$@" <<'PY'
import subprocess, sys, time
name, typed, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
start = time.monotonic()
first = None
with open(typed, 'rb') as stdin:
    p = subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    for line in p.stdout:
        if first is None and b'init: userspace up' in line:
            first = time.monotonic() - start
    p.wait()
end = time.monotonic() - start
print(f"{name:<22} {first if first is not None else float('nan'):>10.2f} {end:>10.2f}   exit {p.returncode}")
PY
}

printf '%-22s %10s %10s\n' "machine" "userspace" "power-off"
run "emulator --cache off" "$emulator" run "$kernel" --initrd "$dir/initramfs.cpio.gz" -m $memory --append console=ttyAMA0 --display headless --cache off --report "$work/off.json"
run "emulator (default)" "$emulator" run "$kernel" --initrd "$dir/initramfs.cpio.gz" -m $memory --append console=ttyAMA0 --display headless --report "$work/default.json"
run "qemu TCG" qemu-system-aarch64 -M virt -cpu cortex-a57 -m $memory -nographic -nic none -monitor none -kernel "$kernel" -initrd "$dir/initramfs.cpio.gz" -append console=ttyAMA0
for r in off default; do
  printf 'instructions (%s): %s\n' "$r" "$(grep -m1 '"instructions"' "$work/$r.json" | tr -dc 0-9)"
done

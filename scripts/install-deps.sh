#!/usr/bin/env bash
# Installs the Debian packages the tests use: the AArch64 cross toolchain (to check that the
# committed sample images rebuild byte for byte) and qemu-system-aarch64 (the reference machine
# for differential tests), and what the display tests use: Xvfb (a virtual X server), GLFW 3 and
# Mesa's software OpenGL (the window), xwd/xwininfo (screen captures) and ImageMagick (PNG checks);
# gdb-multiarch drives the gdb stub's tests.
# Needs root or sudo; does nothing for packages already there.
set -euo pipefail

need=()
command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 || need+=(gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu)
command -v qemu-system-aarch64 >/dev/null 2>&1 || need+=(qemu-system-arm)
command -v make >/dev/null 2>&1 || need+=(make)
command -v Xvfb >/dev/null 2>&1 || need+=(xvfb)
command -v xwd >/dev/null 2>&1 || need+=(x11-apps)
command -v xwininfo >/dev/null 2>&1 || need+=(x11-utils)
command -v identify >/dev/null 2>&1 || need+=(imagemagick)
command -v xdotool >/dev/null 2>&1 || need+=(xdotool)
# Firmware the firmware tests boot from flash: U-Boot (qemu_arm64) and EDK2 (QEMU_EFI.fd).
[ -f /usr/lib/u-boot/qemu_arm64/u-boot.bin ] || need+=(u-boot-qemu)
[ -f /usr/share/qemu-efi-aarch64/QEMU_EFI.fd ] || need+=(qemu-efi-aarch64)
command -v gdb-multiarch >/dev/null 2>&1 || need+=(gdb-multiarch)
dpkg -s libglfw3 >/dev/null 2>&1 || need+=(libglfw3)
dpkg -s libgl1-mesa-dri >/dev/null 2>&1 || need+=(libgl1-mesa-dri)
# Libraries GLFW opens at run time (not package dependencies of libglfw3).
for lib in libxrandr2 libxcursor1 libxinerama1 libxi6 libx11-xcb1 libxxf86vm1; do
  dpkg -s "$lib" >/dev/null 2>&1 || need+=("$lib")
done

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
  else
    echo "install-deps: need root (or sudo) to install: ${need[*]}" >&2
    exit 1
  fi
fi

echo "install-deps: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q >/dev/null
$sudo apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null

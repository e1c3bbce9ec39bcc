#!/usr/bin/env bash
# Fetches Debian's generic arm64 kernel (the linux-image-arm64:arm64 package's current kernel,
# downloaded with apt-get download and unpacked with dpkg -x, never installed) into
# ${EMULATOR_CACHE:-~/.cache/emulator}/debian-kernel/<version>/ and prints the path of its Image
# (vmlinuz) on the last line. Boot it with the sample initramfs from build.sh:
#   emulator run "$(samples/linux/debian-kernel.sh)" --initrd "$(samples/linux/build.sh)/initramfs.cpio.gz" -m 512M --append console=ttyAMA0
set -euo pipefail
cache="${EMULATOR_CACHE:-$HOME/.cache/emulator}/debian-kernel"
sudo=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && sudo="sudo"
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  $sudo dpkg --add-architecture arm64
  $sudo apt-get update -q >/dev/null
fi
package=$(apt-cache depends linux-image-arm64:arm64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')
if [ -z "$package" ]; then
  $sudo apt-get update -q >/dev/null
  package=$(apt-cache depends linux-image-arm64:arm64 | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')
fi
version=$(apt-cache policy "$package" | awk '/Candidate:/ {print $2}')
out="$cache/${package%%:*}_$version"
image=$(ls "$out"/x/boot/vmlinuz-* 2>/dev/null | head -1 || true)
if [ -z "$image" ]; then
  mkdir -p "$out"
  (cd "$out" && apt-get download "$package" >/dev/null 2>&1)
  dpkg -x "$out"/*.deb "$out/x"
  rm -rf "$out/x/lib" "$out/x/usr" # the modules: the sample initramfs does not load any
  rm -f "$out"/*.deb
  image=$(ls "$out"/x/boot/vmlinuz-* | head -1)
fi
echo "$image"

#!/usr/bin/env bash
# Builds the Linux sample guest: a small arm64 kernel from Debian's linux-source-6.1 (tinyconfig
# plus kernel.config) and an initramfs from Debian's busybox-static:arm64 with ./init. Nothing is
# committed: the outputs are cached in ${EMULATOR_CACHE:-~/.cache/emulator}/linux/<hash of the
# inputs>/ and this script prints that directory on its last line. Installs what it needs with
# apt-get (root or sudo). Usage: samples/linux/build.sh [--print-dir] [--print-key] [--variant NAME]
#   Image            the kernel (arm64 Image)
#   initramfs.cpio.gz the initrd
# --variant NAME: the same kernel with the variant's patches (patches/), built by variant.sh into
# <that directory>/NAME/ (the same two files) from a copy of the base kernel's build tree, so only
# what the patches touch is recompiled; its own key covers the base's key and the patches. The
# variants: bochs-wb (patches/bochs-vram-cacheable.patch: bochs-drm maps its VRAM write-back).
# --print-key prints the key of what would be built, builds nothing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="${EMULATOR_CACHE:-$HOME/.cache/emulator}/linux"
jobs="${JOBS:-$(nproc)}"

variant="" print_key=0
while [ $# -gt 0 ]; do
  case "$1" in
    --variant) [ $# -ge 2 ] || { echo "build.sh: --variant needs a name (known: bochs-wb)" >&2; exit 2; }; variant=$2; shift 2 ;;
    --variant=*) variant=${1#--variant=}; shift ;;
    --print-dir) shift ;; # what it always does: the last line is the output directory
    --print-key) print_key=1; shift ;;
    *) echo "build.sh: unknown argument '$1' (usage: build.sh [--print-dir] [--print-key] [--variant NAME])" >&2; exit 2 ;;
  esac
done
# A variant is a name and the patches in patches/ it applies (patch -p1, in this order).
case "$variant" in
  "") patches=() ;;
  bochs-wb) patches=(bochs-vram-cacheable.patch) ;;
  *) echo "build.sh: unknown variant '$variant' (known: bochs-wb)" >&2; exit 2 ;;
esac

sudo=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && sudo="sudo"
need=()
for p in linux-source-6.1 gcc-aarch64-linux-gnu bc bison flex libssl-dev cpio xz-utils make patch; do
  [ "$print_key" -eq 1 ] || dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "linux: installing ${need[*]}" >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
fi

src_tar=$(ls /usr/src/linux-source-6.1.tar.xz)
src_version=$(dpkg-query -W -f '${Version}' linux-source-6.1)
key=$( { echo "$src_version"; cat "$here/kernel.config" "$here/init" "$here/build.sh"; find "$here/etc" -type f | sort | xargs cat; } | sha256sum | cut -c1-16)
out="$cache/$key"
if [ -n "$variant" ]; then
  vkey=$( { echo "$key $variant"; cat "$here/variant.sh"; for p in "${patches[@]}"; do echo "$p"; cat "$here/patches/$p"; done; } | sha256sum | cut -c1-16)
  [ "$print_key" -eq 0 ] || { echo "$vkey"; exit 0; }
  bash "$here/build.sh" >/dev/null # the base kernel and initramfs first (a cache hit once built)
  JOBS="$jobs" exec bash "$here/variant.sh" "$out" "$variant" "$vkey" "${patches[@]}"
fi
[ "$print_key" -eq 0 ] || { echo "$key"; exit 0; }
# One build at a time in a cache (two test classes may ask together): the second waits and finds it.
mkdir -p "$cache"
exec 9>"$cache/.build.lock"
flock 9
if [ -f "$out/Image" ] && [ -f "$out/initramfs.cpio.gz" ]; then
  echo "$out"
  exit 0
fi
mkdir -p "$out"
work="$out/work"
mkdir -p "$work"

# ---- kernel ----
if [ ! -f "$out/Image" ]; then
  if [ ! -d "$work/linux" ]; then
    echo "linux: unpacking $src_tar" >&2
    mkdir -p "$work/linux.tmp"
    tar -xJf "$src_tar" -C "$work/linux.tmp" --strip-components=1
    mv "$work/linux.tmp" "$work/linux"
  fi
  k="$work/linux"
  # Reproducible: the same inputs give the same Image (no build date, user or host in it).
  export KBUILD_BUILD_TIMESTAMP="2026-01-01 00:00:00 UTC" KBUILD_BUILD_USER=emulator KBUILD_BUILD_HOST=samples KBUILD_BUILD_VERSION=1
  mk=(make -C "$k" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- -s)
  "${mk[@]}" tinyconfig >/dev/null
  (cd "$k" && ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- scripts/kconfig/merge_config.sh -m .config "$here/kernel.config" >/dev/null)
  "${mk[@]}" olddefconfig >/dev/null
  echo "linux: building the kernel with $jobs jobs (a few minutes)" >&2
  "${mk[@]}" -j"$jobs" Image
  "${mk[@]}" -j"$jobs" usr/gen_init_cpio >/dev/null 2>&1 || "${mk[@]}" usr/ >/dev/null
  cp "$k/arch/arm64/boot/Image" "$out/Image.tmp" && mv "$out/Image.tmp" "$out/Image"
  cp "$k/.config" "$out/config"
fi

# ---- initramfs ----
gen="$work/linux/usr/gen_init_cpio"
if [ ! -x "$gen" ]; then
  gcc -O2 -o "$work/gen_init_cpio" "$work/linux/usr/gen_init_cpio.c"
  gen="$work/gen_init_cpio"
fi
if ! ls "$work"/busybox-static_*_arm64.deb >/dev/null 2>&1; then
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    $sudo dpkg --add-architecture arm64
  fi
  $sudo apt-get update -q >/dev/null
  (cd "$work" && apt-get download busybox-static:arm64 >/dev/null)
fi
rm -rf "$work/bb" && dpkg -x "$work"/busybox-static_*_arm64.deb "$work/bb"
list="$work/initramfs.list"
{
  echo "dir /bin 0755 0 0"
  echo "dir /dev 0755 0 0"
  echo "dir /etc 0755 0 0"
  echo "dir /etc/init.d 0755 0 0"
  echo "dir /proc 0755 0 0"
  echo "dir /sys 0755 0 0"
  echo "dir /tmp 1777 0 0"
  echo "nod /dev/console 0600 0 0 c 5 1"
  echo "file /bin/busybox $work/bb/bin/busybox 0755 0 0"
  echo "slink /bin/sh busybox 0777 0 0"
  echo "file /init $here/init 0755 0 0"
  for f in "$here"/etc/init.d/*; do echo "file /etc/init.d/$(basename "$f") $f 0644 0 0"; done
} > "$list"
"$gen" -t 0 "$list" | gzip -n -9 > "$out/initramfs.cpio.gz.tmp"
mv "$out/initramfs.cpio.gz.tmp" "$out/initramfs.cpio.gz"
echo "$out"

#!/usr/bin/env bash
# Builds a variant of the sample kernel: the base kernel's source with patches applied. Called by
# build.sh --variant NAME (which builds the base first and computes the key); not meant to be run
# by hand. Usage: variant.sh BASE_DIR NAME KEY PATCH...
# Output in BASE_DIR/NAME/: Image, config, initramfs.cpio.gz (a hard link to the base's) and key
# (KEY: a later call with another KEY, i.e. changed patches, rebuilds). Prints BASE_DIR/NAME last.
#
# Cheap: the tree is a copy of the base's build tree in which the unchanged sources are hard links
# (the tarball's files, no newer than its Makefile) and everything the base build generated
# (objects, .cmd files, .config, include/generated, ...) is a real copy with its timestamps, so
# make recompiles only the patched files and relinks. patch replaces the files it changes (new
# inode), and make only writes generated files, so the base's tree is never written through a link.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ $# -ge 3 ] || { echo "variant.sh: usage: variant.sh BASE_DIR NAME KEY PATCH..." >&2; exit 2; }
base=$1 name=$2 key=$3
shift 3
jobs="${JOBS:-$(nproc)}"
out="$base/$name"

# The lock build.sh takes (it has released it by now): one build at a time in a cache.
exec 9>"$(dirname "$base")/.build.lock"
flock 9
if [ -f "$out/Image" ] && [ -f "$out/initramfs.cpio.gz" ] && [ "$(cat "$out/key" 2>/dev/null)" = "$key" ]; then
  echo "$out"
  exit 0
fi
src="$base/work/linux"
if [ ! -f "$src/vmlinux" ] || [ ! -f "$src/.config" ]; then
  echo "variant.sh: the base kernel's build tree $src is incomplete (no vmlinux or .config); delete $base and run build.sh again" >&2
  exit 1
fi
for p in "$@"; do
  [ -f "$here/patches/$p" ] || { echo "variant.sh: no patch $here/patches/$p" >&2; exit 1; }
done

rm -rf "$out"
mkdir -p "$out/work"
k="$out/work/linux"
echo "linux: $name: copying the base build tree (sources as hard links)" >&2
(cd "$src" && find . -type f ! -newer Makefile -print0 | cpio -0 -p -d -l --quiet "$k")
(cd "$src" && find . \( \( -type f -newer Makefile \) -o -type l \) -print0 | cpio -0 -p -d -m --quiet "$k")
for p in "$@"; do
  echo "linux: $name: applying patches/$p" >&2
  patch -d "$k" -p1 -s --no-backup-if-mismatch < "$here/patches/$p"
done

# As build.sh: reproducible (no build date, user or host in the Image).
export KBUILD_BUILD_TIMESTAMP="2026-01-01 00:00:00 UTC" KBUILD_BUILD_USER=emulator KBUILD_BUILD_HOST=samples KBUILD_BUILD_VERSION=1
echo "linux: $name: building the kernel with $jobs jobs (what the patches touch, then the link)" >&2
make -C "$k" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- -s -j"$jobs" Image
cp "$k/arch/arm64/boot/Image" "$out/Image.tmp" && mv "$out/Image.tmp" "$out/Image"
cp "$k/.config" "$out/config"
ln -f "$base/initramfs.cpio.gz" "$out/initramfs.cpio.gz" 2>/dev/null || cp "$base/initramfs.cpio.gz" "$out/initramfs.cpio.gz"
echo "$key" > "$out/key"
echo "$out"

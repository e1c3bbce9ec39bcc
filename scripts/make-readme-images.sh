#!/usr/bin/env bash
# Regenerates the README's pictures of scenario 1 (guest VRAM Non-cacheable, kvm: stale) and
# scenario 3 (the same guest with FEAT_S2FWB: clean) from --record runs of the built program:
#   docs/images/nc-kvm-stale.png       the VMM's view of the frame of scenario 1 with most stale pixels
#   docs/images/nc-kvm-stale-diff.png  that frame's difference from the coherent oracle
#   docs/images/nc-s2fwb-clean.png     the same frame number under scenario 3
# The runs are deterministic, so the images only change when the model or the demo does.
# Usage: bash scripts/make-readme-images.sh   (builds src/Host first if it is not built)
set -euo pipefail
cd "$(dirname "$0")/.."

dll=src/Host/bin/Release/net10.0/emulator.dll
[ -f "$dll" ] || dotnet build src/Host/Emulator.Host.csproj -c Release -v quiet -nologo
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The same runs as scenarios/01-nc-kvm.json and scenarios/03-nc-s2fwb.json.
common=(samples/bin/demo.elf --display headless --append fb=nc --frames 20)
dotnet "$dll" run "${common[@]}" --policy kvm --record "$work/kvm" > /dev/null
dotnet "$dll" run "${common[@]}" --policy s2fwb --record "$work/s2fwb" > /dev/null

# frames.csv: number,cycles,simulated_seconds,stale,pending,dirty_pages,hash,full_redraw
frame=$(awk -F, 'NR > 1 && $4 > best { best = $4; n = $1 } END { print n }' "$work/kvm/frames.csv")
[ -n "$frame" ] || { echo "make-readme-images: scenario 1 showed no stale pixel; nothing to picture" >&2; exit 1; }
name=$(printf 'frame-%06d' "$frame")
mkdir -p docs/images
cp "$work/kvm/$name.png" docs/images/nc-kvm-stale.png
cp "$work/kvm/$name-diff.png" docs/images/nc-kvm-stale-diff.png
cp "$work/s2fwb/$name.png" docs/images/nc-s2fwb-clean.png
stale=$(awk -F, -v n="$frame" 'NR > 1 && $1 == n { print $4 }' "$work/kvm/frames.csv")
echo "frame $frame: $stale stale pixels under kvm; docs/images/nc-kvm-stale.png, nc-kvm-stale-diff.png, nc-s2fwb-clean.png"

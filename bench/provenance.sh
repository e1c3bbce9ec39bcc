#!/usr/bin/env bash
# The cost of stale-pixel provenance: the demo (fb=nc, kvm, headless) with and without --explain,
# alternately in one run, best guest MIPS of each and their ratio. Optionally a second build
# (another checkout's emulator.dll) without --explain, alternated too, to show that recording off
# costs nothing against it.
#   bash bench/provenance.sh [--pairs N] [--frames N] [--baseline PATH/emulator.dll]
set -euo pipefail
cd "$(dirname "$0")/.."
pairs=5 frames=300 baseline=""
while [ $# -gt 0 ]; do
    case "$1" in
        --pairs) pairs="$2"; shift 2 ;;
        --frames) frames="$2"; shift 2 ;;
        --baseline) baseline="$2"; shift 2 ;;
        *) echo "provenance.sh: unknown option $1 (--pairs N, --frames N, --baseline DLL)" >&2; exit 2 ;;
    esac
done
[[ "$pairs" =~ ^[1-9][0-9]*$ && "$frames" =~ ^[1-9][0-9]*$ ]] || { echo "provenance.sh: --pairs and --frames take a positive number" >&2; exit 2; }
emulator=src/Host/bin/Release/net10.0/emulator.dll
if [ "${PROVENANCE_BENCH_NO_BUILD:-0}" != 1 ]; then
    dotnet build src/Host -c Release -v quiet -nologo >/dev/null
fi
[ -f "$emulator" ] || { echo "provenance.sh: $emulator not built" >&2; exit 2; }
if [ -n "$baseline" ] && [ ! -f "$baseline" ]; then echo "provenance.sh: no baseline $baseline" >&2; exit 2; fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# One run: prints its MIPS; the cycles and frame hash must not depend on the recording.
run() { # DLL LABEL [--explain]
    local dll="$1" label="$2"; shift 2
    dotnet "$dll" run samples/bin/demo.elf --append fb=nc --policy kvm --frames "$frames" --display headless \
        --report "$tmp/$label.json" "$@" >/dev/null 2>"$tmp/$label.err" || { cat "$tmp/$label.err" >&2; return 1; }
    python3 - "$tmp/$label.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(r["mips"], r["instructions"], r["cycles"], r["display"]["last_frame_hash"])
PY
}

best_off=0 best_on=0 best_base=0 same="" ratios=""
for i in $(seq "$pairs"); do
    read -r off n c h < <(run "$emulator" off)
    read -r on n2 c2 h2 < <(run "$emulator" on --explain)
    [ "$c $h" = "$c2 $h2" ] || { echo "provenance.sh: --explain changed the run (cycles $c/$c2, hash $h/$h2)" >&2; exit 1; }
    line="pair $i: off $off MIPS, on $on MIPS"
    ratios="$ratios $(python3 -c "print($on / $off)")"
    best_off=$(python3 -c "print(max($best_off, $off))")
    best_on=$(python3 -c "print(max($best_on, $on))")
    if [ -n "$baseline" ]; then
        read -r base n3 c3 h3 < <(run "$baseline" base)
        [ "$c $h" = "$c3 $h3" ] || same=" (the baseline's run differs: cycles $c3, hash $h3)"
        best_base=$(python3 -c "print(max($best_base, $base))")
        line="$line, baseline off $base MIPS"
    fi
    echo "$line"
done
echo "demo fb=nc kvm, $frames frames, $n instructions, best of $pairs:"
python3 -c "print(f'  recording off {$best_off:.1f} MIPS, on (--explain) {$best_on:.1f} MIPS: on/off = {$best_on/$best_off:.3f} ({100*(1-$best_on/$best_off):.1f}% slower)')"
python3 -c "import statistics; r = [float(x) for x in '$ratios'.split()]; print(f'  median of the pairs\' on/off ratios {statistics.median(r):.3f} (min {min(r):.3f}, max {max(r):.3f})')"
if [ -n "$baseline" ]; then
    python3 -c "print(f'  baseline off {$best_base:.1f} MIPS: this build off / baseline = {$best_off/$best_base:.3f}')"
    [ -z "$same" ] || echo " $same"
fi

#!/usr/bin/env bash
# Soak benchmark (issue 11): runs the demo guest headless for a long time and samples the
# emulator's resident memory, to show whether it grows. Not a unit test: it takes minutes.
#   bash bench/soak.sh                       # 10^10 instructions (tens of minutes)
#   bash bench/soak.sh 1000000000 5          # 10^9 instructions, a sample every 5 s
# Prints one CSV line per sample (seconds,instructions_so_far_unknown,rss_kib) to bench/soak.csv
# and a summary: peak RSS, RSS after the first minute, RSS at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
instructions=${1:-10000000000}
interval=${2:-10}
dotnet build src/Host -c Release -v quiet -nologo >/dev/null
out=bench/soak.csv
report=$(mktemp --suffix=.json)
echo "seconds,rss_kib" > "$out"
dotnet src/Host/bin/Release/net10.0/emulator.dll run samples/bin/demo.elf --display headless --append pace=none \
    --max-instructions "$instructions" --report "$report" > /dev/null &
pid=$!
start=$(date +%s)
peak=0; first_minute=""; last=0
while kill -0 "$pid" 2>/dev/null; do
    rss=$(awk '/VmRSS/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
    now=$(( $(date +%s) - start ))
    [ -n "$rss" ] && [ "$rss" -gt 0 ] || { sleep "$interval"; continue; }
    echo "$now,$rss" >> "$out"
    last=$rss
    [ "$rss" -gt "$peak" ] && peak=$rss
    if [ -z "$first_minute" ] && [ "$now" -ge 60 ]; then first_minute=$rss; fi
    sleep "$interval"
done
wait "$pid" || true
python3 - "$report" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"run: {r['exit']['reason']} after {r['instructions']} instructions, {r['cycles']} cycles, "
      f"{r['wall_seconds']:.0f} s, {r['mips']:.1f} MIPS, {r['display']['frames']} frames")
PY
echo "rss: peak ${peak} KiB, after the first minute ${first_minute:-n/a} KiB, at the end ${last} KiB (samples in $out)"
rm -f "$report"

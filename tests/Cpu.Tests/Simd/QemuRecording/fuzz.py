#!/usr/bin/env python3
"""Random words of every row of A64DecodeTable.AdvancedSimd.cs run on QEMU; writes SimdMiscRandomWordQemuRecordedTests.cs."""
import os, sys, tempfile
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, '..', '..', '..', '..'))
RECORDED = os.path.join(tempfile.gettempdir(), 'simd-recorded.json')
import re, random, json, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from qrun import run, initial_state
src = open(os.path.join(REPO, 'src/Cpu/Decoding/A64DecodeTable.AdvancedSimd.cs')).read()
rows = re.findall(r'new\(A64Op\.(\w+), "([^"]+)", "([^"]+)"', src)
rnd = random.Random(20261207)
cases, meta = [], []
for op, name, pat in rows:
    pat = pat.replace(' ', '')
    mask = val = 0
    for i, c in enumerate(pat):
        b = 31 - i
        if c in '01':
            mask |= 1 << b
            if c == '1': val |= 1 << b
    for k in range(48):
        w = val | (rnd.getrandbits(32) & ~mask)
        seed = rnd.choice([4, 5, 6, 7])
        if (w, seed) in cases:
            continue
        cases.append((w, seed)); meta.append((name, w, seed))
res = run(cases)
out = []
for (name, w, s), r in zip(meta, res):
    if 'undef' in r:
        exp = 'undef'
    else:
        v, x = initial_state(s)
        parts = [f'v{i}={r["v"][i][1]:016x}:{r["v"][i][0]:016x}' for i in range(32) if r['v'][i] != v[i]]
        parts += [f'x{i}={r["x"][i]:x}' for i in range(31) if r['x'][i] != x[i]]
        if r['fpsr']: parts.append(f'fpsr={r["fpsr"]:x}')
        exp = ' '.join(parts)
    out.append((w, name, s, exp))
print(len(out), sum(1 for o in out if o[3] == 'undef'))
lines = ['namespace Emulator.Cpu.Tests.Simd;\n\n', '/// <summary>\n',
 '/// Random words of every decode row of A64DecodeTable.AdvancedSimd.cs (fixed bits kept, every operand\n',
 '/// field random, so reserved size/Q/imm5 combinations come up too), each run from a seeded initial\n',
 '/// state (see <see cref="SimdMiscMachine"/>) and compared with what qemu-system-aarch64 (cortex-a57)\n',
 '/// did from the same state, UNDEFINED included.\n', '/// </summary>\n',
 'public sealed class SimdMiscRandomWordQemuRecordedTests\n{\n',
 '    public static TheoryData<uint, string, int, string> Recorded => new()\n    {\n']
for w, name, s, exp in out:
    lines.append(f'        {{ 0x{w >> 16:04X}_{w & 0xFFFF:04X}, "{name}", {s}, "{exp}" }},\n')
lines += ['    };\n\n', '    [Theory]\n    [MemberData(nameof(Recorded))]\n',
 '    public void MatchesQemu(uint word, string row, int seed, string expected) =>\n',
 '        SimdMiscMachine.Check(word, $"{row} 0x{word:x8}", seed, expected);\n}\n']
open(os.path.join(REPO, 'tests/Cpu.Tests/Simd/SimdMiscRandomWordQemuRecordedTests.cs'), 'w').write(''.join(lines))

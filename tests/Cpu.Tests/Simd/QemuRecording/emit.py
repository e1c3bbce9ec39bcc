#!/usr/bin/env python3
"""Writes tests/Cpu.Tests/Simd/Simd*QemuRecordedTests.cs from the results gen.py recorded."""
import os, sys, tempfile
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, '..', '..', '..', '..'))
RECORDED = os.path.join(tempfile.gettempdir(), 'simd-recorded.json')
import json
rec = json.load(open(RECORDED))
desc = {
 'Copy': ('SimdCopy', 'DUP (element, general), INS (element, general), SMOV, UMOV and the scalar DUP (element)'),
 'Permute': ('SimdPermute', 'ZIP1/ZIP2, UZP1/UZP2, TRN1/TRN2, EXT, TBL/TBX (one to four registers, wrapping register numbers)'),
 'Immediate': ('SimdImmediate', 'MOVI, MVNI, ORR, BIC (vector, immediate) over the cmodes, FMOV (vector, immediate) single and double'),
 'Across': ('SimdAcross', 'ADDV, SADDLV, UADDLV, SMAXV, UMAXV, SMINV, UMINV'),
 'Misc': ('SimdMisc', 'the integer two-register miscellaneous instructions, vector and scalar (FPSR.QC on saturation)'),
 'Bitwise': ('SimdBitwise', 'AND, BIC, ORR (MOV), ORN, EOR, BSL, BIT, BIF'),
}
for name, rows in rec.items():
    cls, what = desc[name]
    lines = []
    lines.append('namespace Emulator.Cpu.Tests.Simd;\n\n')
    lines.append('/// <summary>\n')
    lines.append(f'/// {what}: each word run from a seeded initial state (see <see cref="SimdMiscMachine"/>),\n')
    lines.append('/// the registers that changed compared with those qemu-system-aarch64 (cortex-a57) left from the\n')
    lines.append('/// same state. Words come from aarch64-linux-gnu-as; the reserved encodings were made from them by\n')
    lines.append('/// changing the named fields, and QEMU took the UNDEFINED exception for each.\n')
    lines.append('/// </summary>\n')
    lines.append(f'public sealed class {cls}QemuRecordedTests\n{{\n')
    lines.append('    public static TheoryData<uint, string, int, string> Recorded => new()\n    {\n')
    for word, text, seed, exp in rows:
        t = text.replace('"', '\\"')
        lines.append(f'        {{ 0x{word >> 16:04X}_{word & 0xFFFF:04X}, "{t}", {seed}, "{exp}" }},\n')
    lines.append('    };\n\n')
    lines.append('    [Theory]\n    [MemberData(nameof(Recorded))]\n')
    lines.append('    public void MatchesQemu(uint word, string disassembly, int seed, string expected) =>\n')
    lines.append('        SimdMiscMachine.Check(word, disassembly, seed, expected);\n}\n')
    open(os.path.join(REPO, f'tests/Cpu.Tests/Simd/{cls}QemuRecordedTests.cs'), 'w').write(''.join(lines))

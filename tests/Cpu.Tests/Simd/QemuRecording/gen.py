#!/usr/bin/env python3
"""Records the QEMU results of the listed instructions (run: python3 gen.py && python3 emit.py)."""
import os, sys, tempfile
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, '..', '..', '..', '..'))
RECORDED = os.path.join(tempfile.gettempdir(), 'simd-recorded.json')
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from qrun import run, assemble, initial_state

VEC = ['8b', '16b', '4h', '8h', '2s', '4s', '2d']
NO2D = VEC[:-1]
groups = {}

def g(name, items):
    groups.setdefault(name, []).extend(items)

# items: (text or None, word or None, seeds)
S3 = [0, 1, 2]
S4 = [0, 1, 2, 3]

# ---------------- copy ----------------
copy = []
for t, e, idxs in [('8b', 'b', [0, 7, 15]), ('16b', 'b', [3, 15]), ('4h', 'h', [0, 7]), ('8h', 'h', [5]), ('2s', 's', [3]), ('4s', 's', [0, 2]), ('2d', 'd', [0, 1])]:
    for i in idxs:
        copy.append(f'dup v0.{t}, v1.{e}[{i}]')
copy.append('dup v1.16b, v1.b[9]')
for t in VEC:
    r = 'x1' if t == '2d' else 'w1'
    copy.append(f'dup v0.{t}, {r}')
copy.append('dup v0.4s, wzr')
for e, idxs in [('b', [0, 9, 15]), ('h', [0, 7]), ('s', [1, 3]), ('d', [0, 1])]:
    for i in idxs:
        copy.append(f'mov v0.{e}[{i}], {"x1" if e == "d" else "w1"}')
for e, pairs in [('b', [(0, 15), (15, 0), (7, 8)]), ('h', [(0, 7), (6, 1)]), ('s', [(3, 0), (1, 2)]), ('d', [(1, 0), (0, 1)])]:
    for a, b in pairs:
        copy.append(f'mov v0.{e}[{a}], v1.{e}[{b}]')
copy.append('mov v1.s[0], v1.s[3]')
for i in [0, 5, 15]:
    copy.append(f'smov w0, v1.b[{i}]'); copy.append(f'smov x0, v1.b[{i}]')
    copy.append(f'umov w0, v1.b[{i}]')
for i in [0, 7]:
    copy.append(f'smov w0, v1.h[{i}]'); copy.append(f'smov x0, v1.h[{i}]'); copy.append(f'umov w0, v1.h[{i}]')
for i in [1, 3]:
    copy.append(f'smov x0, v1.s[{i}]'); copy.append(f'mov w0, v1.s[{i}]')
copy += ['mov x0, v1.d[0]', 'mov x0, v1.d[1]', 'umov w30, v31.b[1]']
copy += ['mov b0, v1.b[15]', 'mov b0, v1.b[3]', 'mov h0, v1.h[5]', 'mov s0, v1.s[3]', 'mov d0, v1.d[1]', 'mov d1, v1.d[0]']
g('Copy', [(t, None, [0, 1]) for t in copy])
ww = dict(zip(copy, assemble(copy)))
und = []
# dup element size=3 Q=0 (imm5=x1000, Q=0): from dup v0.2d, v1.d[0] clear Q
und.append(('dup v0.1d, v1.d[0] (Q = 0, reserved)', ww['dup v0.2d, v1.d[0]'] & ~(1 << 30)))
und.append(('dup v0.1d, x1 (Q = 0, reserved)', ww['dup v0.2d, x1'] & ~(1 << 30)))
und.append(('dup v0.16b, v1 imm5 = 00000 (reserved)', ww['dup v0.16b, v1.b[3]'] & ~(31 << 16)))
und.append(('smov w0, v1.s[1] (Q = 0, reserved)', ww['smov x0, v1.s[1]'] & ~(1 << 30)))
und.append(('smov x0, v1.d[0] (imm5 = 01000, reserved)', (ww['smov x0, v1.s[1]'] & ~(31 << 16)) | (8 << 16)))
und.append(('umov x0, v1.b[0] (Q = 1 with a byte, reserved)', ww['umov w0, v1.b[0]'] | (1 << 30)))
und.append(('umov w0, v1.d[0] (Q = 0 with a doubleword, reserved)', ww['mov x0, v1.d[0]'] & ~(1 << 30)))
und.append(('ins v0, w1 imm5 = 00000 (reserved)', ww['mov v0.b[0], w1'] & ~(31 << 16)))
und.append(('ins v0, v1 imm5 = 10000 (reserved)', (ww['mov v0.b[0], v1.b[15]'] & ~(31 << 16)) | (16 << 16)))
und.append(('mov v0.b[0], w1 with Q = 0 (unallocated)', ww['mov v0.b[0], w1'] & ~(1 << 30)))
und.append(('dup d0, v1 imm5 = 00000 (scalar, reserved)', ww['mov d0, v1.d[1]'] & ~(31 << 16)))
g('Copy', [(t, w, [0]) for t, w in und])

# ---------------- permute ----------------
perm = []
for op in ['zip1', 'zip2', 'uzp1', 'uzp2', 'trn1', 'trn2']:
    for t in VEC:
        perm.append(f'{op} v0.{t}, v1.{t}, v2.{t}')
    perm.append(f'{op} v1.4s, v1.4s, v2.4s')
for i in range(8):
    perm.append(f'ext v0.8b, v1.8b, v2.8b, #{i}')
for i in [0, 1, 7, 8, 9, 15]:
    perm.append(f'ext v0.16b, v1.16b, v2.16b, #{i}')
perm.append('ext v2.16b, v1.16b, v2.16b, #3')
for op in ['tbl', 'tbx']:
    for t in ['8b', '16b']:
        perm.append(f'{op} v0.{t}, {{v1.16b}}, v5.{t}')
        perm.append(f'{op} v0.{t}, {{v1.16b, v2.16b}}, v5.{t}')
        perm.append(f'{op} v0.{t}, {{v1.16b, v2.16b, v3.16b}}, v5.{t}')
        perm.append(f'{op} v0.{t}, {{v1.16b, v2.16b, v3.16b, v4.16b}}, v5.{t}')
    perm.append(f'{op} v0.16b, {{v30.16b, v31.16b, v0.16b, v1.16b}}, v2.16b')
    perm.append(f'{op} v1.16b, {{v31.16b, v0.16b}}, v1.16b')
g('Permute', [(t, None, S3) for t in perm])
ww = dict(zip(perm, assemble(perm)))
und = [('zip1 v0.1d, v1.1d, v2.1d (size:Q = 110, reserved)', ww['zip1 v0.2d, v1.2d, v2.2d'] & ~(1 << 30)),
       ('uzp2 v0.1d (size:Q = 110, reserved)', ww['uzp2 v0.2d, v1.2d, v2.2d'] & ~(1 << 30)),
       ('trn1 v0.1d (size:Q = 110, reserved)', ww['trn1 v0.2d, v1.2d, v2.2d'] & ~(1 << 30)),
       ('ext v0.8b, v1.8b, v2.8b, #8 (reserved)', ww['ext v0.16b, v1.16b, v2.16b, #8'] & ~(1 << 30)),
       ('permute opcode 000 (unallocated)', ww['uzp1 v0.4s, v1.4s, v2.4s'] & ~(7 << 12)),
       ('ext op2 = 01 (unallocated)', ww['ext v0.16b, v1.16b, v2.16b, #1'] | (1 << 22))]
g('Permute', [(t, w, [0]) for t, w in und])

# ---------------- modified immediate ----------------
imm = []
for v in ['#0', '#0xff', '#0x81']:
    imm += [f'movi v0.8b, {v}', f'movi v0.16b, {v}']
for sh in [0, 8]:
    imm += [f'movi v0.4h, #0xa5, lsl #{sh}', f'movi v0.8h, #0x5a, lsl #{sh}', f'mvni v0.4h, #0xa5, lsl #{sh}', f'mvni v0.8h, #0x01, lsl #{sh}',
            f'orr v0.4h, #0xa5, lsl #{sh}', f'orr v0.8h, #0x81, lsl #{sh}', f'bic v0.4h, #0xa5, lsl #{sh}', f'bic v0.8h, #0xff, lsl #{sh}']
for sh in [0, 8, 16, 24]:
    imm += [f'movi v0.2s, #0xc3, lsl #{sh}', f'movi v0.4s, #0x3c, lsl #{sh}', f'mvni v0.2s, #0xc3, lsl #{sh}', f'mvni v0.4s, #0x80, lsl #{sh}',
            f'orr v0.2s, #0xc3, lsl #{sh}', f'orr v0.4s, #0x7f, lsl #{sh}', f'bic v0.2s, #0xc3, lsl #{sh}', f'bic v0.4s, #0xfe, lsl #{sh}']
for sh in [8, 16]:
    imm += [f'movi v0.2s, #0x12, msl #{sh}', f'movi v0.4s, #0xed, msl #{sh}', f'mvni v0.2s, #0x12, msl #{sh}', f'mvni v0.4s, #0xed, msl #{sh}']
imm += ['movi d0, #0xff00ff0000ffff00', 'movi d0, #0', 'movi v0.2d, #0xffffffffffffffff', 'movi v0.2d, #0x00ff00000000ff00']
imm += ['fmov v0.2s, #1.0', 'fmov v0.4s, #-0.125', 'fmov v0.4s, #31.0', 'fmov v0.2d, #1.0', 'fmov v0.2d, #-2.5', 'fmov v0.2d, #0.1875', 'fmov v0.4s, #-1.9375']
g('Immediate', [(t, None, [0]) for t in imm])
ww = dict(zip(imm, assemble(imm)))
und = [('fmov v0.1d, #1.0 (op = 1, cmode = 1111, Q = 0: reserved)', ww['fmov v0.2d, #1.0'] & ~(1 << 30)),
       ('fmov v0.8h, #1.0 (o2 = 1, FEAT_FP16)', ww['fmov v0.4s, #-0.125'] | (1 << 11)),
       ('movi with o2 = 1 (unallocated)', ww['movi v0.16b, #0xff'] | (1 << 11))]
g('Immediate', [(t, w, [0]) for t, w in und])

# ---------------- across lanes ----------------
acr = []
for op in ['addv', 'smaxv', 'umaxv', 'sminv', 'uminv']:
    acr += [f'{op} b0, v1.8b', f'{op} b0, v1.16b', f'{op} h0, v1.4h', f'{op} h0, v1.8h', f'{op} s0, v1.4s']
for op in ['saddlv', 'uaddlv']:
    acr += [f'{op} h0, v1.8b', f'{op} h0, v1.16b', f'{op} s0, v1.4h', f'{op} s0, v1.8h', f'{op} d0, v1.4s']
acr.append('addv s1, v1.4s')
g('Across', [(t, None, S4) for t in acr])
ww = dict(zip(acr, assemble(acr)))
und = [('addv s0, v1.2s (size:Q = 100, reserved)', ww['addv s0, v1.4s'] & ~(1 << 30)),
       ('addv d0, v1.2d (size = 11, reserved)', ww['addv s0, v1.4s'] | (3 << 22)),
       ('saddlv d0, v1.2s (reserved)', ww['saddlv d0, v1.4s'] & ~(1 << 30)),
       ('uaddlv q0, v1.2d (reserved)', ww['uaddlv d0, v1.4s'] | (3 << 22)),
       ('umaxv s0, v1.2s (reserved)', ww['umaxv s0, v1.4s'] & ~(1 << 30)),
       ('sminv d0, v1.2d (reserved)', ww['sminv s0, v1.4s'] | (3 << 22))]
g('Across', [(t, w, [0]) for t, w in und])

# ---------------- two-register misc ----------------
misc = []
misc += ['rev16 v0.8b, v1.8b', 'rev16 v0.16b, v1.16b']
misc += [f'rev32 v0.{t}, v1.{t}' for t in ['8b', '16b', '4h', '8h']]
misc += [f'rev64 v0.{t}, v1.{t}' for t in NO2D]
for op in ['saddlp', 'uaddlp', 'sadalp', 'uadalp']:
    misc += [f'{op} v0.4h, v1.8b', f'{op} v0.8h, v1.16b', f'{op} v0.2s, v1.4h', f'{op} v0.4s, v1.8h', f'{op} v0.1d, v1.2s', f'{op} v0.2d, v1.4s']
for op in ['suqadd', 'usqadd', 'sqabs', 'sqneg']:
    misc += [f'{op} v0.{t}, v1.{t}' for t in VEC]
    misc += [f'{op} b0, b1', f'{op} h0, h1', f'{op} s0, s1', f'{op} d0, d1']
for op in ['cls', 'clz']:
    misc += [f'{op} v0.{t}, v1.{t}' for t in NO2D]
misc += ['cnt v0.8b, v1.8b', 'cnt v0.16b, v1.16b', 'not v0.8b, v1.8b', 'not v0.16b, v1.16b', 'rbit v0.8b, v1.8b', 'rbit v0.16b, v1.16b']
for op in ['abs', 'neg']:
    misc += [f'{op} v0.{t}, v1.{t}' for t in VEC] + [f'{op} d0, d1']
for op in ['cmgt', 'cmeq', 'cmlt', 'cmge', 'cmle']:
    misc += [f'{op} v0.{t}, v1.{t}, #0' for t in VEC] + [f'{op} d0, d1, #0']
for op in ['xtn', 'sqxtn', 'uqxtn', 'sqxtun']:
    misc += [f'{op} v0.8b, v1.8h', f'{op} v0.4h, v1.4s', f'{op} v0.2s, v1.2d', f'{op}2 v0.16b, v1.8h', f'{op}2 v0.8h, v1.4s', f'{op}2 v0.4s, v1.2d']
    if op != 'xtn':
        misc += [f'{op} b0, h1', f'{op} h0, s1', f'{op} s0, d1']
misc += ['shll v0.8h, v1.8b, #8', 'shll v0.4s, v1.4h, #16', 'shll v0.2d, v1.2s, #32', 'shll2 v0.8h, v1.16b, #8', 'shll2 v0.4s, v1.8h, #16', 'shll2 v0.2d, v1.4s, #32']
misc += ['sqxtn2 v1.16b, v1.8h', 'suqadd v1.4s, v1.4s', 'sadalp v1.2d, v1.4s']
g('Misc', [(t, None, S4) for t in misc])
ww = dict(zip(misc, assemble(misc)))
Q = 1 << 30
S = 3 << 22
und = [('rev64 v0.2d (size = 11, reserved)', ww['rev64 v0.4s, v1.4s'] | S),
       ('rev32 v0.4s (size = 10, reserved)', ww['rev32 v0.8h, v1.8h'] ^ (3 << 22)),
       ('rev16 v0.8h (size = 01, reserved)', ww['rev16 v0.16b, v1.16b'] | (1 << 22)),
       ('saddlp size = 11 (reserved)', ww['saddlp v0.2d, v1.4s'] | S),
       ('uadalp size = 11 (reserved)', ww['uadalp v0.2d, v1.4s'] | S),
       ('suqadd v0.1d (size:Q = 110, reserved)', ww['suqadd v0.2d, v1.2d'] & ~Q),
       ('sqneg v0.1d (reserved)', ww['sqneg v0.2d, v1.2d'] & ~Q),
       ('cls v0.2d (size = 11, reserved)', ww['cls v0.4s, v1.4s'] | S),
       ('clz v0.2d (size = 11, reserved)', ww['clz v0.4s, v1.4s'] | S),
       ('cnt v0.8h (size = 01, reserved)', ww['cnt v0.16b, v1.16b'] | (1 << 22)),
       ('not with size = 10 (reserved)', ww['not v0.16b, v1.16b'] | (2 << 22)),
       ('rbit with size = 11 (reserved)', ww['rbit v0.16b, v1.16b'] | S),
       ('abs v0.1d (reserved)', ww['abs v0.2d, v1.2d'] & ~Q),
       ('abs s0, s1 (scalar size != 11, reserved)', ww['abs d0, d1'] & ~(1 << 23)),
       ('neg b0, b1 (reserved)', ww['neg d0, d1'] & ~S),
       ('cmgt v0.1d, #0 (reserved)', ww['cmgt v0.2d, v1.2d, #0'] & ~Q),
       ('cmeq s0, s1, #0 (reserved)', ww['cmeq d0, d1, #0'] & ~(1 << 22)),
       ('cmlt h0, h1, #0 (reserved)', ww['cmlt d0, d1, #0'] & ~(1 << 23)),
       ('xtn size = 11 (reserved)', ww['xtn v0.2s, v1.2d'] | S),
       ('sqxtn s0, q1 (size = 11, reserved)', ww['sqxtn s0, d1'] | S),
       ('uqxtn2 size = 11 (reserved)', ww['uqxtn2 v0.4s, v1.2d'] | S),
       ('sqxtun size = 11 (reserved)', ww['sqxtun v0.2s, v1.2d'] | S),
       ('shll size = 11 (reserved)', ww['shll v0.2d, v1.2s, #32'] | S),
       ('xtn scalar (U = 0, opcode 10010: unallocated)', ww['sqxtun s0, d1'] & ~(1 << 29)),
       ('two-reg misc U = 1 opcode 01010 (unallocated)', ww['cmlt v0.4s, v1.4s, #0'] | (1 << 29)),
       ('two-reg misc U = 0 opcode 10011 (unallocated)', ww['shll v0.4s, v1.4h, #16'] & ~(1 << 29))]
g('Misc', [(t, w, [0]) for t, w in und])

# ---------------- bitwise ----------------
bw = []
for op in ['and', 'bic', 'orr', 'orn', 'eor', 'bsl', 'bit', 'bif']:
    bw += [f'{op} v0.8b, v1.8b, v2.8b', f'{op} v0.16b, v1.16b, v2.16b']
bw += ['mov v0.16b, v1.16b', 'mov v0.8b, v1.8b', 'bsl v1.16b, v1.16b, v2.16b', 'bif v2.16b, v1.16b, v2.16b', 'eor v3.16b, v3.16b, v3.16b']
g('Bitwise', [(t, None, [0, 1]) for t in bw])

import json
out = {}
for name, items in groups.items():
    texts = [t for t, w, s in items if w is None]
    words = dict(zip(texts, assemble(texts)))
    cases = []
    meta = []
    for t, w, seeds in items:
        word = w if w is not None else words[t]
        for s in seeds:
            cases.append((word, s)); meta.append((t, word, s))
    res = run(cases)
    rows = []
    for (t, word, s), r in zip(meta, res):
        assert r is not None, (t, s)
        if 'undef' in r:
            if r['undef'] != 0x2000000:
                print('unexpected ESR', t, hex(r['undef']))
            exp = 'undef'
        else:
            v, x = initial_state(s)
            parts = []
            for i in range(32):
                if r['v'][i] != v[i]:
                    parts.append(f'v{i}={r["v"][i][1]:016x}:{r["v"][i][0]:016x}')
            for i in range(31):
                if r['x'][i] != x[i]:
                    parts.append(f'x{i}={r["x"][i]:x}')
            if r['fpsr'] != 0:
                parts.append(f'fpsr={r["fpsr"]:x}')
            exp = ' '.join(parts)
        rows.append((word, t, s, exp))
    out[name] = rows
    print(name, len(rows), sum(1 for r in rows if r[3] == 'undef'), 'undef', sum(1 for r in rows if 'fpsr' in r[3]), 'qc')
json.dump(out, open(RECORDED, 'w'))

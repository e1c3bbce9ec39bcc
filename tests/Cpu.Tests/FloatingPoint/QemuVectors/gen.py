#!/usr/bin/env python3
"""Generates FP test vectors on qemu-system-aarch64 (cortex-a57), the reference for bit-exactness.

Each case: set FPCR, clear FPSR, load x0/d0 = a, x1/d1 = b, x2/d2 = c, clear x3/v3, run ONE
instruction, print x3 (or d3, or NZCV) and FPSR. Writes vectors.txt lines:
  <name> <insn word> <fpcr> <a> <b> <c> <nzcv in> <result> <fpsr>
Usage: python3 gen.py [seed]  (needs aarch64-linux-gnu-as/ld/objcopy/objdump and qemu-system-aarch64)
"""
import os, random, subprocess, sys, tempfile

seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
rng = random.Random(seed)
FMT = {16: (5, 10), 32: (8, 23), 64: (11, 52)}
REG = {16: 'h', 32: 's', 64: 'd'}

def enc(esize, sign, bexp, frac):
    e, f = FMT[esize]
    return (sign << (esize - 1)) | (bexp << f) | frac

def special(esize):
    e, f = FMT[esize]
    top = (1 << e) - 1
    vals = [enc(esize, 0, 0, 0), enc(esize, 0, 0, 1), enc(esize, 0, 0, (1 << f) - 1), enc(esize, 0, 0, 1 << (f - 1)),
            enc(esize, 0, 1, 0), enc(esize, 0, 1, 1), enc(esize, 0, top - 1, (1 << f) - 1), enc(esize, 0, top, 0),
            enc(esize, 0, top, 1 << (f - 1) | 0x15), enc(esize, 0, top, 0x2A), enc(esize, 0, top - 1, 0),
            enc(esize, 0, (1 << (e - 1)) - 1, 0), enc(esize, 0, (1 << (e - 1)) - 1, 1 << (f - 1)), enc(esize, 0, 1 << (e - 1), 0),
            enc(esize, 0, (1 << (e - 1)), 1 << (f - 1)), enc(esize, 0, (1 << (e - 1)) - 2, 1 << (f - 1)),
            enc(esize, 0, (1 << (e - 1)) - 1, 1)]
    return [v | (s << (esize - 1)) for v in vals for s in (0, 1)]

def randval(esize, mode):
    e, f = FMT[esize]
    top = (1 << e) - 1
    bias = (1 << (e - 1)) - 1
    sign = rng.getrandbits(1)
    r = rng.random()
    if r < 0.15:
        return rng.choice(special(esize))
    if mode == 'near1' or r < 0.55:
        bexp = min(top - 1, max(1, bias + rng.randint(-4, 4)))
    elif r < 0.7:
        bexp = rng.randint(0, 2)
    elif r < 0.8:
        bexp = rng.randint(top - 3, top - 1)
    else:
        bexp = rng.randint(0, top)
    frac = rng.getrandbits(f)
    if rng.random() < 0.3:
        frac &= ~((1 << rng.randint(0, f)) - 1)
    if rng.random() < 0.1:
        frac |= (1 << rng.randint(0, f)) - 1
    return enc(esize, sign, bexp, frac)

def randint(bits):
    r = rng.random()
    if r < 0.2:
        return rng.choice([0, 1, (1 << bits) - 1, 1 << (bits - 1), (1 << (bits - 1)) - 1, 3])
    n = rng.randint(1, bits)
    v = rng.getrandbits(n)
    if rng.random() < 0.5:
        v = (-v) & ((1 << bits) - 1)
    return v

FPCRS = [0, 1 << 22, 2 << 22, 3 << 22, 1 << 24, 1 << 25, (1 << 24) | (1 << 25), (1 << 24) | (2 << 22), (1 << 26), (1 << 26) | (1 << 25)]
def randfpcr():
    return rng.choice(FPCRS) if rng.random() < 0.7 else (rng.randint(0, 3) << 22) | (rng.getrandbits(3) << 24)

cases = []  # (name, asm, fpcr, a, b, c, nzcv, resultkind)
def add(name, asm, a, b=0, c=0, kind='v', fpcr=None, nzcv=0):
    cases.append((name, asm, randfpcr() if fpcr is None else fpcr, a, b, c, nzcv, kind))

N = int(os.environ.get('FPN', '60'))
for esize in (32, 64):
    R = REG[esize]
    for op in ('fadd', 'fsub', 'fmul', 'fdiv', 'fmax', 'fmin', 'fmaxnm', 'fminnm', 'fnmul', 'fmulx', 'frecps', 'frsqrts'):
        for i in range(N):
            add(f'{op}:{esize}', f'{op} {R}3, {R}0, {R}1', randval(esize, ''), randval(esize, 'near1' if i % 2 else ''))
    for op in ('fmadd', 'fmsub', 'fnmadd', 'fnmsub'):
        for i in range(N):
            a, b, c = randval(esize, ''), randval(esize, ''), randval(esize, '')
            add(f'{op}:{esize}', f'{op} {R}3, {R}0, {R}1, {R}2', a, b, c)
    for op in ('fsqrt', 'fabs', 'fneg', 'frintn', 'frintp', 'frintm', 'frintz', 'frinta', 'frintx', 'frinti', 'frecpe', 'frsqrte', 'frecpx'):
        for i in range(N):
            add(f'{op}:{esize}', f'{op} {R}3, {R}0', randval(esize, 'near1' if i % 3 == 0 else ''))
    for op in ('fcmp', 'fcmpe'):
        for i in range(N):
            a = randval(esize, '')
            b = a if i % 5 == 0 else randval(esize, '')
            add(f'{op}:{esize}', f'{op} {R}0, {R}1', a, b, kind='nzcv')
        for i in range(N // 4):
            add(f'{op}z:{esize}', f'{op} {R}0, #0.0', randval(esize, ''), kind='nzcv')
    for op in ('fcvtns', 'fcvtnu', 'fcvtps', 'fcvtpu', 'fcvtms', 'fcvtmu', 'fcvtzs', 'fcvtzu', 'fcvtas', 'fcvtau'):
        for rd, bits in (('w', 32), ('x', 64)):
            for i in range(N // 2):
                add(f'{op}:{esize}:{rd}', f'{op} {rd}3, {R}0', randval(esize, 'near1' if i % 2 else ''), kind='x')
    for op in ('fcvtzs', 'fcvtzu'):
        for rd, bits in (('w', 32), ('x', 64)):
            for i in range(N // 2):
                fb = rng.randint(1, bits)
                add(f'{op}:{esize}:{rd}:{fb}', f'{op} {rd}3, {R}0, #{fb}', randval(esize, 'near1' if i % 2 else ''), kind='x')
    for op in ('scvtf', 'ucvtf'):
        for rn, bits in (('w', 32), ('x', 64)):
            for i in range(N // 2):
                add(f'{op}:{esize}:{rn}', f'{op} {R}3, {rn}0', randint(bits))
            for i in range(N // 4):
                fb = rng.randint(1, bits)
                add(f'{op}:{esize}:{rn}:{fb}', f'{op} {R}3, {rn}0, #{fb}', randint(bits))
import struct
def tofloat(esize, v):
    return struct.unpack('<d', struct.pack('<Q', v))[0] if esize == 64 else struct.unpack('<f', struct.pack('<I', v))[0]
def tobits(esize, x):
    return struct.unpack('<Q', struct.pack('<d', x))[0] if esize == 64 else struct.unpack('<I', struct.pack('<f', x))[0]
def scaled(esize, e2):
    e, f = FMT[esize]
    bias = (1 << (e - 1)) - 1
    return enc(esize, rng.getrandbits(1), max(1, min((1 << e) - 2, bias + e2)), rng.getrandbits(f))
for esize in (32, 64):
    R = REG[esize]
    e, f = FMT[esize]
    half = ((1 << (e - 1)) - 2) // 2
    for i in range(N):
        # products near the bottom of the normal range (underflow, FZ, denormal results)
        a, b = scaled(esize, -half + rng.randint(-3, 3)), scaled(esize, -half - f // 2 * (i % 2) + rng.randint(-3, 3))
        add(f'fmul:{esize}', f'fmul {R}3, {R}0, {R}1', a, b)
        add(f'fdiv:{esize}', f'fdiv {R}3, {R}0, {R}1', a, enc(esize, 0, (1 << (e - 1)) - 1 + half + rng.randint(-2, 2), rng.getrandbits(f)))
        add(f'fmadd:{esize}', f'fmadd {R}3, {R}0, {R}1, {R}2', a, b, scaled(esize, -2 * half + rng.randint(-3, 3)))
        # cancellation: c close to -(a*b)
        a, b = randval(esize, 'near1'), randval(esize, 'near1')
        p = tofloat(esize, a) * tofloat(esize, b)
        if p == p and abs(p) != float('inf'):
            try:
                c = tobits(esize, -p) ^ rng.choice([0, 0, 1, 2, 3])
            except OverflowError:
                c = 0
            add(f'fmadd:{esize}', f'fmadd {R}3, {R}0, {R}1, {R}2', a, b, c)
            add(f'fnmsub:{esize}', f'fnmsub {R}3, {R}0, {R}1, {R}2', a, b, c ^ (1 << (esize - 1)))
        x = randval(esize, 'near1')
        add(f'fsub:{esize}', f'fsub {R}3, {R}0, {R}1', x, x ^ rng.choice([1, 2, 3, 1 << (f - 1)]))
        # sums near overflow and FPCR rounding for big values
        add(f'fadd:{esize}', f'fadd {R}3, {R}0, {R}1', scaled(esize, (1 << (e - 1)) - 1 - rng.randint(0, 1)), scaled(esize, (1 << (e - 1)) - 1 - rng.randint(0, f + 2)))
CONDS = ['eq', 'ne', 'cs', 'cc', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al', 'nv']
for esize in (32, 64):
    R = REG[esize]
    for op in ('fccmp', 'fccmpe'):
        for i in range(N):
            a = randval(esize, '')
            b = a if i % 5 == 0 else randval(esize, '')
            add(f'{op}:{esize}', f'{op} {R}0, {R}1, #{rng.randint(0, 15)}, {rng.choice(CONDS)}', a, b, kind='nzcv', nzcv=rng.randint(0, 15))
    for i in range(N // 2):
        add(f'fcsel:{esize}', f'fcsel {R}3, {R}0, {R}1, {rng.choice(CONDS)}', randval(esize, ''), randval(esize, ''), nzcv=rng.randint(0, 15))
    for i in range(N // 2):
        imm8 = rng.randint(0, 255)
        cases.append((f'fmovi:{esize}', None, 0, imm8, 0, 0, 0, 'v'))
for i in range(N // 2):
    add('fmovgen:32:ws', 'fmov s3, w0', rng.getrandbits(64))
    add('fmovgen:32:sw', 'fmov w3, s0', rng.getrandbits(32), kind='x')
    add('fmovgen:64:xd', 'fmov d3, x0', rng.getrandbits(64))
    add('fmovgen:64:dx', 'fmov x3, d0', rng.getrandbits(64), kind='x')
    add('fmovgen:64:xtop', 'fmov v3.d[1], x0', rng.getrandbits(64), kind='vhi')
    add('fmovgen:64:topx', 'fmov x3, v0.d[1]', rng.getrandbits(64), rng.getrandbits(64), kind='x')
for (fr, to) in ((32, 64), (64, 32), (16, 32), (32, 16), (16, 64), (64, 16)):
    for i in range(N * 2):
        fpcr = randfpcr()
        if to == 16 or fr == 16:
            fpcr |= rng.choice([0, 1 << 26])
        add(f'fcvt:{fr}:{to}', f'fcvt {REG[to]}3, {REG[fr]}0', randval(fr, ''), fpcr=fpcr)

with tempfile.TemporaryDirectory() as d:
    lines = ['.text', '.global _start', '_start:',
             'mov x9, #0x300000', 'msr cpacr_el1, x9', 'isb', 'mov x10, #0x09000000', 'b cases',
             'print:',  # prints x3 and x4 as 16 hex digits each + newline; clobbers x5-x8
             'mov x5, x3', 'bl hex', 'mov x6, #32', 'strb w6, [x10]', 'mov x5, x4', 'bl hex', 'mov x6, #10', 'strb w6, [x10]', 'ret x11',
             'hex:', 'mov x7, #60', '1:', 'lsr x6, x5, x7', 'and x6, x6, #15', 'cmp x6, #10', 'add x8, x6, #48', 'add x6, x6, #87', 'csel x6, x8, x6, lo',
             'strb w6, [x10]', 'subs x7, x7, #4', 'b.ge 1b', 'ret',
             'cases:']
    for i, (name, asm, fpcr, a, b, c, nzcv, kind) in enumerate(cases):
        if asm is None:  # fmovi: FMOV Rd, #imm8 as a word (ftype from the name)
            asm = '.inst 0x%08x' % (0x1E201003 | (0x400000 if name.endswith('64') else 0) | (a << 13))
        lines += [f'ldr x9, ={fpcr:#x}', 'msr fpcr, x9', 'msr fpsr, xzr', f'ldr x9, ={nzcv << 28:#x}', 'msr nzcv, x9',
                  f'ldr x0, ={a:#x}', 'fmov d0, x0', f'ldr x1, ={b:#x}', 'fmov d1, x1', 'ins v0.d[1], x1', f'ldr x2, ={c:#x}', 'fmov d2, x2',
                  'movi v3.2d, #0', 'mov x3, #0', f'insn{i}:', asm]
        if kind == 'v':
            lines.append('fmov x3, d3')
        elif kind == 'vhi':
            lines += ['fmov x4, d3', 'cbnz x4, .', 'mov x3, v3.d[1]']
        elif kind == 'nzcv':
            lines += ['mrs x3, nzcv', 'lsr x3, x3, #28']
        lines += ['mrs x4, fpsr', 'mov x11, lr', 'bl print_tramp' if False else 'adr x11, 1f', 'b print', '1:']
        if i % 200 == 199:
            lines += ['b 2f', '.ltorg', '2:']
    lines += ['ldr x0, =0x84000008', 'hvc #0', 'b .', '.ltorg']
    src = os.path.join(d, 'fp.s')
    open(src, 'w').write('\n'.join(lines) + '\n')
    subprocess.check_call(['aarch64-linux-gnu-as', '-march=armv8-a', '-o', d + '/fp.o', src])
    subprocess.check_call(['aarch64-linux-gnu-ld', '-Ttext=0x40080000', '-o', d + '/fp.elf', d + '/fp.o'])
    syms = subprocess.check_output(['aarch64-linux-gnu-nm', d + '/fp.elf']).decode().split('\n')
    addr = {}
    for s in syms:
        p = s.split()
        if len(p) == 3 and p[2].startswith('insn'):
            addr[int(p[2][4:])] = int(p[0], 16)
    raw = d + '/fp.bin'
    subprocess.check_call(['aarch64-linux-gnu-objcopy', '-O', 'binary', d + '/fp.elf', raw])
    blob = open(raw, 'rb').read()
    out = subprocess.run(['qemu-system-aarch64', '-M', 'virt', '-cpu', 'cortex-a57', '-m', '128M', '-nographic', '-nic', 'none',
                          '-monitor', 'none', '-kernel', d + '/fp.elf'], capture_output=True, timeout=600).stdout.decode()
    res = [l.split() for l in out.replace('\r', '').split('\n') if len(l.split()) == 2]
    assert len(res) == len(cases), (len(res), len(cases), out[-500:])
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'vectors.txt'), 'w') as f:
        f.write(f'# generated by gen.py {seed} on qemu-system-aarch64 -cpu cortex-a57: name insn fpcr a b c nzcv result fpsr\n')
        for i, (name, asm, fpcr, a, b, c, nzcv, kind) in enumerate(cases):
            off = addr[i] - 0x40080000
            word = int.from_bytes(blob[off:off + 4], 'little')
            f.write(f'{name} {word:08x} {fpcr:x} {a:x} {b:x} {c:x} {nzcv:x} {int(res[i][0], 16):x} {int(res[i][1], 16):x}\n')
print(len(cases), 'cases')

#!/usr/bin/env python3
"""Runs A64 instruction words on qemu-system-aarch64 (cortex-a57, bare metal on virt) from the deterministic initial states that tests/Cpu.Tests/Simd/SimdMiscMachine.cs also builds (SplitMix64 per seed), and reads back X0-X30, V0-V31 and FPSR over the UART.
Usage as module: run(cases) where cases = [(word, seed)], returns list of results:
  {'undef': esr} or {'x': [31 values], 'v': [(lo,hi)]*32, 'fpsr': v}"""
import subprocess, os, tempfile, sys

M = (1 << 64) - 1
def splitmix(state):
    state = (state + 0x9E3779B97F4A7C15) & M
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return state, z ^ (z >> 31)

SPECIAL = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0xFE, 0x81, 0x40]
def initial_state(seed):
    """seed 0..: seeds 4k plain random, 4k+2 bytes 00..3F, odd seeds bytes mixed with special values. Returns (v[(lo,hi)]*32, x[31])."""
    st = seed * 0x1000193 + 7
    def nxt():
        nonlocal st
        st, z = splitmix(st)
        return z
    def word():
        w = nxt()
        if seed % 4 == 2:
            return w & 0x3F3F3F3F3F3F3F3F
        if seed % 2 == 1:
            sel = nxt()
            out = 0
            for b in range(8):
                byte = (w >> (8 * b)) & 0xFF
                if (sel >> (8 * b)) & 3 != 0:  # 3/4 of bytes special
                    byte = SPECIAL[(sel >> (8 * b + 2)) & 7]
                out |= byte << (8 * b)
            w = out
        return w
    v = [(word(), word()) for _ in range(32)]
    x = [word() for _ in range(31)]
    return v, x

SLOT = 0x40F00000
DUMP = 0x40F10000
UART = 0x09000000

def build_asm(cases):
    seeds = sorted(set(s for _, s in cases))
    a = []
    a.append(""".text
.global _start
_start:
    ldr x0, =0x300000
    msr cpacr_el1, x0
    isb
    adr x0, vectors
    msr vbar_el1, x0
    isb
    b case_0

putc: // w0
    ldr x9, =%d
    strb w0, [x9]
    ret
puthex: // x0, uses x10-x12, x13 link
    mov x13, x30
    mov x10, x0
    mov x11, #60
1:  lsr x12, x10, x11
    and x12, x12, #15
    cmp x12, #10
    add x0, x12, #'0'
    add x12, x12, #('a'-10)
    csel x0, x12, x0, ge
    bl putc
    subs x11, x11, #4
    b.ge 1b
    mov x30, x13
    ret
print_case: // x0 = index
    mov x20, x30
    mov x21, x0
    mov x0, #'C'
    bl putc
    mov x0, x21
    bl puthex
    ldr x22, =%d
    mov x23, #0
2:  mov x0, #' '
    bl putc
    ldr x0, [x22, x23, lsl #3]
    bl puthex
    add x23, x23, #1
    cmp x23, #97
    b.lt 2b
    mov x0, #10
    bl putc
    mov x30, x20
    ret
exc:
    mrs x20, esr_el1
    mov x0, #'E'
    bl putc
    ldr x22, =%d
    ldr x0, [x22, #8]
    bl puthex
    mov x0, #' '
    bl putc
    mov x0, x20
    bl puthex
    mov x0, #10
    bl putc
    ldr x22, =%d
    ldr x0, [x22]
    msr elr_el1, x0
    eret
.ltorg
.balign 2048
vectors:
""" % (UART, DUMP, SLOT, SLOT))
    for i in range(16):
        a.append("    .balign 128\n    b exc\n")
    for k, (word, seed) in enumerate(cases):
        a.append(f"""case_{k}:
    adr x0, case_{k+1}
    ldr x1, ={SLOT}
    str x0, [x1]
    mov x0, #{k}
    str x0, [x1, #8]
    msr fpsr, xzr
    ldr x30, =init_{seed}
""")
        for r in range(32):
            a.append(f"    ldr q{r}, [x30, #{16*r}]\n")
        for r in range(0, 30):
            a.append(f"    ldr x{r}, [x30, #{512+8*r}]\n")
        a.append(f"    ldr x30, [x30, #{512+8*30}]\n")
        for wd in (word if isinstance(word, (list, tuple)) else [word]):
            a.append(f"    .inst 0x{wd:08x}\n")
        a.append(f"    msr tpidr_el1, x30\n    ldr x30, ={DUMP}\n")
        for r in range(0, 30, 2):
            a.append(f"    stp x{r}, x{r+1}, [x30, #{8*r}]\n")
        a.append("    mrs x0, tpidr_el1\n    str x0, [x30, #240]\n")
        for r in range(32):
            a.append(f"    str q{r}, [x30, #{256+16*r}]\n")
        a.append("    mrs x0, fpsr\n    str x0, [x30, #768]\n")
        a.append(f"    mov x0, #{k}\n    bl print_case\n    b case_{k+1}\n    .ltorg\n")
    a.append(f"case_{len(cases)}:\n    ldr x0, =0x84000008\n    hvc #0\n3:  wfi\n    b 3b\n.ltorg\n")
    for s in seeds:
        v, x = initial_state(s)
        a.append(f".balign 16\ninit_{s}:\n")
        for lo, hi in v:
            a.append(f"    .quad 0x{lo:016x}, 0x{hi:016x}\n")
        for xv in x:
            a.append(f"    .quad 0x{xv:016x}\n")
    return "".join(a)

def run(cases):
    d = tempfile.mkdtemp(prefix="qrun")
    src = os.path.join(d, "p.s")
    open(src, "w").write(build_asm(cases))
    subprocess.run(["aarch64-linux-gnu-as", "-o", d + "/p.o", src], check=True)
    subprocess.run(["aarch64-linux-gnu-ld", "-Ttext=0x40080000", "-o", d + "/p.elf", d + "/p.o"], check=True)
    out = subprocess.run(["qemu-system-aarch64", "-M", "virt", "-cpu", "cortex-a57", "-m", "128M", "-nographic",
                          "-nic", "none", "-monitor", "none", "-kernel", d + "/p.elf"],
                         capture_output=True, timeout=300).stdout.decode()
    results = [None] * len(cases)
    for line in out.splitlines():
        line = line.strip()
        if line.startswith("C"):
            parts = line[1:].split()
            k = int(parts[0], 16)
            vals = [int(p, 16) for p in parts[1:]]
            x = vals[0:31]
            v = [(vals[32 + 2 * i], vals[33 + 2 * i]) for i in range(32)]
            results[k] = {"x": x, "v": v, "fpsr": vals[96]}
        elif line.startswith("E"):
            parts = line[1:].split()
            results[int(parts[0], 16)] = {"undef": int(parts[1], 16)}
    return results

def assemble(lines):
    """Assemble instruction texts, return words."""
    d = tempfile.mkdtemp(prefix="qasm")
    open(d + "/a.s", "w").write("\n".join(lines) + "\n")
    subprocess.run(["aarch64-linux-gnu-as", "-o", d + "/a.o", d + "/a.s"], check=True)
    subprocess.run(["aarch64-linux-gnu-objcopy", "-O", "binary", d + "/a.o", d + "/a.bin"], check=True)
    b = open(d + "/a.bin", "rb").read()
    return [int.from_bytes(b[i:i + 4], "little") for i in range(0, len(b), 4)]

if __name__ == "__main__":
    ws = assemble(["rev64 v0.16b, v1.16b", "umov w0, v1.b[3]", "smov x0, v1.h[7]", ".inst 0x4e200820|0x00c00000"])
    print([hex(w) for w in ws])
    r = run([(w, 1) for w in ws])
    v, x = initial_state(1)
    print(hex(v[1][0]), hex(v[1][1]))
    for res in r:
        if "undef" in res: print("undef", hex(res["undef"]))
        else: print(hex(res["v"][0][0]), hex(res["v"][0][1]), hex(res["x"][0]), hex(res["fpsr"]))

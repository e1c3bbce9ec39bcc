/*
 * Start code of the smp sample.
 *
 * smp_start (the image's ELF entry, -e smp_start) runs on CPU 0 before the
 * shared runtime's _start; smp_secondary is where PSCI CPU_ON starts the
 * other CPUs, with x0 = the context ID the boot CPU passed (the CPU's index).
 * Both turn FP/SIMD on and the MMU and caches on, with the same identity map,
 * so that every CPU's RAM accesses are Normal write-back, inner shareable:
 * the cache model then keeps each CPU's L1 data cache coherent with the
 * others through the shared L2 (QEMU has no caches; its output is the same).
 *   0x00000000     1 GB  Device-nGnRE, execute-never (UART, GIC, PCI 32-bit window)
 *   0x40000000     1 GB  Normal write-back, inner shareable (RAM)
 *   0x40_00000000  1 GB  Device-nGnRE, execute-never (the PCIe ECAM at 0x40_1000_0000)
 * in a 39-bit VA space (TCR_EL1.T0SZ = 25: the walk starts at level 1).
 */
    .macro  MMU_ON
    mov     x1, #(3 << 20)              /* CPACR_EL1.FPEN = 0b11 */
    msr     cpacr_el1, x1
    isb
    mov     x1, #0x04ff                 /* MAIR: Attr0 Normal WB, Attr1 Device-nGnRE */
    msr     mair_el1, x1
    /* TCR: T0SZ 25, IRGN0/ORGN0 WB-WA, SH0 inner, TG0 4K, EPD1, IPS 40 bits */
    mov     x1, #(25 | (1 << 8) | (1 << 10) | (3 << 12))
    movk    x1, #(1 << (23 - 16)), lsl #16
    movk    x1, #2, lsl #32
    msr     tcr_el1, x1
    adrp    x1, smp_l1_table
    add     x1, x1, :lo12:smp_l1_table
    msr     ttbr0_el1, x1
    dsb     sy
    tlbi    vmalle1
    dsb     sy
    isb
    mrs     x1, sctlr_el1
    orr     x1, x1, #(1 << 0)           /* M */
    orr     x1, x1, #(1 << 2)           /* C */
    orr     x1, x1, #(1 << 12)          /* I */
    msr     sctlr_el1, x1
    isb
    .endm

    .text
    .global smp_start
    .type   smp_start, %function
    .balign 4
smp_start:
    mov     x2, x0                      /* the DTB address */
    MMU_ON
    mov     x0, x2
    b       _start
    .size   smp_start, . - smp_start

    .global smp_secondary
    .type   smp_secondary, %function
    .balign 4
smp_secondary:
    mov     x19, x0                     /* CPU index (the CPU_ON context ID) */
    msr     daifset, #0xf
    MMU_ON
    adrp    x1, smp_stacks              /* SP = smp_stacks + (index + 1) * 16 KiB */
    add     x1, x1, :lo12:smp_stacks
    add     x2, x19, #1
    add     x1, x1, x2, lsl #14
    mov     sp, x1
    adrp    x1, rt_vectors
    add     x1, x1, :lo12:rt_vectors
    msr     vbar_el1, x1
    isb
    mov     x0, x19
    bl      secondary_main
1:  wfi
    b       1b
    .size   smp_secondary, . - smp_secondary

    .section .data.smp_l1_table, "aw"
    .balign 4096
smp_l1_table:
    /* block, AttrIndx 1, AF, PXN, UXN */
    .quad   0x00000000 | 1 | (1 << 2) | (1 << 10) | (3 << 53)
    /* block, AttrIndx 0, SH inner shareable, AF */
    .quad   0x40000000 | 1 | (0 << 2) | (3 << 8) | (1 << 10)
    .fill   254, 8, 0
    /* entry 256: block, AttrIndx 1, AF, PXN, UXN */
    .quad   0x4000000000 | 1 | (1 << 2) | (1 << 10) | (3 << 53)
    .fill   255, 8, 0

    .bss
    .balign 16
    .global smp_stacks
smp_stacks:
    .space  8 * 16384

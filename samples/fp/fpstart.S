/*
 * Early start of the fp sample (the image's ELF entry, -e fp_start): runs
 * before the shared runtime's _start and before any C code.
 *
 * 1. CPACR_EL1.FPEN = 0b11, ISB: SIMD&FP instructions no longer trap (EC 0x07).
 * 2. The MMU and caches on, as for a program under an OS: with the MMU off every
 *    data access is Device memory, where the unaligned loads and stores of
 *    -O3 code without -mstrict-align (memcpy, struct copies, vector loops)
 *    would take alignment faults. Identity map, 4 KB granule, T0SZ = 32
 *    (4 GB of VA, the walk starts at level 1), two 1 GB blocks:
 *      0x00000000 Device-nGnRE (UART, GIC), execute-never
 *      0x40000000 Normal write-back, inner shareable (RAM)
 *    The table is initialised data, so the runtime's .bss clearing keeps it.
 * 3. Branches to the runtime's _start with x0 (the DTB address) unchanged.
 */
    .text
    .global fp_start
    .type   fp_start, %function
    .balign 4
fp_start:
    mov     x1, #(3 << 20)              /* CPACR_EL1.FPEN = 0b11 */
    msr     cpacr_el1, x1
    isb

    mov     x1, #0x04ff                 /* MAIR: Attr0 Normal WB, Attr1 Device-nGnRE */
    msr     mair_el1, x1
    /* TCR: T0SZ 32, IRGN0/ORGN0 WB-WA, SH0 inner, TG0 4K, EPD1, IPS 40 bits */
    mov     x1, #(32 | (1 << 8) | (1 << 10) | (3 << 12))
    movk    x1, #(1 << (23 - 16)), lsl #16
    movk    x1, #2, lsl #32
    msr     tcr_el1, x1
    adrp    x1, fp_l1_table
    add     x1, x1, :lo12:fp_l1_table
    msr     ttbr0_el1, x1
    dsb     sy
    tlbi    vmalle1
    dsb     sy
    isb
    mrs     x1, sctlr_el1
    orr     x1, x1, #(1 << 0)           /* M */
    orr     x1, x1, #(1 << 2)           /* C */
    orr     x1, x1, #(1 << 12)          /* I */
    bic     x1, x1, #(1 << 1)           /* A: no alignment checking */
    msr     sctlr_el1, x1
    isb
    b       _start
    .size   fp_start, . - fp_start

    .section .data.fp_l1_table, "aw"
    .balign 4096
fp_l1_table:
    /* block, AttrIndx 1, AF, PXN, UXN */
    .quad   0x00000000 | 1 | (1 << 2) | (1 << 10) | (3 << 53)
    /* block, AttrIndx 0, SH inner shareable, AF */
    .quad   0x40000000 | 1 | (0 << 2) | (3 << 8) | (1 << 10)
    .fill   510, 8, 0

/*
 * Early start of the fpsimd bench guest (its ELF entry, -e fp_start): sets
 * CPACR_EL1.FPEN = 0b11 (no SIMD&FP trap) and synchronises with ISB before
 * any C code runs, then enters the samples' runtime _start with x0 unchanged.
 * main() turns the MMU and caches on (benchmmu.h) as every bench guest does.
 */
    .text
    .global fp_start
    .type   fp_start, %function
    .balign 4
fp_start:
    mov     x1, #(3 << 20)
    msr     cpacr_el1, x1
    isb
    b       _start
    .size   fp_start, . - fp_start

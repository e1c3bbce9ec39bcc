/*
 * Every benchmark guest runs as a program under an OS would: stage-1 translation on, RAM Normal
 * write-back cacheable, the I- and D-caches enabled (SCTLR_EL1.M, C, I). "mmu=off" in the
 * bootargs leaves the MMU and caches off instead (data accesses are then Device, fetches
 * Non-cacheable: every access goes to memory in the cache model). RAM is one 1 GB block at
 * 0x40000000, the UART a 2 MB Device-nGnRE block; 4 KB granule, 48-bit VAs.
 */
#ifndef BENCHMMU_H
#define BENCHMMU_H

#include "rt.h"

static uint64_t benchmmu_l0[512] __attribute__((aligned(4096)));
static uint64_t benchmmu_l1[512] __attribute__((aligned(4096)));
static uint64_t benchmmu_l2_dev[512] __attribute__((aligned(4096)));

static int benchmmu_off_requested(void)
{
    const char *args = fdt_bootargs();
    for (; args && *args; args++)
        if (strncmp(args, "mmu=off", 7) == 0)
            return 1;
    return 0;
}

/* Turns the MMU and caches on unless the bootargs say mmu=off; returns 1 when on. */
static int benchmmu_setup(void)
{
    if (benchmmu_off_requested())
        return 0;
    benchmmu_l0[0] = (uintptr_t)benchmmu_l1 | 3;
    benchmmu_l1[0] = (uintptr_t)benchmmu_l2_dev | 3;
    benchmmu_l1[1] = 0x40000000UL | 1 | 0 << 2 | 3UL << 8 | 1UL << 10;                        /* RAM: Normal WB */
    benchmmu_l2_dev[0x09000000UL >> 21] = 0x09000000UL | 1 | 1 << 2 | 2UL << 8 | 1UL << 10 | 3UL << 53; /* UART */
    unsigned long tcr = 16 | 1UL << 8 | 1UL << 10 | 3UL << 12 | 1UL << 23 | 2UL << 32;
    unsigned long sctlr;
    __asm__ volatile(
        "msr mair_el1, %[mair]\n\tmsr tcr_el1, %[tcr]\n\tmsr ttbr0_el1, %[t0]\n\t"
        "dsb sy\n\ttlbi vmalle1\n\tdsb sy\n\tisb\n\t"
        "mrs %[s], sctlr_el1\n\torr %[s], %[s], #0x1\n\torr %[s], %[s], #0x4\n\t"
        "orr %[s], %[s], #0x1000\n\tmsr sctlr_el1, %[s]\n\tisb"
        : [s] "=&r"(sctlr)
        : [mair] "r"(0x04ffUL), [tcr] "r"(tcr), [t0] "r"((uintptr_t)benchmmu_l0)
        : "memory");
    return 1;
}

#endif

/*
 * Memory-heavy benchmark with stage-1 translation on (default) or off ("mmu=off" in the
 * bootargs): sweeps a 4 MiB buffer with word loads and stores (1024 pages, so the software TLB
 * of the emulator's fast path misses at every page of each pass) and does a dependent
 * pointer-chase through it. With the MMU on, RAM is one 1 GB Normal write-back block and the
 * UART a 2 MB Device-nGnRE block, with 4 KB granule and 48-bit VAs. Prints a checksum.
 */
#include "rt.h"

#define WORDS   (4u << 20) / 8u
#define PASSES  12

static uint64_t buffer[WORDS] __attribute__((aligned(4096)));
static uint64_t l0[512] __attribute__((aligned(4096)));
static uint64_t l1[512] __attribute__((aligned(4096)));
static uint64_t l2_dev[512] __attribute__((aligned(4096)));

static void mmu_on(void)
{
    l0[0] = (uintptr_t)l1 | 3;
    l1[0] = (uintptr_t)l2_dev | 3;
    l1[1] = 0x40000000UL | 1 | 0 << 2 | 3UL << 8 | 1UL << 10;                        /* RAM: Normal WB */
    l2_dev[0x09000000UL >> 21] = 0x09000000UL | 1 | 1 << 2 | 2UL << 8 | 1UL << 10 | 3UL << 53; /* UART */
    unsigned long tcr = 16 | 1UL << 8 | 1UL << 10 | 3UL << 12 | 1UL << 23 | 2UL << 32;
    unsigned long sctlr;
    __asm__ volatile(
        "msr mair_el1, %[mair]\n\tmsr tcr_el1, %[tcr]\n\tmsr ttbr0_el1, %[t0]\n\t"
        "dsb sy\n\ttlbi vmalle1\n\tdsb sy\n\tisb\n\t"
        "mrs %[s], sctlr_el1\n\torr %[s], %[s], #0x1\n\torr %[s], %[s], #0x4\n\t"
        "orr %[s], %[s], #0x1000\n\tmsr sctlr_el1, %[s]\n\tisb"
        : [s] "=&r"(sctlr)
        : [mair] "r"(0x04ffUL), [tcr] "r"(tcr), [t0] "r"((uintptr_t)l0)
        : "memory");
}

static int mmu_off_requested(void)
{
    const char *args = fdt_bootargs();
    for (; args && *args; args++)
        if (strncmp(args, "mmu=off", 7) == 0)
            return 1;
    return 0;
}

int main(void)
{
    int on = !mmu_off_requested();
    if (on)
        mmu_on();

    for (unsigned i = 0; i < WORDS; i++)
        buffer[i] = (i * 2654435761u + 12345u) % WORDS;

    uint64_t sum = 0;
    for (unsigned p = 0; p < PASSES; p++) {
        for (unsigned i = 0; i < WORDS; i += 2) {
            uint64_t a = buffer[i], b = buffer[i + 1];
            sum += a ^ b;
            buffer[i] = b;
            buffer[i + 1] = a + p;
        }
        uint64_t j = p;
        for (unsigned k = 0; k < WORDS / 8; k++) {
            j = buffer[j % WORDS];
            sum += j;
        }
    }
    rt_printf("memwalk: MMU %s, checksum 0x%016lx\n", on ? "on" : "off", (unsigned long)sum);
    return 0;
}

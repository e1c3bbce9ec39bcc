/*
 * Memory-heavy benchmark with stage-1 translation on (default) or off ("mmu=off" in the
 * bootargs): sweeps a 4 MiB buffer with word loads and stores (1024 pages, so the software TLB
 * of the emulator's fast path misses at every page of each pass) and does a dependent
 * pointer-chase through it. Prints a checksum. (benchmmu.h: MMU and caches as every bench guest.)
 */
#include "rt.h"
#include "benchmmu.h"

#define WORDS   (4u << 20) / 8u
#define PASSES  12

static uint64_t buffer[WORDS] __attribute__((aligned(4096)));
int main(void)
{
    int on = benchmmu_setup();

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

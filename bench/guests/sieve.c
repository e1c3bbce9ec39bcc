/*
 * A memory sieve: the sieve of Eratosthenes over an 8 MiB byte buffer (the primes below 8 Mi),
 * with the MMU on (default) or off ("mmu=off" in the bootargs). Each round sweeps the whole
 * buffer three times (fills it with 64-bit stores, strikes out the multiples of every prime up to
 * its square root with byte stores at every stride, then counts and sums the primes with byte
 * loads): 2048 pages per sweep, so the emulator's software TLB refills at every page, and with
 * the cache model every line goes through L1D, L2 and memory. "rounds=N" in the bootargs repeats
 * it (default 1, about 119 million instructions; rounds=40 runs about 4.75 billion). Prints the
 * prime count, a checksum and the rounds. (benchmmu.h: MMU and caches as every bench guest.)
 */
#include "rt.h"
#include "benchmmu.h"

#define LIMIT (8u << 20)

static uint8_t composite[LIMIT] __attribute__((aligned(4096)));

/* The N of "rounds=N" in the bootargs, else 1. */
static unsigned rounds_requested(void)
{
    const char *args = fdt_bootargs();
    for (; args && *args; args++) {
        if (strncmp(args, "rounds=", 7) == 0) {
            unsigned n = 0;
            for (args += 7; *args >= '0' && *args <= '9'; args++)
                n = n * 10 + (unsigned)(*args - '0');
            return n ? n : 1;
        }
    }
    return 1;
}

int main(void)
{
    int on = benchmmu_setup();
    unsigned rounds = rounds_requested();

    uint64_t count = 0, sum = 0;
    for (unsigned r = 0; r < rounds; r++) {
        uint64_t *words = (uint64_t *)composite;
        for (unsigned i = 0; i < LIMIT / 8; i++)
            words[i] = 0;
        composite[0] = composite[1] = 1;
        for (unsigned p = 2; p * p < LIMIT; p++) {
            if (composite[p])
                continue;
            for (unsigned m = p * p; m < LIMIT; m += p)
                composite[m] = 1;
        }
        count = 0;
        for (unsigned i = 0; i < LIMIT; i++) {
            if (!composite[i]) {
                count++;
                sum += i ^ r;
            }
        }
    }
    rt_printf("sieve: MMU %s, %lu primes below %u, checksum 0x%016lx, %u rounds\n",
              on ? "on" : "off", (unsigned long)count, LIMIT, (unsigned long)sum, rounds);
    return 0;
}

/*
 * crc on every CPU: CPU 0 starts the others with PSCI CPU_ON (MPIDR 1, 2, ... until
 * INVALID_PARAMETERS: as many CPUs as the machine has, 8 at most), and each CPU runs crc's work
 * (table-driven CRC-32 over its own pseudo-random 64 KiB buffer, PASSES passes) with a seed of
 * its own; CPU 0 waits for them in WFE and prints every CPU's CRC in CPU order, so the output
 * depends only on the CPU count. The work is the same on every CPU and shares nothing but the
 * CRC table (read by all: a line shared by every L1D), so the aggregate MIPS of a 4-CPU run
 * measures the cost of running several CPUs, not of contention.
 * The start code is the smp sample's (samples/smp/smpstart.S, the ELF entry): every CPU's MMU
 * and caches on, RAM Normal write-back inner shareable, as benchmmu.h sets them for one CPU.
 */
#include "rt.h"

#define SIZE (64 * 1024)
#define PASSES 240
#define MAX_CPUS 8

extern char smp_secondary[];

static uint8_t buffers[MAX_CPUS][SIZE];
static uint32_t table[256];
static volatile uint32_t results[MAX_CPUS];
static volatile unsigned finished[MAX_CPUS];

static uint32_t work(unsigned cpu)
{
    uint8_t *buffer = buffers[cpu];
    uint32_t x = 12345 + cpu;
    for (int i = 0; i < SIZE; i++) {
        x = x * 1103515245u + 12345u;
        buffer[i] = (uint8_t)(x >> 16);
    }
    uint32_t crc = 0;
    for (int pass = 0; pass < PASSES; pass++) {
        uint32_t c = ~crc;
        for (int i = 0; i < SIZE; i++)
            c = table[(c ^ buffer[i]) & 0xFF] ^ (c >> 8);
        crc = ~c;
    }
    return crc;
}

static void publish(unsigned cpu, uint32_t crc)
{
    results[cpu] = crc;
    __asm__ volatile("dmb ish" : : : "memory");
    finished[cpu] = 1;
    __asm__ volatile("dsb ish\n\tsev" : : : "memory");
}

void secondary_main(unsigned long context)
{
    unsigned cpu = (unsigned)(context & 0xff);
    publish(cpu, work(cpu));
}

int main(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    __asm__ volatile("dmb ish" : : : "memory");
    unsigned cpus = 1;
    while (cpus < MAX_CPUS && psci_cpu_on(cpus, (unsigned long)smp_secondary, cpus) == 0)
        cpus++;
    publish(0, work(0));
    for (unsigned i = 1; i < cpus; i++)
        while (!finished[i])
            __asm__ volatile("wfe" : : : "memory");
    __asm__ volatile("dmb ish" : : : "memory");
    rt_printf("smpcrc: %u cpus\n", cpus);
    for (unsigned i = 0; i < cpus; i++)
        rt_printf("cpu %u: crc %x\n", i, results[i]);
    return 0;
}

/*
 * Stage-2 demo: what a guest does without knowing a hypervisor is there.
 * Runs with its MMU off (data accesses are Device-nGnRnE, aligned, straight
 * to memory), so every first touch of a page is a stage-2 fault the
 * hypervisor resolves by mapping it:
 *  - writes and reads back a word in four 2 MB blocks of RAM ("ram ok");
 *  - writes a pattern into four pages of VRAM (a dirty-logged memory slot:
 *    the first write to each page after every log collection is a stage-2
 *    permission fault), waits two display refreshes (the VMM collects and
 *    write-protects the pages again), writes again and reads everything back
 *    ("vram ok": the guest never notices the faults);
 *  - reads the PL031's data register, an MMIO access the hypervisor emulates
 *    ("rtc <seconds>").
 * On QEMU (no VRAM at 0x10000000) run it with bootarg novram=1.
 */
#include "rt.h"

#define VRAM_BASE   0x10000000UL
#define RTC_DR      0x09010000UL
#define PAGE        4096UL

static inline void write32(unsigned long a, uint32_t v)
{
    __asm__ volatile("str %w0, [%1]" : : "r"(v), "r"(a) : "memory");
}

static inline uint32_t read32(unsigned long a)
{
    uint32_t v;
    __asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(a) : "memory");
    return v;
}

static inline uint64_t counter(void)
{
    uint64_t v;
    __asm__ volatile("isb; mrs %0, cntpct_el0" : "=r"(v));
    return v;
}

static inline uint64_t frequency(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
    return v;
}

static int check_ram(void)
{
    int bad = 0;
    for (unsigned long i = 0; i < 4; i++) {
        unsigned long a = 0x40400000UL + i * 0x200000UL + 0x100UL;
        write32(a, 0xa5a50000u + (uint32_t)i);
    }
    for (unsigned long i = 0; i < 4; i++) {
        unsigned long a = 0x40400000UL + i * 0x200000UL + 0x100UL;
        if (read32(a) != 0xa5a50000u + (uint32_t)i)
            bad++;
    }
    return bad;
}

static void write_vram(uint32_t salt)
{
    for (unsigned long p = 0; p < 4; p++)
        for (unsigned long w = 0; w < PAGE; w += 256)
            write32(VRAM_BASE + p * PAGE + w, salt ^ (uint32_t)(p * PAGE + w));
}

static int check_vram(uint32_t salt)
{
    int bad = 0;
    for (unsigned long p = 0; p < 4; p++)
        for (unsigned long w = 0; w < PAGE; w += 256)
            if (read32(VRAM_BASE + p * PAGE + w) != (salt ^ (uint32_t)(p * PAGE + w)))
                bad++;
    return bad;
}

int main(void)
{
    rt_printf("ram %s\n", check_ram() == 0 ? "ok" : "BAD");
    const char *novram = bootarg_value("novram");
    if (!novram || strcmp(novram, "1") != 0) {
        write_vram(0x11111111u);
        /* Two refreshes of a 60 Hz display: the VMM collects the dirty log in between. */
        uint64_t until = counter() + frequency() / 30 + 1;
        while (counter() < until)
            ;
        write_vram(0x22222222u);
        rt_printf("vram %s\n", check_vram(0x22222222u) == 0 ? "ok" : "BAD");
    }
    rt_printf("rtc %u\n", read32(RTC_DR));
    return 0;
}

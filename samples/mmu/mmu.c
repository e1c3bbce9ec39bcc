/*
 * Stage-1 MMU demo. Builds its own translation tables for the granule and VA
 * size given in the bootargs ("granule=4k|16k|64k va=39|48"; default 4k, 48),
 * in both halves (TTBR0 and TTBR1); maps RAM Normal write-back, the PL011
 * UART Device-nGnRE and a "framebuffer" Normal Non-cacheable; turns the MMU
 * on; reads back each mapping with AT S1E1R/W and PAR_EL1; and takes a
 * translation fault and a permission fault through its own handler.
 * Everything printed is the same on the emulator and on QEMU's virt /
 * cortex-a57 (no ID register is printed; QEMU's cortex-a57 has no 16 KB
 * granule, so 16k runs compare with QEMU's "max" CPU).
 */
#include "rt.h"

#define DESC_VALID    (1UL << 0)
#define DESC_TABLE    (1UL << 1)          /* table (L0-L2) or page (L3) */
#define ATTR(i)       ((unsigned long)(i) << 2)
#define AP_RO         (2UL << 6)          /* AP[2:1] = 10: EL1 read-only */
#define SH_OUTER      (2UL << 8)
#define SH_INNER      (3UL << 8)
#define AF            (1UL << 10)
#define PXN           (1UL << 53)
#define UXN           (1UL << 54)

/* MAIR_EL1: Attr0 Normal WB RW-allocate, Attr1 Device-nGnRE, Attr2 Normal NC. */
#define MAIR_VALUE    0x004404ffUL
#define IDX_NORMAL    0
#define IDX_DEVICE    1
#define IDX_NC        2

/* Virtual addresses of the mappings (PA in the comments). */
#define VA_UART       0x09000000UL             /* -> 0x09000000, Device-nGnRE */
#define VA_FB         0x100000000UL            /* -> FB_PA, Normal NC, 64 KB */
#define VA_RO         0x100200000UL            /* -> RO_PA, Normal WB read-only */
#define VA_UNMAPPED   0x200000000UL            /* nothing: translation fault */
#define FB_PA         0x44000000UL
#define FB_SIZE       0x10000UL
#define RO_PA         0x44100000UL
#define HIGH_PA       0x44200000UL
#define RAM_BASE      0x40000000UL
#define RAM_SIZE      0x08000000UL             /* the 128 MB both machines give the guest */

static unsigned gbits = 12, vabits = 48, stride, start_level;
static unsigned long va_high;                  /* bottom of the TTBR1 range */

/* Translation tables: one granule each, allocated in order. */
static uint8_t pool[16 * 0x10000] __attribute__((aligned(0x10000)));
static unsigned pool_used;
static uint64_t *root_lo, *root_hi;

static uint64_t *alloc_table(void)
{
    return (uint64_t *)(pool + (unsigned long)pool_used++ * (1UL << gbits));
}

static uint64_t *descriptor(unsigned long va, unsigned level)
{
    uint64_t *table = (va >> 55) & 1 ? root_hi : root_lo;
    for (unsigned l = start_level;; l++) {
        unsigned shift = gbits + (3 - l) * stride;
        unsigned bits = vabits - shift < stride ? vabits - shift : stride;
        uint64_t *d = &table[(va >> shift) & ((1UL << bits) - 1)];
        if (l == level)
            return d;
        if ((*d & 3) != 3)
            *d = (uintptr_t)alloc_table() | DESC_VALID | DESC_TABLE;
        table = (uint64_t *)(uintptr_t)(*d & 0xfffffffff000UL & ~((1UL << gbits) - 1));
    }
}

static void map_page(unsigned long va, unsigned long pa, unsigned long attrs)
{
    *descriptor(va, 3) = pa | DESC_VALID | DESC_TABLE | attrs;
}

static void parse_bootargs(void)
{
    const char *g = bootarg_value("granule");
    if (g && strcmp(g, "16k") == 0)
        gbits = 14;
    else if (g && strcmp(g, "64k") == 0)
        gbits = 16;
    const char *v = bootarg_value("va");
    if (v && strcmp(v, "39") == 0)
        vabits = 39;
    stride = gbits - 3;
    start_level = 4 - (vabits - gbits + stride - 1) / stride;
    va_high = ~0UL << vabits;
}

static void build_tables(void)
{
    root_lo = alloc_table();
    root_hi = alloc_table();

    /* RAM: identity, level-2 blocks (2 MB, 32 MB or 512 MB), Normal WB Inner Shareable. */
    unsigned long block = 1UL << (gbits + stride);
    for (unsigned long pa = RAM_BASE; pa < RAM_BASE + RAM_SIZE; pa += block)
        *descriptor(pa, 2) = pa | DESC_VALID | ATTR(IDX_NORMAL) | SH_INNER | AF;

    /* UART: one page, Device-nGnRE, never executable. */
    map_page(VA_UART, VA_UART, ATTR(IDX_DEVICE) | SH_OUTER | AF | PXN | UXN);

    /* Framebuffer: 64 KB of Normal Non-cacheable pages; a read-only page elsewhere. */
    for (unsigned long off = 0; off < FB_SIZE; off += 1UL << gbits)
        map_page(VA_FB + off, FB_PA + off, ATTR(IDX_NC) | SH_OUTER | AF | PXN | UXN);
    map_page(VA_RO, RO_PA, ATTR(IDX_NORMAL) | SH_INNER | AF | AP_RO | PXN | UXN);

    /* Upper half (TTBR1): one page at the bottom of the range. */
    map_page(va_high, HIGH_PA, ATTR(IDX_NORMAL) | SH_INNER | AF | PXN | UXN);
}

static void mmu_on(void)
{
    unsigned long tg0 = gbits == 12 ? 0 : gbits == 16 ? 1 : 2;
    unsigned long tg1 = gbits == 12 ? 2 : gbits == 14 ? 1 : 3;
    unsigned long tsz = 64 - vabits;
    unsigned long tcr =
        tsz                     /* T0SZ */
        | 0x1UL << 8            /* IRGN0 WB */
        | 0x1UL << 10           /* ORGN0 WB */
        | 0x3UL << 12           /* SH0 Inner Shareable */
        | tg0 << 14
        | tsz << 16             /* T1SZ */
        | 0x1UL << 24 | 0x1UL << 26 | 0x3UL << 28
        | tg1 << 30
        | 0x2UL << 32           /* IPS 40 bits */
        | 1UL << 36;            /* AS: 16-bit ASIDs */
    unsigned long sctlr;
    __asm__ volatile(
        "msr mair_el1, %[mair]\n\t"
        "msr tcr_el1, %[tcr]\n\t"
        "msr ttbr0_el1, %[t0]\n\t"
        "msr ttbr1_el1, %[t1]\n\t"
        "dsb sy\n\t"
        "isb\n\t"
        "tlbi vmalle1\n\t"
        "dsb sy\n\t"
        "isb\n\t"
        "mrs %[s], sctlr_el1\n\t"
        "orr %[s], %[s], #0x1\n\t"        /* M */
        "orr %[s], %[s], #0x4\n\t"        /* C */
        "orr %[s], %[s], #0x1000\n\t"     /* I */
        "msr sctlr_el1, %[s]\n\t"
        "isb"
        : [s] "=&r"(sctlr)
        : [mair] "r"(MAIR_VALUE), [tcr] "r"(tcr),
          [t0] "r"((uintptr_t)root_lo), [t1] "r"((uintptr_t)root_hi)
        : "memory");
}

static unsigned long at_s1e1r(unsigned long va)
{
    unsigned long par;
    __asm__ volatile("at s1e1r, %1\n\tisb\n\tmrs %0, par_el1" : "=r"(par) : "r"(va) : "memory");
    return par;
}

static unsigned long at_s1e1w(unsigned long va)
{
    unsigned long par;
    __asm__ volatile("at s1e1w, %1\n\tisb\n\tmrs %0, par_el1" : "=r"(par) : "r"(va) : "memory");
    return par;
}

static void show_par(const char *what, unsigned long va, unsigned long par)
{
    if (par & 1)
        rt_printf("%s VA 0x%016lx: fault FST=0x%02lx PTW=%lu (PAR 0x%016lx)\n",
                  what, va, (par >> 1) & 0x3f, (par >> 8) & 1, par);
    else
        rt_printf("%s VA 0x%016lx: PA 0x%010lx ATTR 0x%02lx SH %lu%lu NS %lu (PAR 0x%016lx)\n",
                  what, va, par & 0xfffffffff000UL, par >> 56, (par >> 8) & 1, (par >> 7) & 1,
                  (par >> 9) & 1, par);
}

static volatile int faults;

void rt_exception(unsigned long kind, unsigned long esr,
                  unsigned long elr, unsigned long far)
{
    unsigned long ec = esr >> 26;
    if (kind != 4 || ec != 0x25 || faults >= 2) {
        rt_printf("unexpected exception kind=%lu ESR=0x%lx FAR=0x%lx\n", kind, esr, far);
        rt_exit(1);
    }
    unsigned long dfsc = esr & 0x3f;
    const char *type = (dfsc & 0x3c) == 0x04 ? "translation" : (dfsc & 0x3c) == 0x0c ? "permission" : "other";
    rt_printf("data abort: %s fault level %lu, WnR %lu, ESR 0x%08lx, FAR 0x%016lx\n",
              type, dfsc & 3, (esr >> 6) & 1, esr, far);
    faults++;
    write_elr_el1(elr + 4);               /* skip the faulting load/store */
}

int main(void)
{
    parse_bootargs();
    build_tables();
    mmu_on();
    rt_printf("MMU on: %uK granule, %u-bit VA, start level %u, TTBR0 + TTBR1\n",
              (1u << gbits) >> 10, vabits, start_level);

    static uint64_t ram_word = 0x1122334455667788UL;
    show_par("RAM     ", (uintptr_t)&ram_word, at_s1e1r((uintptr_t)&ram_word));
    show_par("UART    ", VA_UART, at_s1e1r(VA_UART));
    show_par("FB      ", VA_FB + 0x2345, at_s1e1r(VA_FB + 0x2345));
    show_par("RO      ", VA_RO, at_s1e1r(VA_RO));
    show_par("RO write", VA_RO, at_s1e1w(VA_RO));
    show_par("high    ", va_high + 0x10, at_s1e1r(va_high + 0x10));
    show_par("unmapped", VA_UNMAPPED, at_s1e1r(VA_UNMAPPED));

    /* The framebuffer through its Non-cacheable mapping, read back through the RAM alias. */
    volatile uint32_t *fb = (volatile uint32_t *)VA_FB;
    for (unsigned i = 0; i < FB_SIZE / 4; i++)
        fb[i] = i * 0x01010101u;
    volatile uint32_t *alias = (volatile uint32_t *)FB_PA;
    uint32_t sum = 0;
    for (unsigned i = 0; i < FB_SIZE / 4; i++)
        sum = sum * 31 + alias[i];
    rt_printf("framebuffer written through VA 0x%lx, checksum via PA alias 0x%08x\n", VA_FB, sum);

    /* High-half page: write through TTBR1, read through the identity map. */
    *(volatile uint64_t *)(va_high + 0x10) = 0xfeedfacecafebeefUL;
    rt_printf("high-half write seen at PA: 0x%lx\n", *(volatile uint64_t *)(HIGH_PA + 0x10));

    /* Faults, caught by rt_exception above. */
    unsigned long value = *(volatile unsigned long *)VA_UNMAPPED;
    *(volatile unsigned long *)VA_RO = value;
    rt_printf("faults taken: %d\n", faults);
    return faults == 2 ? 0 : 1;
}

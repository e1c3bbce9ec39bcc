#include "paging.h"

#define BLOCK_SIZE    0x200000UL          /* level-2 block, 4 KiB granule */
#define DESC_VALID    (1UL << 0)
#define DESC_TABLE    (1UL << 1)          /* table at level 1; clear = block at level 2 */
#define ATTR(i)       ((unsigned long)(i) << 2)
#define SH_INNER      (3UL << 8)
#define AF            (1UL << 10)
#define PXN           (1UL << 53)
#define UXN           (1UL << 54)

/* MAIR_EL1 indices: Attr0 Normal WB, Attr1 Device-nGnRE, Attr2 the framebuffer's. */
#define IDX_NORMAL    0
#define IDX_DEVICE    1
#define IDX_FB        2

#define UART_BLOCK    0x09000000UL        /* PL011 (and the rest of virt's 0x09xxxxxx) */
#define GIC_BLOCK     0x08000000UL        /* GICD, GICC (v2) and GICR (v3) */
#define MAX_DEVICES   4

/* Level 1: 512 x 1 GiB; one level-2 table for each of the first two GiB. */
static uint64_t level1[512] __attribute__((aligned(4096)));
static uint64_t level2[2][512] __attribute__((aligned(4096)));

static uintptr_t devices[MAX_DEVICES];
static unsigned device_count;

int paging_add_device(uintptr_t pa)
{
    if (device_count == MAX_DEVICES || pa >= 0x80000000UL)
        return 0;
    devices[device_count++] = pa;
    return 1;
}

static void map_block(uintptr_t pa, unsigned long attrs)
{
    level2[pa >> 30][(pa >> 21) & 511] = pa | DESC_VALID | AF | attrs;
}

void paging_enable(uintptr_t fb_base, unsigned long fb_size, unsigned fb_attr)
{
    level1[0] = (uintptr_t)level2[0] | DESC_VALID | DESC_TABLE;
    level1[1] = (uintptr_t)level2[1] | DESC_VALID | DESC_TABLE;

    for (uintptr_t pa = RAM_BASE; pa < RAM_BASE + RAM_SIZE; pa += BLOCK_SIZE)
        map_block(pa, ATTR(IDX_NORMAL) | SH_INNER);

    const unsigned long device = ATTR(IDX_DEVICE) | PXN | UXN;
    map_block(GIC_BLOCK, device);
    map_block(UART_BLOCK, device);
    for (unsigned i = 0; i < device_count; i++)
        map_block(devices[i] & ~(BLOCK_SIZE - 1), device);

    uintptr_t end = (fb_base + fb_size + BLOCK_SIZE - 1) & ~(BLOCK_SIZE - 1);
    for (uintptr_t pa = fb_base & ~(BLOCK_SIZE - 1); pa < end; pa += BLOCK_SIZE)
        map_block(pa, ATTR(IDX_FB) | SH_INNER | PXN | UXN);

    unsigned long mair = MAIR_NORMAL_WB << (8 * IDX_NORMAL)
                       | MAIR_DEVICE_nGnRE << (8 * IDX_DEVICE)
                       | (unsigned long)fb_attr << (8 * IDX_FB);
    unsigned long tcr =
        25UL                    /* T0SZ: 39-bit VA, walk starts at level 1 */
        | 0x1UL << 8            /* IRGN0 WB RW-allocate */
        | 0x1UL << 10           /* ORGN0 WB RW-allocate */
        | 0x3UL << 12           /* SH0 Inner Shareable */
        | 0x0UL << 14           /* TG0 4 KiB */
        | 0x1UL << 23           /* EPD1: no TTBR1 walks */
        | 0x2UL << 32;          /* IPS 40 bits */
    unsigned long sctlr;
    __asm__ volatile(
        "msr mair_el1, %[mair]\n\t"
        "msr tcr_el1, %[tcr]\n\t"
        "msr ttbr0_el1, %[t0]\n\t"
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
        : [mair] "r"(mair), [tcr] "r"(tcr), [t0] "r"((uintptr_t)level1)
        : "memory");
}

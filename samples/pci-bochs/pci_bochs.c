/*
 * pci-bochs: finds QEMU's bochs-display (1234:1111) by enumerating PCI bus 0
 * through the ECAM of QEMU virt (highmem: 0x40_1000_0000), sizes and assigns
 * its BARs in the 32-bit MMIO window, turns memory decode on, sets 640x480x32
 * through BAR2's DISPI registers and draws two pictures, waiting a few display
 * refreshes after each. The same image runs on
 *   qemu-system-aarch64 -M virt -cpu cortex-a57 -nic none -device bochs-display,romfile=
 * and on the emulator with --device bochs-display.
 *
 * Bootargs: fb=nc (default: the framebuffer mapped Normal Non-cacheable, as
 * bochs-drm maps it) or fb=wb (write-back); hold=1 waits forever after
 * printing "pci-bochs: done" (so that a QEMU monitor can take a screendump)
 * instead of powering off.
 */
#include "rt.h"
#include "pci.h"

#define DISPI           0x500           /* in BAR2: 16-bit register i at 0x500 + 2i */
#define DISPI_ID        0
#define DISPI_XRES      1
#define DISPI_YRES      2
#define DISPI_BPP       3
#define DISPI_ENABLE    4
#define DISPI_VIRT_W    6
#define DISPI_X_OFF     8
#define DISPI_Y_OFF     9
#define DISPI_VRAM_64K  10

#define WIDTH           640
#define HEIGHT          480

static uintptr_t mmio;                  /* BAR2 */

static void dispi_write(unsigned index, uint16_t v)
{
    __asm__ volatile("strh %w0, [%1]" : : "r"(v), "r"(mmio + DISPI + 2 * index) : "memory");
}

static uint16_t dispi_read(unsigned index)
{
    uint16_t v;
    __asm__ volatile("ldrh %w0, [%1]" : "=r"(v) : "r"(mmio + DISPI + 2 * index) : "memory");
    return v;
}

/* ---- stage 1: identity map, 4 KiB granule, 39-bit VA ---- */
#define DESC_BLOCK      0x1UL
#define DESC_TABLE      0x3UL
#define AF              (1UL << 10)
#define SH_INNER        (3UL << 8)
#define XN              (3UL << 53)
#define ATTR(i)         ((unsigned long)(i) << 2)
#define IDX_WB          0
#define IDX_DEVICE      1
#define IDX_FB          2

static uint64_t level1[512] __attribute__((aligned(4096)));
static uint64_t level2[512] __attribute__((aligned(4096)));

static void map2m(uintptr_t pa, unsigned long attrs)
{
    level2[(pa >> 21) & 511] = (pa & ~0x1fffffUL) | DESC_BLOCK | AF | attrs;
}

static void mmu_on(uintptr_t vram, unsigned long vram_size, unsigned fb_mair)
{
    level1[0] = (uintptr_t)level2 | DESC_TABLE;
    level1[1] = 0x40000000UL | DESC_BLOCK | AF | SH_INNER | ATTR(IDX_WB);  /* RAM */
    map2m(0x08000000UL, ATTR(IDX_DEVICE) | XN);                           /* GIC */
    map2m(0x09000000UL, ATTR(IDX_DEVICE) | XN);                           /* UART */
    map2m(mmio, ATTR(IDX_DEVICE) | XN);
    for (uintptr_t pa = vram; pa < vram + vram_size; pa += 0x200000UL)
        map2m(pa, ATTR(IDX_FB) | SH_INNER | XN);
    unsigned long mair = 0xffUL << (8 * IDX_WB) | 0x04UL << (8 * IDX_DEVICE)
                       | (unsigned long)fb_mair << (8 * IDX_FB);
    unsigned long tcr = 25UL | 1UL << 8 | 1UL << 10 | 3UL << 12 | 1UL << 23 | 2UL << 32;
    unsigned long sctlr;
    __asm__ volatile(
        "msr mair_el1, %[mair]\n\t"
        "msr tcr_el1, %[tcr]\n\t"
        "msr ttbr0_el1, %[t0]\n\t"
        "dsb sy\n\tisb\n\t"
        "tlbi vmalle1\n\tdsb sy\n\tisb\n\t"
        "mrs %[s], sctlr_el1\n\t"
        "orr %[s], %[s], #0x1\n\t"      /* M */
        "orr %[s], %[s], #0x4\n\t"      /* C */
        "orr %[s], %[s], #0x1000\n\t"   /* I */
        "msr sctlr_el1, %[s]\n\tisb"
        : [s] "=&r"(sctlr)
        : [mair] "r"(mair), [tcr] "r"(tcr), [t0] "r"((uintptr_t)level1)
        : "memory");
}

/* Busy-waits ms milliseconds of the generic timer (display refreshes happen meanwhile). */
static void wait_ms(unsigned ms)
{
    uint64_t freq, start, now;
    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(freq));
    __asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(start) : : "memory");
    do {
        __asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(now) : : "memory");
    } while (now - start < freq / 1000 * ms);
}

static void draw(volatile uint32_t *fb, unsigned picture)
{
    for (unsigned y = 0; y < HEIGHT; y++) {
        for (unsigned x = 0; x < WIDTH; x++) {
            uint32_t r = x * 255 / (WIDTH - 1), g = y * 255 / (HEIGHT - 1), b = (x ^ y) & 0xff;
            uint32_t p = picture == 0 ? (r << 16 | g << 8 | b) : (b << 16 | r << 8 | g);
            if (picture == 1 && x >= 160 && x < 480 && y >= 120 && y < 360)
                p = ((x / 16 + y / 16) & 1) ? 0x00ffffffu : 0x00202020u;
            fb[y * WIDTH + x] = p;
        }
    }
}

int main(void)
{
    const char *fbarg = bootarg_value("fb");
    int wb = fbarg && strcmp(fbarg, "wb") == 0;
    const char *hold = bootarg_value("hold");

    struct pci_function display;
    if (!pci_find(0x1234, 0x1111, 1, &display)) {
        uart_puts("pci-bochs: no 1234:1111 display on bus 0\n");
        return 1;
    }

    /* Largest BAR first, each aligned to its size, from the start of the window. */
    uintptr_t next = PCI_MMIO32_BASE;
    if (pci_assign_bars(&display, &next) != 0) {
        uart_puts("pci-bochs: BARs do not fit the window\n");
        return 1;
    }
    uintptr_t vram = display.bar[0];
    uint32_t vram_size = (uint32_t)display.bar_size[0];
    mmio = display.bar[2];
    uint32_t mmio_size = (uint32_t)display.bar_size[2];
    if (vram_size == 0 || mmio_size == 0) {
        uart_puts("pci-bochs: BAR0 or BAR2 missing\n");
        return 1;
    }
    rt_printf("BAR0 %u KiB at 0x%lx, BAR2 %u bytes at 0x%lx\n", vram_size >> 10, (unsigned long)vram,
              mmio_size, (unsigned long)mmio);

    mmu_on(vram, vram_size, wb ? 0xff : 0x44);
    rt_printf("DISPI id 0x%x, %u KiB of VRAM\n", dispi_read(DISPI_ID), dispi_read(DISPI_VRAM_64K) * 64);
    dispi_write(DISPI_ENABLE, 0);
    dispi_write(DISPI_BPP, 32);
    dispi_write(DISPI_XRES, WIDTH);
    dispi_write(DISPI_YRES, HEIGHT);
    dispi_write(DISPI_VIRT_W, WIDTH);
    dispi_write(DISPI_X_OFF, 0);
    dispi_write(DISPI_Y_OFF, 0);
    dispi_write(DISPI_ENABLE, 0x41);    /* enabled, linear framebuffer */
    rt_printf("mode %ux%ux%u fb=%s\n", dispi_read(DISPI_XRES), dispi_read(DISPI_YRES), dispi_read(DISPI_BPP), wb ? "wb" : "nc");

    volatile uint32_t *fb = (volatile uint32_t *)vram;
    draw(fb, 0);
    wait_ms(60);
    draw(fb, 1);
    __asm__ volatile("dsb sy" : : : "memory");
    wait_ms(60);
    uart_puts("pci-bochs: done\n");
    if (hold && strcmp(hold, "1") == 0)
        for (;;)
            __asm__ volatile("wfi");
    return 0;
}

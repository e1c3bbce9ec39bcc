/*
 * Coherency demo for the board's display (QEMU's VGA or bochs-display, a PCI
 * function): finds it on PCI bus 0 and assigns its BARs as pci-host-generic
 * would, sets a DISPI mode the way bochs-drm does, maps VRAM with the memory
 * type chosen by fb= (Normal NC
 * like ioremap_wc, Normal WB, Device-nGnRE, or no MMU at all), and draws a
 * moving scene at 60 frames per simulated second, paced by the virtual
 * timer. Stale 64-byte lines in what the host displays show up as stripes.
 *
 * Bootargs: fb=nc|wb|device|mmu-off  mode=WxHxB (B = 8, 16, 32)  frames=N
 * remode=N  novga=1 (draw into RAM at 0x44000000, touch no VGA register)
 * pace=wfi|poll|none  stats=1 (print each frame's drawing time in ticks)
 * hold=1 (after the last of frames=N, go on pacing for ever without drawing
 * instead of powering off: the picture stays, e.g. for QEMU's screendump).
 */
#include "rt.h"
#include "../irq/gic.h"
#include "draw.h"
#include "paging.h"
#include "scene.h"
#include "vga.h"

#define NOVGA_FB_BASE   0x44000000UL     /* RAM stand-in for VRAM (novga=1) */
#define NOVGA_FB_SIZE   0x01000000UL
#define BLOCK_2M        0x200000UL       /* paging.c maps 2 MiB blocks */
#define FPS             60

enum pace { PACE_WFI, PACE_POLL, PACE_NONE };

static struct {
    const char *fb_name;
    int mmu;                  /* 0 for fb=mmu-off */
    unsigned fb_attr;         /* MAIR byte for VRAM */
    unsigned width, height, bpp;
    unsigned long frames, remode;
    int novga, stats, hold;
    enum pace pace;
} cfg = { "nc", 1, MAIR_NORMAL_NC, 640, 480, 32, 0, 0, 0, 0, 0, PACE_WFI };

static volatile int ticked;
static unsigned long t0, freq;

void rt_exception(unsigned long kind, unsigned long esr,
                  unsigned long elr, unsigned long far)
{
    if (kind != 5) {            /* 5: IRQ, current EL with SP_ELx */
        rt_printf("demo: EXCEPTION kind=%lu ESR=0x%lx ELR=0x%lx FAR=0x%lx\n",
                  kind, esr, elr, far);
        rt_exit(1);
    }
    unsigned intid = gic_ack();
    if (intid == INTID_SPURIOUS)
        return;
    if (intid == INTID_VIRTUAL_TIMER) {
        SYSREG_WRITE(cntv_ctl_el0, 0);      /* lower the level-sensitive line */
        ticked = 1;
    }
    gic_eoi(intid);
}

static int parse_uint(const char **s, unsigned long *out)
{
    unsigned long v = 0;
    const char *p = *s;
    if (*p < '0' || *p > '9')
        return 0;
    while (*p >= '0' && *p <= '9')
        v = v * 10 + (unsigned long)(*p++ - '0');
    *s = p;
    *out = v;
    return 1;
}

static int parse_number_arg(const char *key, unsigned long *out)
{
    const char *v = bootarg_value(key);
    if (v == NULL)
        return 1;
    return parse_uint(&v, out) && *v == 0;
}

static int parse_mode(const char *s)
{
    unsigned long w, h, b;
    if (!parse_uint(&s, &w) || *s++ != 'x' || !parse_uint(&s, &h) || *s++ != 'x' ||
        !parse_uint(&s, &b) || *s != 0)
        return 0;
    if ((b != 8 && b != 16 && b != 32) || w < 64 || w > FB_MAX_WIDTH || w % 8 != 0 ||
        h < 64 || h > FB_MAX_HEIGHT)
        return 0;
    cfg.width = (unsigned)w;
    cfg.height = (unsigned)h;
    cfg.bpp = (unsigned)b;
    return 1;
}

static int parse_bootargs(void)
{
    const char *v = bootarg_value("fb");
    if (v != NULL) {
        if (strcmp(v, "nc") == 0) {
            cfg.fb_name = "nc";
            cfg.fb_attr = MAIR_NORMAL_NC;
        } else if (strcmp(v, "wb") == 0) {
            cfg.fb_name = "wb";
            cfg.fb_attr = MAIR_NORMAL_WB;
        } else if (strcmp(v, "device") == 0) {
            cfg.fb_name = "device";
            cfg.fb_attr = MAIR_DEVICE_nGnRE;
        } else if (strcmp(v, "mmu-off") == 0) {
            cfg.fb_name = "mmu-off";
            cfg.mmu = 0;
        } else {
            rt_printf("demo: bad fb=%s (nc, wb, device or mmu-off)\n", v);
            return 0;
        }
    }
    v = bootarg_value("mode");
    if (v != NULL && !parse_mode(v)) {
        rt_printf("demo: bad mode=%s (WxHxB, B = 8, 16 or 32, W a multiple of 8)\n", v);
        return 0;
    }
    unsigned long novga = 0, stats = 0, hold = 0;
    if (!parse_number_arg("frames", &cfg.frames) || !parse_number_arg("remode", &cfg.remode) ||
        !parse_number_arg("novga", &novga) || !parse_number_arg("stats", &stats) ||
        !parse_number_arg("hold", &hold)) {
        rt_printf("demo: frames=, remode=, novga=, stats= and hold= take a decimal number\n");
        return 0;
    }
    cfg.novga = novga != 0;
    cfg.stats = stats != 0;
    cfg.hold = hold != 0;
    v = bootarg_value("pace");
    if (v != NULL) {
        if (strcmp(v, "wfi") == 0) {
            cfg.pace = PACE_WFI;
        } else if (strcmp(v, "poll") == 0) {
            cfg.pace = PACE_POLL;
        } else if (strcmp(v, "none") == 0) {
            cfg.pace = PACE_NONE;
        } else {
            rt_printf("demo: bad pace=%s (wfi, poll or none)\n", v);
            return 0;
        }
    }
    return 1;
}

static unsigned long counter(void)
{
    __asm__ volatile("isb" ::: "memory");
    return SYSREG_READ(cntvct_el0);
}

static void pace_init(void)
{
    freq = SYSREG_READ(cntfrq_el0);
    if (cfg.pace == PACE_WFI) {
        gic_init();
        gic_enable_ppi(INTID_VIRTUAL_TIMER, 0xA0);
    }
    t0 = counter();
}

/* Waits for the start of frame n: t0 + n / 60 s. IRQs stay masked except
 * for the instant after each WFI, so a tick cannot slip in between the check
 * and the WFI (WFI wakes on a pending interrupt even while it is masked). */
static void wait_frame(unsigned long n)
{
    unsigned long deadline = t0 + n * freq / FPS;
    if (cfg.pace == PACE_NONE)
        return;
    if (cfg.pace == PACE_POLL) {
        while (counter() < deadline)
            ;
        return;
    }
    ticked = 0;
    SYSREG_WRITE(cntv_cval_el0, deadline);
    SYSREG_WRITE(cntv_ctl_el0, 1);
    __asm__ volatile("isb" ::: "memory");
    while (!ticked)
        __asm__ volatile("wfi\n\tmsr daifclr, #2\n\tisb\n\tmsr daifset, #2" ::: "memory");
}

static void set_mode(unsigned long vram_size)
{
    if (cfg.novga)
        return;
    vga_set_mode(cfg.width, cfg.height, cfg.bpp, vram_size);
    if (cfg.bpp == 8)
        vga_load_palette_332();
}

/* Appends s to *p. */
static void append(char **p, const char *s)
{
    while (*s)
        *(*p)++ = *s++;
}

static void append_uint(char **p, unsigned v)
{
    char digits[12];
    int k = 0;
    do {
        digits[k++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (k)
        *(*p)++ = digits[--k];
}

/* The info line under the title, e.g. "640X480X32 FB=NC" (the font has
 * upper case only). */
static void format_info(char *out)
{
    char *p = out;
    append_uint(&p, cfg.width);
    append(&p, "X");
    append_uint(&p, cfg.height);
    append(&p, "X");
    append_uint(&p, cfg.bpp);
    append(&p, " FB=");
    for (const char *s = cfg.fb_name; *s; s++)
        *p++ = *s >= 'a' && *s <= 'z' ? (char)(*s - 'a' + 'A') : *s;
    if (cfg.novga)
        append(&p, " NOVGA");
    *p = 0;
}

int main(void)
{
    if (!parse_bootargs())
        return 1;
    rt_printf("demo: mode %ux%ux%u fb=%s\n", cfg.width, cfg.height, cfg.bpp, cfg.fb_name);

    /* Find and place the display before the MMU is on (Device-nGnRnE
     * accesses then), so that only the VRAM that exists gets mapped. */
    uintptr_t fb_base = NOVGA_FB_BASE;
    unsigned long vram_size = NOVGA_FB_SIZE;
    if (cfg.novga) {
        rt_printf("demo: novga: drawing into RAM at 0x%lx\n", (unsigned long)fb_base);
    } else {
        struct vga_device vga;
        if (!vga_probe(&vga))
            return 1;
        if (cfg.bpp == 8 && vga.class_code != VGA_CLASS_VGA) {
            rt_printf("demo: mode=%ux%ux8 needs the VGA's DAC (class %06x shows 16 and 32 bpp only)\n",
                      cfg.width, cfg.height, vga.class_code);
            return 1;
        }
        if (cfg.mmu && (vga.mmio & ~(BLOCK_2M - 1)) < vga.vram + vga.vram_size &&
            vga.mmio + 0x1000 > (vga.vram & ~(BLOCK_2M - 1))) {
            rt_printf("demo: the MMIO BAR at 0x%lx shares a 2 MiB block with VRAM\n", (unsigned long)vga.mmio);
            return 1;
        }
        fb_base = vga.vram;
        vram_size = vga.vram_size;
        paging_add_device(vga.mmio);
    }
    if (cfg.mmu)
        paging_enable(fb_base, vram_size, cfg.fb_attr);

    unsigned long stride = (unsigned long)cfg.width * (cfg.bpp / 8);
    if (stride * cfg.height > vram_size) {
        rt_printf("demo: mode needs %lu bytes, VRAM has %lu\n", stride * cfg.height, vram_size);
        return 1;
    }

    fb.base = fb_base;
    fb.width = cfg.width;
    fb.height = cfg.height;
    fb.bpp = cfg.bpp;
    fb.bytespp = cfg.bpp / 8;
    fb.stride = stride;

    static char info[64];
    format_info(info);

    set_mode(vram_size);
    scene_init(info);
    scene_draw_full(0);
    pace_init();

    for (unsigned long n = 1;; n++) {
        wait_frame(n);
        unsigned long start = counter();
        if (cfg.remode != 0 && n == cfg.remode) {
            set_mode(vram_size);
            scene_draw_full(n);
            rt_printf("demo: remode at frame %lu\n", n);
        } else {
            scene_draw_frame(n);
        }
        if (cfg.stats)
            rt_printf("demo: frame %lu drawn in %lu ticks\n", n, counter() - start);
        if (n % FPS == 0)
            rt_printf("demo: frame %lu\n", n);
        if (cfg.frames != 0 && n >= cfg.frames) {
            rt_printf("demo: stopped after %lu frames\n", n);
            while (cfg.hold)
                wait_frame(++n);        /* paced as before, drawing nothing */
            return 0;
        }
    }
}

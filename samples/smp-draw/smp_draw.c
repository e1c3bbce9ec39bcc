/*
 * smp-draw: the coherency demo's scene drawn by CPU 1 while CPU 0 runs a
 * workload (issue: "a guest may draw from any core").
 *
 * CPU 0 boots (smp/smpstart.S: the MMU and caches on, RAM Normal write-back,
 * the first GiB Device), starts CPU 1 with PSCI CPU_ON and waits in WFE for it
 * to set the display up. CPU 1 sets a DISPI mode, builds the demo's page
 * tables (demo/paging.c) with the framebuffer mapped with the attribute fb=
 * names (Normal Non-cacheable by default, as bochs-drm maps VRAM), switches
 * its own translation to them and draws the demo's scene (demo/scene.c) at 60
 * frames per simulated second, paced by its own virtual timer (PPI 27 of CPU
 * 1's GIC interface). Meanwhile CPU 0 computes CRC-32s over a 64 KiB buffer
 * in write-back RAM, prints the result, and waits in WFE until CPU 1 has drawn
 * its frames and shown the last one for 3 more frame periods (so that a display
 * refresh shows it); then it prints how many and powers the system off.
 *
 * Only one CPU prints at a time, in an order that does not depend on how the
 * CPUs interleave (CPU 1 prints once, before CPU 0 starts its workload, and
 * never while drawing), so the output is the same here and on
 *   qemu-system-aarch64 -M virt -cpu cortex-a57 -smp 2 -device bochs-display
 *
 * Bootargs: fb=nc|wb|device  frames=N (0: draw for ever; default 0)
 * work=N (CRC rounds of CPU 0's workload; default 64)  hold=1 (wait for
 * ever instead of powering off, so that QEMU's monitor can take a screendump).
 * CPU 0 finds the display on PCI bus 0 and assigns its BARs (vga_probe, as
 * the demo does) before it starts CPU 1.
 */
#include "rt.h"
#include "../irq/gic.h"
#include "../demo/draw.h"
#include "../demo/paging.h"
#include "../demo/scene.h"
#include "../demo/vga.h"

#define WIDTH         640
#define HEIGHT        480
#define BPP           32
#define FPS           60
#define BLOCK_2M      0x200000UL
#define WORK_BYTES    0x10000          /* CPU 0's workload buffer */

#define GICC 0x08010000UL              /* GICv2 CPU interface (banked per CPU) */
#define GICR 0x080A0000UL              /* GICv3 redistributor of CPU 0; CPU n's at + n * 128 KiB */
#define REG32(a) (*(volatile uint32_t *)(a))

extern char smp_secondary[];

static struct {
    const char *fb_name;
    unsigned fb_attr;
    unsigned long frames, work;
    int hold;
} cfg = { "nc", MAIR_NORMAL_NC, 0, 64, 0 };

/* Where CPU 0's vga_probe put the display (read by CPU 1 after CPU_ON). */
static struct vga_device vga;

/* Shared between the CPUs (Normal write-back, inner shareable). */
static volatile int cpu1_status;       /* 0 starting, 1 drawing, -1 failed */
static volatile unsigned long frames_drawn;
static volatile int cpu1_done;

/* CPU 1's timer tick (set by its IRQ handler). */
static volatile int ticked;

static unsigned cpu_index(void) { return (unsigned)(SYSREG_READ(mpidr_el1) & 0xff); }

static void signal_cpus(void) { __asm__ volatile("dsb ish\n\tsev" : : : "memory"); }

void rt_exception(unsigned long kind, unsigned long esr,
                  unsigned long elr, unsigned long far)
{
    if (kind != 5) {            /* 5: IRQ, current EL with SP_ELx */
        rt_printf("cpu %u: EXCEPTION kind=%lu ESR=0x%lx ELR=0x%lx FAR=0x%lx\n",
                  cpu_index(), kind, esr, elr, far);
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

static int parse_number(const char *key, unsigned long *out)
{
    const char *v = bootarg_value(key);
    if (v == NULL)
        return 1;
    unsigned long n = 0;
    if (*v < '0' || *v > '9')
        return 0;
    while (*v >= '0' && *v <= '9')
        n = n * 10 + (unsigned long)(*v++ - '0');
    *out = n;
    return *v == 0;
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
        } else {
            rt_printf("smp-draw: bad fb=%s (nc, wb or device)\n", v);
            return 0;
        }
    }
    unsigned long hold = 0;
    if (!parse_number("frames", &cfg.frames) || !parse_number("work", &cfg.work) ||
        !parse_number("hold", &hold)) {
        rt_printf("smp-draw: frames=, work= and hold= take a decimal number\n");
        return 0;
    }
    cfg.hold = hold != 0;
    return 1;
}

static const char *attr_name(void)
{
    if (cfg.fb_attr == MAIR_NORMAL_NC)
        return "Normal Non-cacheable";
    if (cfg.fb_attr == MAIR_NORMAL_WB)
        return "Normal write-back";
    return "Device-nGnRE";
}

/* ---- CPU 1: the display ---- */

static unsigned long counter(void)
{
    __asm__ volatile("isb" ::: "memory");
    return SYSREG_READ(cntvct_el0);
}

/* This CPU's GIC interface and its virtual timer's PPI (CPU 0 has enabled
 * the distributor with gic_init). */
static void gic_this_cpu_init(unsigned cpu)
{
    if (gic_version() == 2) {
        REG32(GICC + 0x004) = 0xF0;                /* GICC_PMR */
        REG32(GICC + 0x000) = 1;                   /* GICC_CTLR: EnableGrp0 */
        gic_enable_ppi(INTID_VIRTUAL_TIMER, 0xA0); /* banked GICD registers */
    } else {
        unsigned long rd = GICR + cpu * 0x20000UL, sgi = rd + 0x10000;
        REG32(rd + 0x014) &= ~2u;                  /* GICR_WAKER.ProcessorSleep = 0 */
        while (REG32(rd + 0x014) & 4u)
            ;
        REG32(sgi + 0x080) |= 1u << INTID_VIRTUAL_TIMER;    /* GICR_IGROUPR0: Group 1 */
        *(volatile uint8_t *)(sgi + 0x400 + INTID_VIRTUAL_TIMER) = 0xA0;
        REG32(sgi + 0x100) = 1u << INTID_VIRTUAL_TIMER;     /* GICR_ISENABLER0 */
        SYSREG_WRITE(S3_0_C12_C12_5, 1);           /* ICC_SRE_EL1.SRE */
        __asm__ volatile("isb");
        SYSREG_WRITE(S3_0_C4_C6_0, 0xF0);          /* ICC_PMR_EL1 */
        SYSREG_WRITE(S3_0_C12_C12_7, 1);           /* ICC_IGRPEN1_EL1 */
        __asm__ volatile("isb");
    }
}

/* Waits for the start of frame n: t0 + n / 60 s. IRQs stay masked except for
 * the instant after each WFI, so a tick cannot slip in between the check and
 * the WFI (WFI wakes on a pending interrupt even while it is masked). */
static void wait_frame(unsigned long t0, unsigned long freq, unsigned long n)
{
    ticked = 0;
    SYSREG_WRITE(cntv_cval_el0, t0 + n * freq / FPS);
    SYSREG_WRITE(cntv_ctl_el0, 1);
    __asm__ volatile("isb" ::: "memory");
    while (!ticked)
        __asm__ volatile("wfi\n\tmsr daifclr, #2\n\tisb\n\tmsr daifset, #2" ::: "memory");
}

static int display_setup(unsigned cpu)
{
    unsigned long vram_size = vga.vram_size;
    fb.base = vga.vram;
    fb.width = WIDTH;
    fb.height = HEIGHT;
    fb.bpp = BPP;
    fb.bytespp = BPP / 8;
    fb.stride = (unsigned long)WIDTH * (BPP / 8);
    if (fb.stride * HEIGHT > vram_size) {
        rt_printf("cpu %u: mode needs %lu bytes, VRAM has %lu\n", cpu, fb.stride * HEIGHT, vram_size);
        return 0;
    }
    /* smpstart.S turned this CPU's MMU on with RAM write-back and VRAM
     * Device; the demo's tables map the same RAM and MMIO the same way and
     * VRAM with cfg.fb_attr, so switching to them needs no break. */
    paging_add_device(vga.mmio);
    paging_enable(vga.vram, vram_size, cfg.fb_attr);
    vga_set_mode(WIDTH, HEIGHT, BPP, vram_size);
    rt_printf("cpu %u: %ux%ux%u, VRAM mapped %s at 0x%lx, drawing\n", cpu, WIDTH, HEIGHT, BPP,
              attr_name(), (unsigned long)vga.vram);
    return 1;
}

void secondary_main(unsigned long context)
{
    unsigned cpu = (unsigned)(context & 0xff);
    if (!display_setup(cpu)) {
        cpu1_status = -1;
        signal_cpus();
        return;
    }
    static char info[32];
    char *p = info;
    for (const char *s = "640X480X32 FB="; *s; s++)
        *p++ = *s;
    for (const char *s = cfg.fb_name; *s; s++)
        *p++ = (char)(*s - 'a' + 'A');
    for (const char *s = " CPU1"; *s; s++)
        *p++ = *s;
    *p = 0;

    gic_this_cpu_init(cpu);
    scene_init(info);
    scene_draw_full(0);
    unsigned long freq = SYSREG_READ(cntfrq_el0), t0 = counter();

    cpu1_status = 1;
    signal_cpus();
    for (unsigned long n = 1; cfg.frames == 0 || n <= cfg.frames; n++) {
        wait_frame(t0, freq, n);
        scene_draw_frame(n);
        frames_drawn = n;
    }
    wait_frame(t0, freq, cfg.frames + 3);   /* the last picture stays up for 3 refreshes */
    cpu1_done = 1;
    signal_cpus();
}

/* ---- CPU 0: the workload ---- */

static uint32_t crc_table[256];
static uint8_t work_buf[WORK_BYTES];

static uint32_t crc32(const uint8_t *p, unsigned long n)
{
    uint32_t crc = 0xFFFFFFFFu;
    while (n--)
        crc = crc_table[(crc ^ *p++) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

/* cfg.work rounds of CRC-32 (IEEE) over the buffer, each round folding the
 * last CRC into the buffer, so that every round depends on the one before. */
static uint32_t workload(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
    uint32_t x = 0x2545F491u;
    for (unsigned long i = 0; i < WORK_BYTES; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        work_buf[i] = (uint8_t)x;
    }
    uint32_t crc = 0;
    for (unsigned long r = 0; r < cfg.work; r++) {
        crc = crc32(work_buf, WORK_BYTES);
        for (int k = 0; k < 4; k++)
            work_buf[(r * 4 + (unsigned long)k) % WORK_BYTES] ^= (uint8_t)(crc >> (8 * k));
    }
    return crc;
}

int main(void)
{
    if (!parse_bootargs())
        return 1;
    rt_printf("smp-draw: cpu 1 draws (fb=%s), cpu 0 computes\n", cfg.fb_name);
    if (!vga_probe(&vga))
        return 1;
    if ((vga.mmio & ~(BLOCK_2M - 1)) < vga.vram + vga.vram_size &&
        vga.mmio + 0x1000 > (vga.vram & ~(BLOCK_2M - 1))) {
        rt_printf("smp-draw: the display's registers share a 2 MiB block with its VRAM\n");
        return 1;
    }
    gic_init();

    long r = psci_cpu_on(1, (unsigned long)smp_secondary, 1);
    if (r != 0) {
        rt_printf("cpu 0: CPU_ON(1) = %ld: this sample needs 2 CPUs (--smp 2)\n", r);
        return 1;
    }
    while (cpu1_status == 0)
        __asm__ volatile("wfe" ::: "memory");
    if (cpu1_status < 0)
        return 1;

    uint32_t crc = workload();
    rt_printf("cpu 0: %lu rounds of CRC-32 over 64 KiB while cpu 1 draws: 0x%08x\n", cfg.work, crc);

    while (!cpu1_done)
        __asm__ volatile("wfe" ::: "memory");
    __asm__ volatile("dmb ish" ::: "memory");
    rt_printf("cpu 0: cpu 1 drew %lu frames\n", frames_drawn);
    while (cfg.hold)
        __asm__ volatile("wfi" ::: "memory");
    return 0;
}

#include "pci.h"
#include "rt.h"
#include "vga.h"

/* VGA ports used by bochs_hw_blank and the DAC. */
#define VGA_ATT_W   0x3C0       /* attribute controller index/data */
#define VGA_MIS_W   0x3C2       /* miscellaneous output (write) */
#define VGA_PEL_IW  0x3C8       /* DAC write index */
#define VGA_PEL_D   0x3C9       /* DAC data: R, G, B */
#define VGA_IS1_RC  0x3DA       /* input status 1 (colour): resets the AR flip-flop */

#define VGA_MIS_COLOR          0x01
#define VGA_AR_ENABLE_DISPLAY  0x20

static uintptr_t mmio;         /* BAR2, once vga_probe has placed it */

static uintptr_t dispi_address(unsigned index)
{
    return mmio + 0x500 + 2 * (uintptr_t)index;
}

static uintptr_t port_address(unsigned port)
{
    return mmio + 0x400 + (uintptr_t)(port - 0x3C0);
}

int vga_probe(struct vga_device *out)
{
    struct pci_function f;
    if (!pci_find(0x1234, 0x1111, 0, &f)) {
        rt_printf("demo: no 1234:1111 display on PCI bus 0\n");
        return 0;
    }
    uintptr_t next = PCI_MMIO32_BASE;
    if (pci_assign_bars(&f, &next) != 0) {
        rt_printf("demo: the display's BARs do not fit the PCI window\n");
        return 0;
    }
    if (f.bar_size[0] == 0 || f.bar_size[2] < 0x1000) {
        rt_printf("demo: the display has no VRAM BAR0 or no 4 KiB MMIO BAR2\n");
        return 0;
    }
    mmio = f.bar[2];
    uint16_t id = dispi_read(DISPI_ID);
    if ((id & 0xFFF0) != 0xB0C0) {
        rt_printf("demo: no DISPI interface (ID 0x%x)\n", id);
        return 0;
    }
    /* As bochs-drm: the smaller of BAR0 and VIDEO_MEMORY_64K (when it reads non-zero). */
    unsigned long size = (unsigned long)f.bar_size[0], reported = vga_vram_size();
    if (reported != 0 && reported < size)
        size = reported;
    out->vram = f.bar[0];
    out->vram_size = size;
    out->mmio = f.bar[2];
    out->class_code = f.class_code;
    return 1;
}

uint16_t dispi_read(unsigned index)
{
    uint32_t v;
    __asm__ volatile("ldrh %w0, [%1]" : "=r"(v) : "r"(dispi_address(index)) : "memory");
    return (uint16_t)v;
}

void dispi_write(unsigned index, uint16_t value)
{
    __asm__ volatile("strh %w0, [%1]" : : "r"((uint32_t)value), "r"(dispi_address(index)) : "memory");
}

uint8_t vga_inb(unsigned port)
{
    uint32_t v;
    __asm__ volatile("ldrb %w0, [%1]" : "=r"(v) : "r"(port_address(port)) : "memory");
    return (uint8_t)v;
}

void vga_outb(unsigned port, uint8_t value)
{
    __asm__ volatile("strb %w0, [%1]" : : "r"((uint32_t)value), "r"(port_address(port)) : "memory");
}

unsigned long vga_vram_size(void)
{
    return (unsigned long)dispi_read(DISPI_VIDEO_MEMORY_64K) << 16;
}

void vga_set_mode(unsigned width, unsigned height, unsigned bpp,
                  unsigned long vram_size)
{
    unsigned long stride = (unsigned long)width * (bpp / 8);
    unsigned long virt_height = vram_size / stride;
    if (virt_height > 0xFFFF)
        virt_height = 0xFFFF;

    /* bochs_hw_blank(false) */
    vga_outb(VGA_MIS_W, VGA_MIS_COLOR);
    (void)vga_inb(VGA_IS1_RC);
    vga_outb(VGA_ATT_W, VGA_AR_ENABLE_DISPLAY);

    dispi_write(DISPI_ENABLE, 0);
    dispi_write(DISPI_BPP, (uint16_t)bpp);
    dispi_write(DISPI_XRES, (uint16_t)width);
    dispi_write(DISPI_YRES, (uint16_t)height);
    dispi_write(DISPI_BANK, 0);
    dispi_write(DISPI_VIRT_WIDTH, (uint16_t)width);
    dispi_write(DISPI_VIRT_HEIGHT, (uint16_t)virt_height);
    dispi_write(DISPI_X_OFFSET, 0);
    dispi_write(DISPI_Y_OFFSET, 0);
    dispi_write(DISPI_ENABLE, DISPI_ENABLED | DISPI_LFB_ENABLED);
}

void vga_load_palette_332(void)
{
    vga_outb(VGA_PEL_IW, 0);
    for (unsigned i = 0; i < 256; i++) {
        unsigned r = (i >> 5) & 7, g = (i >> 2) & 7, b = i & 3;
        vga_outb(VGA_PEL_D, (uint8_t)(r * 63 / 7));
        vga_outb(VGA_PEL_D, (uint8_t)(g * 63 / 7));
        vga_outb(VGA_PEL_D, (uint8_t)(b * 63 / 3));
    }
}

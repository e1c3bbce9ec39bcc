#include "vga.h"

/* VGA ports used by bochs_hw_blank and the DAC. */
#define VGA_ATT_W   0x3C0       /* attribute controller index/data */
#define VGA_MIS_W   0x3C2       /* miscellaneous output (write) */
#define VGA_PEL_IW  0x3C8       /* DAC write index */
#define VGA_PEL_D   0x3C9       /* DAC data: R, G, B */
#define VGA_IS1_RC  0x3DA       /* input status 1 (colour): resets the AR flip-flop */

#define VGA_MIS_COLOR          0x01
#define VGA_AR_ENABLE_DISPLAY  0x20

static uintptr_t dispi_address(unsigned index)
{
    return VGA_MMIO_BASE + 0x500 + 2 * (uintptr_t)index;
}

static uintptr_t port_address(unsigned port)
{
    return VGA_MMIO_BASE + 0x400 + (uintptr_t)(port - 0x3C0);
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

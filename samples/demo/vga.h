/*
 * Bochs VBE "DISPI" display interface of the board's display, a PCI function
 * 1234:1111 (QEMU's VGA, class 0x030000, or bochs-display, class 0x038000),
 * found and placed the way Linux's pci-host-generic and bochs-drm do it:
 * vga_probe enumerates bus 0, assigns BAR0 (VRAM) and BAR2 (the 4 KiB MMIO
 * window) from the 32-bit PCI window and turns memory decode on; then the
 * accessors below go through BAR2: DISPI register i at +0x500 + 2*i
 * (16-bit), VGA ports 0x3C0-0x3DF at +0x400 + (port - 0x3C0) (8-bit; only
 * the VGA has them, bochs-display reads all ones there and ignores writes).
 *
 * Every access is a single LDRH/STRH/LDRB/STRB with no writeback (inline
 * asm), because the hypervisor emulates MMIO from the data-abort syndrome.
 */
#ifndef DEMO_VGA_H
#define DEMO_VGA_H

#include <stdint.h>

#define VGA_CLASS_VGA   0x030000u        /* QEMU's VGA: VGA-compatible, with the DAC */
#define VGA_CLASS_OTHER 0x038000u        /* QEMU's bochs-display: 16 and 32 bpp only */

/* Where vga_probe put the display. */
struct vga_device {
    uintptr_t vram;             /* BAR0: the linear framebuffer */
    unsigned long vram_size;    /* BAR0's size, or less if VIDEO_MEMORY_64K says so */
    uintptr_t mmio;             /* BAR2: the 4 KiB register window */
    uint32_t class_code;        /* VGA_CLASS_VGA or VGA_CLASS_OTHER */
};

/* Finds the first 1234:1111 function on PCI bus 0, assigns its BARs from the
 * start of the 32-bit window (BAR0 first, the largest), turns memory decode
 * on, checks the DISPI ID and points the accessors below at BAR2. Returns 1,
 * or 0 after printing why not. Call with the MMU off. */
int vga_probe(struct vga_device *out);

#define DISPI_ID                0x0
#define DISPI_XRES              0x1
#define DISPI_YRES              0x2
#define DISPI_BPP               0x3
#define DISPI_ENABLE            0x4
#define DISPI_BANK              0x5
#define DISPI_VIRT_WIDTH        0x6
#define DISPI_VIRT_HEIGHT       0x7
#define DISPI_X_OFFSET          0x8
#define DISPI_Y_OFFSET          0x9
#define DISPI_VIDEO_MEMORY_64K  0xA

#define DISPI_ENABLED       0x01
#define DISPI_GETCAPS       0x02
#define DISPI_8BIT_DAC      0x20
#define DISPI_LFB_ENABLED   0x40
#define DISPI_NOCLEARMEM    0x80

uint16_t dispi_read(unsigned index);
void dispi_write(unsigned index, uint16_t value);
uint8_t vga_inb(unsigned port);
void vga_outb(unsigned port, uint8_t value);

/* VRAM size from VIDEO_MEMORY_64K (bytes; 0 if the register reads 0). */
unsigned long vga_vram_size(void);

/* bochs_hw_setmode: unblank through the VGA ports, ENABLE = 0, geometry,
 * then ENABLE = ENABLED | LFB_ENABLED (0x41, no NOCLEARMEM). */
void vga_set_mode(unsigned width, unsigned height, unsigned bpp,
                  unsigned long vram_size);

/* 8 bpp: loads a 3-3-2 RGB palette (index = RRRGGGBB) through the DAC
 * (0x3C8 write index, 0x3C9 R, G, B; 6-bit values). */
void vga_load_palette_332(void);

#endif

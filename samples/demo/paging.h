/*
 * Identity-mapped stage-1 translation for the demo (4 KiB granule, 39-bit
 * VA, TTBR0 only, 2 MiB blocks): RAM Normal WB, the UART, the GIC and the
 * blocks added with paging_add_device (the display's MMIO BAR) Device-nGnRE,
 * and the framebuffer with a chosen MAIR attribute byte.
 */
#ifndef DEMO_PAGING_H
#define DEMO_PAGING_H

#include <stdint.h>

#define MAIR_NORMAL_WB      0xFFu   /* Normal, Inner/Outer WB RW-allocate */
#define MAIR_NORMAL_NC      0x44u   /* Normal, Inner/Outer Non-cacheable (ioremap_wc) */
#define MAIR_DEVICE_nGnRE   0x04u   /* Device-nGnRE (ioremap) */

#define RAM_BASE    0x40000000UL
#define RAM_SIZE    0x08000000UL    /* 128 MiB, as QEMU virt gives by default */

/* Has paging_enable map the 2 MiB block holding pa (below 2 GiB) Device-nGnRE.
 * Returns 0 when pa is out of reach or 4 blocks were added already. */
int paging_add_device(uintptr_t pa);

/* Builds the tables (framebuffer [fb_base, fb_base + fb_size) rounded out to
 * 2 MiB, mapped with MAIR byte fb_attr, overriding RAM if it lies there) and
 * turns the MMU and both caches on (SCTLR_EL1 M, C, I). */
void paging_enable(uintptr_t fb_base, unsigned long fb_size, unsigned fb_attr);

#endif

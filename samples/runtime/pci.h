/*
 * PCI Express on QEMU virt (7.2, default highmem layout): bus 0 through the
 * ECAM at 0x40_1000_0000, memory BARs assigned from the 32-bit MMIO window
 * 0x1000_0000-0x3EFE_FFFF (PCI address = CPU address there), as firmware or
 * Linux's pci-host-generic would. The same code runs on
 * qemu-system-aarch64 -M virt and on the emulator.
 *
 * Every configuration access is a single LDR/STR without writeback (a
 * hypervisor emulates it from the data-abort syndrome). Call these with the
 * MMU off, or with the ECAM mapped Device.
 */
#ifndef RT_PCI_H
#define RT_PCI_H

#include <stdint.h>

#define PCI_ECAM_BASE       0x4010000000UL
#define PCI_MMIO32_BASE     0x10000000UL
#define PCI_MMIO32_END      0x3eff0000UL

#define PCI_ID              0x00        /* device ID << 16 | vendor ID */
#define PCI_COMMAND         0x04        /* 16 bits; status above */
#define PCI_CLASS_REVISION  0x08        /* class code << 8 | revision */
#define PCI_HEADER          0x0c        /* BIST, header type (bits 23:16), latency, cache line */
#define PCI_BAR0            0x10
#define PCI_BARS            6

#define PCI_COMMAND_IO      0x0001
#define PCI_COMMAND_MEMORY  0x0002

/* A function of bus 0 and what pci_assign_bars gave its memory BARs. */
struct pci_function {
    unsigned dev, fn;
    uint16_t vendor, device;
    uint32_t class_code;                /* base class << 16 | subclass << 8 | interface */
    uint8_t revision;
    uintptr_t bar[PCI_BARS];            /* CPU address of each memory BAR (0: none) */
    uint64_t bar_size[PCI_BARS];        /* its size (0: no memory BAR there) */
};

uint32_t pci_config_read(unsigned dev, unsigned fn, unsigned reg);
void pci_config_write(unsigned dev, unsigned fn, unsigned reg, uint32_t value);

/*
 * Enumerates bus 0 (functions 1-7 of multi-function devices too); with
 * verbose, prints "00:DD.F VVVV:DDDD class CCCCCC rev R" for each function.
 * Fills *out with the first function whose IDs are vendor:device and returns
 * 1, or returns 0 when there is none.
 */
int pci_find(uint16_t vendor, uint16_t device, int verbose, struct pci_function *out);

/*
 * Sizes the function's memory BARs (memory and I/O decode off meanwhile, as
 * Linux's __pci_read_base does; 64-bit BARs take two registers), then assigns
 * them from *next, largest first, each aligned to its size, inside the 32-bit
 * window (the upper half of a 64-bit BAR is 0), advances *next past them and
 * turns memory decode on. I/O BARs are left unassigned. Returns 0, or -1
 * (decode left off) when they do not fit the window.
 */
int pci_assign_bars(struct pci_function *f, uintptr_t *next);

#endif

/*
 * Test aid for QEMU only (bootarg qemu-pci=1): places a QEMU std VGA or
 * bochs-display PCI device (1234:1111) at the board's fixed addresses by
 * programming its BARs through the low PCIe ECAM of "-M virt,highmem=off"
 * (0x3F000000): BAR0 (VRAM) = 0x10000000, BAR2 (MMIO) = 0x20000000. This
 * lets the demo drive QEMU's real device and be checked with "screendump".
 */
#ifndef DEMO_QEMU_PCI_H
#define DEMO_QEMU_PCI_H

/* Returns 1 if the device was found and enabled. Call with the MMU off. */
int qemu_pci_place_vga(void);

#endif

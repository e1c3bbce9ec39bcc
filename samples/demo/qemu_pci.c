#include <stdint.h>
#include "qemu_pci.h"
#include "vga.h"

#define ECAM_BASE   0x3F000000UL    /* virt, highmem=off: bus 0 only is enough */
#define PCI_ID      0x00
#define PCI_COMMAND 0x04
#define PCI_BAR0    0x10
#define PCI_BAR2    0x18
#define COMMAND_MEMORY 0x2

static uintptr_t config_address(unsigned dev, unsigned reg)
{
    return ECAM_BASE + ((uintptr_t)dev << 15) + reg;
}

static uint32_t config_read(unsigned dev, unsigned reg)
{
    uint32_t v;
    __asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(config_address(dev, reg)) : "memory");
    return v;
}

static void config_write(unsigned dev, unsigned reg, uint32_t v)
{
    __asm__ volatile("str %w0, [%1]" : : "r"(v), "r"(config_address(dev, reg)) : "memory");
}

int qemu_pci_place_vga(void)
{
    for (unsigned dev = 0; dev < 32; dev++) {
        if (config_read(dev, PCI_ID) != 0x11111234u)
            continue;
        config_write(dev, PCI_BAR0, (uint32_t)VGA_VRAM_BASE);
        config_write(dev, PCI_BAR2, (uint32_t)VGA_MMIO_BASE);
        config_write(dev, PCI_COMMAND, config_read(dev, PCI_COMMAND) | COMMAND_MEMORY);
        return 1;
    }
    return 0;
}

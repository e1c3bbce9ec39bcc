#include "pci.h"
#include "uart.h"

#define BAR_IO          0x1u
#define BAR_TYPE_64     0x4u            /* memory BAR type bits 2:1 = 10 */
#define BAR_FLAGS       0xfu

static volatile uint32_t *config_address(unsigned dev, unsigned fn, unsigned reg)
{
    return (volatile uint32_t *)(PCI_ECAM_BASE + ((uintptr_t)dev << 15) + ((uintptr_t)fn << 12) + reg);
}

uint32_t pci_config_read(unsigned dev, unsigned fn, unsigned reg)
{
    uint32_t v;
    __asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(config_address(dev, fn, reg)) : "memory");
    return v;
}

void pci_config_write(unsigned dev, unsigned fn, unsigned reg, uint32_t value)
{
    __asm__ volatile("str %w0, [%1]" : : "r"(value), "r"(config_address(dev, fn, reg)) : "memory");
}

int pci_find(uint16_t vendor, uint16_t device, int verbose, struct pci_function *out)
{
    int found = 0;
    for (unsigned dev = 0; dev < 32; dev++) {
        for (unsigned fn = 0; fn < 8; fn++) {
            uint32_t id = pci_config_read(dev, fn, PCI_ID);
            if (id == 0xffffffffu) {
                if (fn == 0)
                    break;              /* no device: no function 1-7 either */
                continue;
            }
            uint32_t cls = pci_config_read(dev, fn, PCI_CLASS_REVISION);
            if (verbose)
                rt_printf("00:%02x.%u %04x:%04x class %06x rev %u\n", dev, fn, id & 0xffff, id >> 16,
                          cls >> 8, cls & 0xff);
            if (!found && (id & 0xffff) == vendor && id >> 16 == device) {
                found = 1;
                out->dev = dev;
                out->fn = fn;
                out->vendor = vendor;
                out->device = device;
                out->class_code = cls >> 8;
                out->revision = (uint8_t)cls;
                for (unsigned i = 0; i < PCI_BARS; i++) {
                    out->bar[i] = 0;
                    out->bar_size[i] = 0;
                }
            }
            if (fn == 0 && !(pci_config_read(dev, 0, PCI_HEADER) & (0x80u << 16)))
                break;                  /* single-function device */
        }
    }
    return found;
}

/* Writes all ones to a BAR register and reads back the mask, restoring the old value. */
static uint32_t probe(const struct pci_function *f, unsigned reg)
{
    uint32_t old = pci_config_read(f->dev, f->fn, reg);
    pci_config_write(f->dev, f->fn, reg, 0xffffffffu);
    uint32_t mask = pci_config_read(f->dev, f->fn, reg);
    pci_config_write(f->dev, f->fn, reg, old);
    return mask;
}

/* Sizes every memory BAR into f->bar_size; returns the number found. */
static unsigned size_bars(struct pci_function *f)
{
    unsigned n = 0;
    for (unsigned i = 0; i < PCI_BARS; i++) {
        f->bar_size[i] = 0;
        unsigned reg = PCI_BAR0 + 4 * i;
        uint32_t mask = probe(f, reg);
        if ((mask & BAR_IO) || (mask & ~BAR_FLAGS) == 0)
            continue;                   /* I/O BAR or none */
        uint64_t m = mask & ~BAR_FLAGS;
        int wide = (mask & 0x6u) == BAR_TYPE_64 && i + 1 < PCI_BARS;
        if (wide)
            m |= (uint64_t)probe(f, reg + 4) << 32;
        else
            m |= 0xffffffff00000000ull;
        f->bar_size[i] = ~m + 1;
        n++;
        if (wide)
            i++;                        /* the upper half is not a BAR of its own */
    }
    return n;
}

int pci_assign_bars(struct pci_function *f, uintptr_t *next)
{
    uint32_t command = pci_config_read(f->dev, f->fn, PCI_COMMAND) & 0xffff;
    pci_config_write(f->dev, f->fn, PCI_COMMAND, command & ~(uint32_t)(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
    unsigned left = size_bars(f);
    uint8_t done[PCI_BARS] = { 0 };
    uintptr_t at = *next;
    while (left--) {
        unsigned best = PCI_BARS;
        for (unsigned i = 0; i < PCI_BARS; i++)
            if (f->bar_size[i] != 0 && !done[i] && (best == PCI_BARS || f->bar_size[i] > f->bar_size[best]))
                best = i;
        uint64_t size = f->bar_size[best];
        uintptr_t base = (at + size - 1) & ~(uintptr_t)(size - 1);
        if (base < at || base < PCI_MMIO32_BASE || size > PCI_MMIO32_END - PCI_MMIO32_BASE || base > PCI_MMIO32_END - size)
            return -1;
        unsigned reg = PCI_BAR0 + 4 * best;
        pci_config_write(f->dev, f->fn, reg, (uint32_t)base);
        if ((pci_config_read(f->dev, f->fn, reg) & 0x6u) == BAR_TYPE_64)
            pci_config_write(f->dev, f->fn, reg + 4, 0);
        f->bar[best] = base;
        done[best] = 1;
        at = base + size;
    }
    *next = at;
    pci_config_write(f->dev, f->fn, PCI_COMMAND, command | PCI_COMMAND_MEMORY);
    return 0;
}

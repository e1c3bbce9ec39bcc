/*
 * Synchronous exception reports: a load and a store to a hole in the virt
 * physical memory map with the MMU off (synchronous external abort, EC 0x25,
 * DFSC 0x10), an unaligned load (alignment fault: with the MMU off data
 * accesses are Device memory) and an undefined instruction. Prints ESR, FAR
 * and where ELR points; the handler skips the faulting instruction.
 */
#include "rt.h"

/*
 * Nothing is mapped here on QEMU virt without EL3 (the secure UART's slot),
 * so both machines report a synchronous external abort. Address 0 would not
 * do: QEMU virt has flash there, which reads without a fault.
 */
#define HOLE 0x09040000UL

extern const char load_insn[], store_insn[], udf_insn[];
static volatile unsigned long expected_elr;
static volatile unsigned faults;

void rt_exception(unsigned long kind, unsigned long esr,
                  unsigned long elr, unsigned long far)
{
    if (kind != 4) {
        rt_printf("EXCEPTION kind=%lu ESR=0x%lx ELR=0x%lx FAR=0x%lx\n", kind, esr, elr, far);
        rt_exit(1);
    }
    unsigned long ec = esr >> 26;
    faults++;
    if (ec == 0x25)
        rt_printf("data abort: EC=0x%02lx IL=%lu WnR=%lu DFSC=0x%02lx FAR=0x%lx ELR %s\n",
                  ec, (esr >> 25) & 1, (esr >> 6) & 1, esr & 0x3F, far,
                  elr == expected_elr ? "ok" : "BAD");
    else
        rt_printf("exception: ESR=0x%08lx EC=0x%02lx ELR %s\n", esr, ec,
                  elr == expected_elr ? "ok" : "BAD");
    write_elr_el1(elr + 4);
}

int main(void)
{
    unsigned long v = 0;
    expected_elr = (unsigned long)load_insn;
    __asm__ volatile(".global load_insn\nload_insn:\n\tldr %0, [%1]"
                     : "=r"(v) : "r"(HOLE) : "memory");
    expected_elr = (unsigned long)store_insn;
    __asm__ volatile(".global store_insn\nstore_insn:\n\tstr %0, [%1]"
                     : : "r"(v), "r"(HOLE + 8) : "memory");
    expected_elr = (unsigned long)udf_insn;
    __asm__ volatile(".global udf_insn\nudf_insn:\n\t.inst 0x00000000" ::: "memory");
    rt_printf("%u faults reported, resumed each time\n", faults);
    return faults == 3 ? 0 : 1;
}

/*
 * Executes UDF #0 (.inst 0x00000000). The runtime's vector table sends the
 * synchronous exception (current EL, SP_ELx: kind 4) to rt_exception, which
 * this file overrides: check ESR/ELR, step ELR_EL1 past the instruction and
 * return, so the vector code ERETs back into main.
 */
#include "rt.h"

extern const char undef_insn[];         /* address of the UDF, see do_udf */
static volatile int caught;

__attribute__((noinline)) static void do_udf(void)
{
    __asm__ volatile(".global undef_insn\n"
                     "undef_insn:\n\t"
                     ".inst 0x00000000\n" ::: "memory");
}

void rt_exception(unsigned long kind, unsigned long esr,
                  unsigned long elr, unsigned long far)
{
    unsigned long expected = (unsigned long)undef_insn;
    if (kind != 4 || caught) {
        rt_printf("EXCEPTION kind=%lu ESR=0x%lx ELR=0x%lx FAR=0x%lx\n",
                  kind, esr, elr, far);
        rt_exit(1);
    }
    rt_printf("UNDEFINED caught: ESR=0x%08lx EC=0x%02lx ELR-offset %s\n",
              esr, esr >> 26, elr == expected ? "ok" : "BAD");
    caught = elr == expected && esr == 0x02000000 ? 1 : 2;
    write_elr_el1(expected + 4);
}

int main(void)
{
    do_udf();
    rt_printf("resumed after UNDEFINED\n");
    return caught == 1 ? 0 : 1;
}

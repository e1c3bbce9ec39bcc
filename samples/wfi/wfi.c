/*
 * WFI wake-up: (1) with IRQs masked by PSTATE.I, WFI still wakes when the
 * timer interrupt becomes pending; the interrupt is taken only when MSR
 * DAIFClr unmasks it, with ELR_EL1 = the instruction after the MSR.
 * (2) with IRQs unmasked, the interrupt that ends a WFI is taken with
 * ELR_EL1 = the instruction after the WFI.
 */
#include "rt.h"
#include "../irq/gic.h"

extern const char after_daifclr[], after_wfi[];
static volatile unsigned taken;
static volatile unsigned long taken_elr;

void rt_exception(unsigned long kind, unsigned long esr,
                  unsigned long elr, unsigned long far)
{
    if (kind != 5) {
        rt_printf("EXCEPTION kind=%lu ESR=0x%lx ELR=0x%lx FAR=0x%lx\n", kind, esr, elr, far);
        rt_exit(1);
    }
    unsigned intid = gic_ack();
    if (intid == INTID_SPURIOUS)
        return;
    taken++;
    taken_elr = elr;
    rt_printf("IRQ %u taken\n", intid);
    SYSREG_WRITE(cntv_ctl_el0, 0);  /* lower the level-sensitive line */
    gic_eoi(intid);
}

int main(void)
{
    gic_init();
    gic_enable_ppi(INTID_VIRTUAL_TIMER, 0x80);
    unsigned long interval = SYSREG_READ(cntfrq_el0) / 1000; /* 1 ms */

    /* (1) masked */
    SYSREG_WRITE(cntv_tval_el0, interval);
    SYSREG_WRITE(cntv_ctl_el0, 1);
    __asm__ volatile("isb; wfi" ::: "memory");
    /* WFI may also complete early for other reasons: wait for ISTATUS. */
    while (!(SYSREG_READ(cntv_ctl_el0) & 4))
        __asm__ volatile("wfi");
    rt_printf("woke from WFI with IRQs masked: ISTATUS=%lu, taken=%u, HPPIR=%u\n",
              (SYSREG_READ(cntv_ctl_el0) >> 2) & 1, taken, gic_hppir());
    __asm__ volatile("msr daifclr, #2\n"
                     ".global after_daifclr\n"
                     "after_daifclr:\n\t"
                     "nop" ::: "memory");
    __asm__ volatile("msr daifset, #2" ::: "memory");
    rt_printf("after unmasking: taken=%u, ELR is the instruction after MSR DAIFClr: %s\n",
              taken, taken_elr == (unsigned long)after_daifclr ? "ok" : "BAD");

    /* (2) unmasked */
    SYSREG_WRITE(cntv_tval_el0, interval);
    SYSREG_WRITE(cntv_ctl_el0, 1);
    __asm__ volatile("msr daifclr, #2\n\t"
                     "wfi\n"
                     ".global after_wfi\n"
                     "after_wfi:\n\t"
                     "msr daifset, #2" ::: "memory");
    rt_printf("after WFI: taken=%u, ELR is the instruction after WFI: %s\n",
              taken, taken_elr == (unsigned long)after_wfi ? "ok" : "BAD");
    return taken == 2 ? 0 : 1;
}

/*
 * Generic timer interrupts through the GIC (v2 or v3, detected): the virtual
 * timer fires 5 times at a 10 ms interval (TVAL reprogrammed in the handler),
 * then the physical timer 3 times (CVAL advanced by the interval), each time
 * waking the main loop from WFI. Then a masked timer (IMASK) shows ISTATUS = 1
 * without an interrupt. Prints counts, never times, so that the output is the
 * same on any machine.
 */
#include "rt.h"
#include "../irq/gic.h"

#define VIRTUAL_TICKS  5
#define PHYSICAL_TICKS 3

static volatile unsigned virtual_count, physical_count, other_count;
static unsigned long interval;

void rt_exception(unsigned long kind, unsigned long esr,
                  unsigned long elr, unsigned long far)
{
    if (kind != 5) { /* IRQ, current EL with SP_ELx */
        rt_printf("EXCEPTION kind=%lu ESR=0x%lx ELR=0x%lx FAR=0x%lx\n", kind, esr, elr, far);
        rt_exit(1);
    }
    unsigned intid = gic_ack();
    if (intid == INTID_VIRTUAL_TIMER) {
        virtual_count++;
        rt_printf("virtual timer interrupt %u\n", virtual_count);
        if (virtual_count < VIRTUAL_TICKS)
            SYSREG_WRITE(cntv_tval_el0, interval);
        else
            SYSREG_WRITE(cntv_ctl_el0, 0);
    } else if (intid == INTID_PHYSICAL_TIMER) {
        physical_count++;
        rt_printf("physical timer interrupt %u\n", physical_count);
        if (physical_count < PHYSICAL_TICKS)
            SYSREG_WRITE(cntp_cval_el0, SYSREG_READ(cntp_cval_el0) + interval);
        else
            SYSREG_WRITE(cntp_ctl_el0, 0);
    } else if (intid != INTID_SPURIOUS) {
        other_count++;
        rt_printf("unexpected interrupt %u\n", intid);
    }
    if (intid != INTID_SPURIOUS)
        gic_eoi(intid);
}

int main(void)
{
    rt_printf("timer: GICv%d\n", gic_version());
    gic_init();
    gic_enable_ppi(INTID_VIRTUAL_TIMER, 0xA0);
    gic_enable_ppi(INTID_PHYSICAL_TIMER, 0xA0);
    interval = SYSREG_READ(cntfrq_el0) / 100; /* 10 ms */

    SYSREG_WRITE(cntv_tval_el0, interval);
    SYSREG_WRITE(cntv_ctl_el0, 1);
    __asm__ volatile("msr daifclr, #2" ::: "memory");
    while (virtual_count < VIRTUAL_TICKS)
        __asm__ volatile("wfi");
    rt_printf("virtual timer fired %u times\n", virtual_count);

    SYSREG_WRITE(cntp_cval_el0, SYSREG_READ(cntpct_el0) + interval);
    SYSREG_WRITE(cntp_ctl_el0, 1);
    while (physical_count < PHYSICAL_TICKS)
        __asm__ volatile("wfi");
    rt_printf("physical timer fired %u times\n", physical_count);

    SYSREG_WRITE(cntp_tval_el0, 0);
    SYSREG_WRITE(cntp_ctl_el0, 3); /* ENABLE | IMASK */
    __asm__ volatile("isb");
    unsigned long ctl = SYSREG_READ(cntp_ctl_el0);
    for (volatile int i = 0; i < 1000; i++)
        ;
    rt_printf("masked timer: CTL=0x%lx, interrupts %u\n", ctl, physical_count);
    SYSREG_WRITE(cntp_ctl_el0, 0);
    __asm__ volatile("msr daifset, #2" ::: "memory");
    return other_count == 0 ? 0 : 1;
}

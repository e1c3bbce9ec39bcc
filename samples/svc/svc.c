/*
 * SVC round trip: EL1 drops to EL0 (ERET with SPSR = EL0t), EL0 makes
 * SVC #0x42 (taken to EL1 at the lower-EL synchronous vector, EC 0x15),
 * tries two things EL0 may not do (MRS SCTLR_EL1: UNDEFINED, EC 0; MRS
 * CNTVCT_EL0 with CNTKCTL_EL1.EL0VCTEN = 0: trapped, EC 0x18), then SVC #0
 * asks to return to EL1, whose handler ERETs to EL1h. Also an SVC from EL1
 * (current-EL vector).
 */
#include "rt.h"

void enter_el0(void (*fn)(void), void *sp_el0);
extern const char el1_return[];

static unsigned long el0_stack[512] __attribute__((aligned(16)));
static volatile unsigned svc_count;

static void el0_main(void)
{
    rt_printf("EL0: running, making SVC #0x42\n");
    __asm__ volatile("svc #0x42" ::: "memory");
    rt_printf("EL0: back from SVC #0x42\n");
    unsigned long v;
    __asm__ volatile("mrs %0, sctlr_el1" : "=r"(v) :: "memory");
    __asm__ volatile("mrs %0, cntvct_el0" : "=r"(v) :: "memory");
    rt_printf("EL0: returning to EL1 with SVC #0\n");
    __asm__ volatile("svc #0" ::: "memory");
    rt_printf("EL0: still at EL0 (BAD)\n");
    for (;;)
        ;
}

void rt_exception(unsigned long kind, unsigned long esr,
                  unsigned long elr, unsigned long far)
{
    unsigned long spsr;
    __asm__ volatile("mrs %0, spsr_el1" : "=r"(spsr));
    unsigned long ec = esr >> 26;
    if ((kind == 8 || kind == 4) && ec == 0x15) {
        unsigned imm = esr & 0xFFFF;
        svc_count++;
        rt_printf("EL1: SVC #0x%x from EL%lu (vector %lu), ESR=0x%08lx, SPSR=0x%lx, ELR-4 is the SVC: %s\n",
                  imm, (spsr >> 2) & 3, kind, esr, spsr,
                  *(const unsigned *)(elr - 4) == (0xD4000001u | imm << 5) ? "ok" : "BAD");
        if (kind == 8 && imm == 0) {
            write_elr_el1((unsigned long)el1_return);
            __asm__ volatile("msr spsr_el1, %0" : : "r"(0x3c5UL)); /* EL1h, DAIF masked */
        }
        return;
    }
    if (kind == 8 && (ec == 0x00 || ec == 0x18)) {
        rt_printf("EL1: EL0 system register access refused: ESR=0x%08lx (EC 0x%02lx), ELR is the MRS: %s\n",
                  esr, ec, (*(const unsigned *)elr & 0xFFF00000u) == 0xD5300000u ? "ok" : "BAD");
        write_elr_el1(elr + 4);
        return;
    }
    rt_printf("EXCEPTION kind=%lu ESR=0x%lx ELR=0x%lx FAR=0x%lx\n", kind, esr, elr, far);
    rt_exit(1);
}

int main(void)
{
    unsigned long el;
    __asm__ volatile("mrs %0, CurrentEL" : "=r"(el));
    rt_printf("EL1: CurrentEL=%lu, SVC from EL1 first\n", el >> 2);
    __asm__ volatile("svc #0x7" ::: "memory");
    rt_printf("EL1: dropping to EL0\n");
    enter_el0(el0_main, &el0_stack[512]);
    __asm__ volatile("mrs %0, CurrentEL" : "=r"(el));
    rt_printf("EL1: back at EL%lu after %u SVCs\n", el >> 2, svc_count);
    return svc_count == 3 ? 0 : 1;
}

/*
 * Masks every interrupt and waits for one with no timer armed: nothing can
 * ever wake the CPU. The emulator ends the run with reason guest-halted
 * (exit status 5); QEMU would wait for ever.
 */
#include "rt.h"

int main(void)
{
    rt_printf("wfi-halt: masking interrupts and waiting for ever\n");
    __asm__ volatile("msr daifset, #0xf\n\tisb\n\twfi" ::: "memory");
    rt_printf("wfi-halt: woke up\n");
    return 1;
}

#include "psci.h"

long psci_call(unsigned long fn, unsigned long a1, unsigned long a2,
               unsigned long a3)
{
    register unsigned long x0 __asm__("x0") = fn;
    register unsigned long x1 __asm__("x1") = a1;
    register unsigned long x2 __asm__("x2") = a2;
    register unsigned long x3 __asm__("x3") = a3;
    /* SMCCC 1.0: x4-x17 may be corrupted by the call. */
    __asm__ volatile("hvc #0"
                     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
                     :
                     : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
                       "x12", "x13", "x14", "x15", "x16", "x17", "memory");
    return (long)x0;
}

uint32_t psci_version(void)
{
    return (uint32_t)psci_call(PSCI_VERSION, 0, 0, 0);
}

long psci_features(uint32_t fn)
{
    return psci_call(PSCI_FEATURES, fn, 0, 0);
}

long psci_cpu_on(unsigned long mpidr, unsigned long entry, unsigned long ctx)
{
    return psci_call(PSCI_CPU_ON_64, mpidr, entry, ctx);
}

void psci_system_off(void)
{
    psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
    for (;;)
        __asm__ volatile("wfi");
}

void psci_system_reset(void)
{
    psci_call(PSCI_SYSTEM_RESET, 0, 0, 0);
    for (;;)
        __asm__ volatile("wfi");
}

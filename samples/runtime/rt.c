#include "rt.h"

uintptr_t rt_dtb;

__attribute__((weak))
void rt_exception(unsigned long kind, unsigned long esr,
                  unsigned long elr, unsigned long far)
{
    rt_printf("EXCEPTION kind=%lu ESR=0x%lx ELR=0x%lx FAR=0x%lx\n",
              kind, esr, elr, far);
    rt_exit(1);
}

void rt_exit(int status)
{
    if (status != 0)
        sh_exit_extended(status);       /* returns only without semihosting */
    psci_system_off();
}

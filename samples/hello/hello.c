/* Prints a greeting, the PSCI version and the bootargs, then powers off. */
#include "rt.h"

int main(void)
{
    uart_puts("Hello from the guest!\n");
    uint32_t v = psci_version();
    rt_printf("PSCI version %u.%u\n", v >> 16, v & 0xffff);
    const char *args = fdt_bootargs();
    if (args && args[0])
        rt_printf("bootargs: %s\n", args);
    return 0;                           /* rt_exit(0): PSCI SYSTEM_OFF */
}

/* Writes through semihosting SYS_WRITE0 and exits with SYS_EXIT_EXTENDED(7). */
#include "rt.h"

int main(void)
{
    sh_write0("semihosting exit 7\n");
    sh_exit_extended(7);
    /* Only reached when semihosting is not enabled. */
    uart_puts("semihosting not available\n");
    return 1;
}

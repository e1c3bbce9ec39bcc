/* Common runtime for the bare-metal sample guests (QEMU virt, EL1). */
#ifndef RT_H
#define RT_H

#include <stdint.h>
#include <stddef.h>

#include "uart.h"
#include "psci.h"
#include "semihosting.h"
#include "fdt.h"
#include "rtstring.h"

/* Device tree address (x0 at entry, or 0x40000000 when x0 was 0). */
extern uintptr_t rt_dtb;

/*
 * Called from every exception vector with kind = vector index (0-15; 4 is a
 * synchronous exception from the current EL using SP_ELx). The default
 * (weak) version prints "EXCEPTION kind=.. ESR=.. ELR=.. FAR=.." and calls
 * rt_exit(1). A guest may override it; if it returns, the vector code ERETs
 * to ELR_EL1, which the handler may change with write_elr_el1().
 */
void rt_exception(unsigned long kind, unsigned long esr,
                  unsigned long elr, unsigned long far);

/* Status 0: PSCI SYSTEM_OFF; otherwise semihosting SYS_EXIT_EXTENDED(status),
 * falling back to PSCI SYSTEM_OFF when semihosting is not available. */
void rt_exit(int status) __attribute__((noreturn));

static inline void write_elr_el1(unsigned long v)
{
    __asm__ volatile("msr elr_el1, %0" : : "r"(v) : "memory");
}

int main(void);

#endif

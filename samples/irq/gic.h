/*
 * Minimal GIC driver for the sample guests: works with GICv2 (QEMU virt's
 * default) and GICv3 (-M virt,gic-version=3), chosen at run time from
 * ID_AA64PFR0_EL1.GIC (1 when the GICv3 System register interface exists).
 */
#ifndef GIC_H
#define GIC_H

#include <stdint.h>

/* Timer PPIs as QEMU virt wires them (INTID = 16 + PPI). */
#define INTID_VIRTUAL_TIMER  27
#define INTID_PHYSICAL_TIMER 30
#define INTID_SPURIOUS       1023

int gic_version(void);                 /* 2 or 3 */
void gic_init(void);                   /* distributor, redistributor, CPU interface on; PMR 0xF0 */
void gic_enable_ppi(unsigned intid, unsigned priority);
unsigned gic_ack(void);                /* GICC_IAR / ICC_IAR1_EL1 */
void gic_eoi(unsigned intid);          /* GICC_EOIR / ICC_EOIR1_EL1 */
unsigned gic_hppir(void);              /* GICC_HPPIR / ICC_HPPIR1_EL1 */

/* Generic timer System registers. */
#define SYSREG_READ(name) ({ unsigned long v_; __asm__ volatile("mrs %0, " #name : "=r"(v_)); v_; })
#define SYSREG_WRITE(name, v) __asm__ volatile("msr " #name ", %0" : : "r"((unsigned long)(v)) : "memory")

#endif

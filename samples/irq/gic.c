#include "gic.h"

#define GICD 0x08000000UL
#define GICC 0x08010000UL   /* GICv2 CPU interface */
#define GICR 0x080A0000UL   /* GICv3 redistributor: RD_base, SGI_base at +64K */
#define SGI_BASE (GICR + 0x10000UL)

#define REG32(a) (*(volatile uint32_t *)(a))

static int version;

int gic_version(void)
{
    unsigned long pfr0;
    __asm__ volatile("mrs %0, id_aa64pfr0_el1" : "=r"(pfr0));
    return ((pfr0 >> 24) & 0xf) != 0 ? 3 : 2;
}

void gic_init(void)
{
    version = gic_version();
    if (version == 2) {
        REG32(GICD + 0x000) = 1;            /* GICD_CTLR: enable (Group 0) */
        REG32(GICC + 0x004) = 0xF0;         /* GICC_PMR */
        REG32(GICC + 0x000) = 1;            /* GICC_CTLR: EnableGrp0, signalled as IRQ */
    } else {
        REG32(GICR + 0x014) &= ~2u;         /* GICR_WAKER.ProcessorSleep = 0 */
        while (REG32(GICR + 0x014) & 4u)    /* wait for ChildrenAsleep = 0 */
            ;
        REG32(GICD + 0x000) = (1u << 4) | 2u; /* GICD_CTLR: ARE, EnableGrp1 */
        SYSREG_WRITE(S3_0_C12_C12_5, 1);    /* ICC_SRE_EL1.SRE */
        __asm__ volatile("isb");
        SYSREG_WRITE(S3_0_C4_C6_0, 0xF0);   /* ICC_PMR_EL1 */
        SYSREG_WRITE(S3_0_C12_C12_7, 1);    /* ICC_IGRPEN1_EL1 */
        __asm__ volatile("isb");
    }
}

void gic_enable_ppi(unsigned intid, unsigned priority)
{
    if (version == 2) {
        *(volatile uint8_t *)(GICD + 0x400 + intid) = (uint8_t)priority; /* GICD_IPRIORITYR */
        REG32(GICD + 0x100) = 1u << intid;                               /* GICD_ISENABLER0 */
    } else {
        REG32(SGI_BASE + 0x080) |= 1u << intid;                          /* GICR_IGROUPR0: Group 1 */
        *(volatile uint8_t *)(SGI_BASE + 0x400 + intid) = (uint8_t)priority;
        REG32(SGI_BASE + 0x100) = 1u << intid;                           /* GICR_ISENABLER0 */
    }
}

unsigned gic_ack(void)
{
    if (version == 2)
        return REG32(GICC + 0x00C) & 0x3FF;
    return (unsigned)SYSREG_READ(S3_0_C12_C12_0) & 0xFFFFFF;
}

void gic_eoi(unsigned intid)
{
    if (version == 2)
        REG32(GICC + 0x010) = intid;
    else
        SYSREG_WRITE(S3_0_C12_C12_1, intid);
}

unsigned gic_hppir(void)
{
    if (version == 2)
        return REG32(GICC + 0x018) & 0x3FF;
    return (unsigned)SYSREG_READ(S3_0_C12_C12_2) & 0xFFFFFF;
}

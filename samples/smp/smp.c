/*
 * SMP sample: brings the secondary CPUs up with PSCI CPU_ON and exercises
 * what several CPUs share. Every line is printed by one CPU at a time, in an
 * order that does not depend on how the CPUs interleave, so the output is the
 * same here and on qemu-system-aarch64 -M virt -cpu cortex-a57 -smp N (with
 * -M virt,gic-version=3 for GICv3).
 *
 *  1. CPU_ON of MPIDRs 1, 2, ... until INVALID_PARAMETERS (the CPU count);
 *     each secondary starts at smp_secondary with x0 = its index.
 *  2. CPU_ON of a CPU that is on (ALREADY_ON), AFFINITY_INFO (ON).
 *  3. A spinlock with LDAXR/STXR and STLR (WFE while it is taken): every CPU
 *     increments a plain counter under it.
 *  4. A ticket lock taken with LDADDA when ID_AA64ISAR0_EL1.Atomic says LSE
 *     (else with LDAXR/STXR): the same count.
 *  5. Message passing with barriers (DMB ISHST / ISHLD), each secondary
 *     answering CPU 0's message.
 *  6. SEV/WFE wake-ups.
 *  7. SGIs: CPU 0 sends SGI 1 to each secondary by its target list, CPU 1
 *     sends SGI 2 to all but itself (GICD_SGIR or ICC_SGI1R_EL1).
 *  8. Each CPU's own virtual timer on its own PPI 27.
 *  9. CPU_OFF, AFFINITY_INFO (OFF), then CPU 1 on again: it powers the
 *     system off (SYSTEM_OFF from a secondary).
 */
#include "rt.h"

#define MAX_CPUS   8
#define ITERATIONS 20000

#define GICD 0x08000000UL
#define GICC 0x08010000UL
#define GICR 0x080A0000UL        /* redistributor of CPU 0; CPU n's at + n * 128 KiB */
#define REG32(a) (*(volatile uint32_t *)(a))
#define SYSREG_READ(name) ({ unsigned long v_; __asm__ volatile("mrs %0, " #name : "=r"(v_)); v_; })
#define SYSREG_WRITE(name, v) __asm__ volatile("msr " #name ", %0" : : "r"((unsigned long)(v)) : "memory")

#define PSCI_CPU_OFF        0x84000002u
#define PSCI_AFFINITY_INFO  0xC4000004u

extern char smp_secondary[];

static int gic_v3;
static unsigned ncpus = 1;

/* Shared between the CPUs (Normal write-back memory). */
static volatile unsigned online[MAX_CPUS];
static volatile unsigned phase;                 /* CPU 0 moves the secondaries on */
static volatile unsigned done[MAX_CPUS];        /* the last phase each CPU finished */
static unsigned spin;                           /* the LDAXR/STXR spinlock */
static unsigned long locked_count;              /* incremented under spin */
static struct { unsigned next, owner; } ticket; /* the ticket lock */
static unsigned long ticket_count;              /* incremented under ticket */
static volatile unsigned long message[MAX_CPUS], message_flag[MAX_CPUS];
static volatile unsigned long answer[MAX_CPUS], answer_flag[MAX_CPUS];
static volatile unsigned wake_flag, woken[MAX_CPUS];
static volatile unsigned sgi_count[MAX_CPUS][16], sgi_source[MAX_CPUS][16];
static volatile unsigned timer_fired[MAX_CPUS];

static unsigned cpu_index(void) { return (unsigned)(SYSREG_READ(mpidr_el1) & 0xff); }
static void sev(void) { __asm__ volatile("dsb ish\n\tsev" : : : "memory"); }
static void wfe(void) { __asm__ volatile("wfe" : : : "memory"); }
static void wfi(void) { __asm__ volatile("wfi" : : : "memory"); }

static const char *psci_name(long r)
{
    switch (r) {
    case 0: return "SUCCESS";
    case -1: return "NOT_SUPPORTED";
    case -2: return "INVALID_PARAMETERS";
    case -4: return "ALREADY_ON";
    case -5: return "ON_PENDING";
    default: return "?";
    }
}

static long affinity_info(unsigned long mpidr) { return psci_call(PSCI_AFFINITY_INFO, mpidr, 0, 0); }

/* ---- locks ---- */

static void spin_lock(unsigned *lock)
{
    unsigned tmp;
    __asm__ volatile(
        "   sevl\n"
        "1: wfe\n"
        "2: ldaxr   %w0, [%1]\n"
        "   cbnz    %w0, 1b\n"
        "   stxr    %w0, %w2, [%1]\n"
        "   cbnz    %w0, 2b\n"
        : "=&r"(tmp) : "r"(lock), "r"(1u) : "memory");
}

static void spin_unlock(unsigned *lock)
{
    __asm__ volatile("stlr wzr, [%0]" : : "r"(lock) : "memory");
}

static int has_lse(void) { return ((SYSREG_READ(id_aa64isar0_el1) >> 20) & 0xf) >= 2; }

static void ticket_lock(void)
{
    unsigned mine, tmp, now;
    if (has_lse()) {
        __asm__ volatile(".arch armv8.1-a\n\tldadda %w2, %w0, [%1]"
                         : "=&r"(mine) : "r"(&ticket.next), "r"(1u) : "memory");
    } else {
        __asm__ volatile(
            "1: ldaxr   %w0, [%3]\n"
            "   add     %w1, %w0, #1\n"
            "   stxr    %w2, %w1, [%3]\n"
            "   cbnz    %w2, 1b\n"
            : "=&r"(mine), "=&r"(tmp), "=&r"(now) : "r"(&ticket.next) : "memory");
    }
    /* Wait for our turn: LDAXR arms the monitor, so the owner's release wakes the WFE. */
    __asm__ volatile(
        "   sevl\n"
        "1: wfe\n"
        "   ldaxr   %w0, [%1]\n"
        "   cmp     %w0, %w2\n"
        "   b.ne    1b\n"
        : "=&r"(now) : "r"(&ticket.owner), "r"(mine) : "memory", "cc");
}

static void ticket_unlock(void)
{
    unsigned next = ticket.owner + 1;
    __asm__ volatile("stlr %w0, [%1]" : : "r"(next), "r"(&ticket.owner) : "memory");
}

static void count_under_locks(void)
{
    for (int i = 0; i < ITERATIONS; i++) {
        spin_lock(&spin);
        locked_count++;
        spin_unlock(&spin);
    }
    for (int i = 0; i < ITERATIONS; i++) {
        ticket_lock();
        ticket_count++;
        ticket_unlock();
    }
}

/* ---- GIC: every CPU sets up its own CPU interface (and redistributor) ---- */

static void gic_cpu_init(unsigned cpu)
{
    if (!gic_v3) {
        REG32(GICD + 0x100) = 0xFFFFu | 1u << 27; /* GICD_ISENABLER0 (banked): SGIs, virtual timer */
        REG32(GICC + 0x004) = 0xF0;               /* GICC_PMR */
        REG32(GICC + 0x000) = 1;                  /* GICC_CTLR: EnableGrp0 */
    } else {
        unsigned long rd = GICR + cpu * 0x20000UL, sgi = rd + 0x10000;
        REG32(rd + 0x014) &= ~2u;                 /* GICR_WAKER.ProcessorSleep = 0 */
        while (REG32(rd + 0x014) & 4u)
            ;
        REG32(sgi + 0x080) = 0xFFFFu | 1u << 27;  /* GICR_IGROUPR0: Group 1 */
        REG32(sgi + 0x100) = 0xFFFFu | 1u << 27;  /* GICR_ISENABLER0 */
        SYSREG_WRITE(S3_0_C12_C12_5, 1);          /* ICC_SRE_EL1.SRE */
        __asm__ volatile("isb");
        SYSREG_WRITE(S3_0_C4_C6_0, 0xF0);         /* ICC_PMR_EL1 */
        SYSREG_WRITE(S3_0_C12_C12_7, 1);          /* ICC_IGRPEN1_EL1 */
        __asm__ volatile("isb");
    }
    __asm__ volatile("msr daifclr, #2" : : : "memory");
}

/* SGI to the CPUs in target_list, or (all_but_self) to every CPU but this one. */
static void send_sgi(unsigned id, unsigned target_list, int all_but_self)
{
    __asm__ volatile("dsb ish" : : : "memory");
    if (!gic_v3)
        REG32(GICD + 0xF00) = (all_but_self ? 1u << 24 : target_list << 16) | id; /* GICD_SGIR */
    else {
        unsigned long v = (unsigned long)id << 24 | (all_but_self ? 1UL << 40 : target_list);
        SYSREG_WRITE(S3_0_C12_C11_5, v);          /* ICC_SGI1R_EL1 */
        __asm__ volatile("isb");
    }
}

void rt_exception(unsigned long kind, unsigned long esr, unsigned long elr, unsigned long far)
{
    if (kind != 5) {
        rt_printf("cpu %u: EXCEPTION kind=%lu ESR=0x%lx ELR=0x%lx FAR=0x%lx\n", cpu_index(), kind, esr, elr, far);
        rt_exit(1);
    }
    unsigned cpu = cpu_index();
    unsigned iar = gic_v3 ? (unsigned)SYSREG_READ(S3_0_C12_C12_0) : REG32(GICC + 0x00C);
    unsigned id = iar & 0x3FF;
    if (id < 16) {
        sgi_source[cpu][id] = (iar >> 10) & 7;
        sgi_count[cpu][id]++;
    } else if (id == 27) {
        SYSREG_WRITE(cntv_ctl_el0, 2);            /* IMASK: the level goes down */
        timer_fired[cpu] = 1;
    } else if (id == 1023) {
        return;
    }
    if (gic_v3)
        SYSREG_WRITE(S3_0_C12_C12_1, iar);        /* ICC_EOIR1_EL1 */
    else
        REG32(GICC + 0x010) = iar;                /* GICC_EOIR */
}

/*
 * Waits for an interrupt handler to set *flag. IRQs are masked while the flag
 * is tested and WFI runs (a pending interrupt ends WFI even when masked), then
 * unmasked to take it: an interrupt between the test and the WFI cannot be
 * taken there and leave the WFI waiting for another one.
 */
static void wait_for_irq(volatile unsigned *flag)
{
    for (;;) {
        __asm__ volatile("msr daifset, #2" : : : "memory");
        if (*flag)
            break;
        wfi();
        __asm__ volatile("msr daifclr, #2\n\tisb" : : : "memory");
    }
    __asm__ volatile("msr daifclr, #2" : : : "memory");
}

static void arm_own_timer(void)
{
    SYSREG_WRITE(cntv_tval_el0, 1000);
    SYSREG_WRITE(cntv_ctl_el0, 1);
    __asm__ volatile("isb");
}

/* ---- phases ---- */

enum { PHASE_LOCKS = 1, PHASE_MESSAGE, PHASE_WFE, PHASE_GIC, PHASE_SGI1, PHASE_SGI2, PHASE_TIMER, PHASE_OFF };

static void finish(unsigned cpu, unsigned p)
{
    __asm__ volatile("dmb ish" : : : "memory");
    done[cpu] = p;
    sev();
}

static void wait_phase(unsigned p)
{
    while (phase < p)
        wfe();
    __asm__ volatile("dmb ish" : : : "memory");
}

static void start_phase(unsigned p)
{
    __asm__ volatile("dmb ish" : : : "memory");
    phase = p;
    sev();
}

static void wait_secondaries(unsigned p)
{
    for (unsigned i = 1; i < ncpus; i++)
        while (done[i] < p)
            wfe();
    __asm__ volatile("dmb ish" : : : "memory");
}

void secondary_main(unsigned long context)
{
    unsigned cpu = (unsigned)(context & 0xff);
    if (context & 0x100) {
        rt_printf("cpu %u: on again (context 0x%lx), SYSTEM_OFF from here\n", cpu, context);
        psci_system_off();
    }
    online[cpu] = 1;
    sev();

    wait_phase(PHASE_LOCKS);
    count_under_locks();
    finish(cpu, PHASE_LOCKS);

    wait_phase(PHASE_MESSAGE);
    while (!message_flag[cpu])
        wfe();
    __asm__ volatile("dmb ishld" : : : "memory");
    answer[cpu] = message[cpu] * 2 + cpu;
    __asm__ volatile("dmb ishst" : : : "memory");
    answer_flag[cpu] = 1;
    finish(cpu, PHASE_MESSAGE);

    wait_phase(PHASE_WFE);
    while (!wake_flag)
        wfe();
    woken[cpu] = 1;
    finish(cpu, PHASE_WFE);

    wait_phase(PHASE_GIC);
    gic_cpu_init(cpu);
    finish(cpu, PHASE_GIC);
    wait_for_irq(&sgi_count[cpu][1]);
    finish(cpu, PHASE_SGI1);

    wait_phase(PHASE_SGI2);
    if (cpu == 1)
        send_sgi(2, 0, 1);
    else
        wait_for_irq(&sgi_count[cpu][2]);
    finish(cpu, PHASE_SGI2);

    wait_phase(PHASE_TIMER);
    arm_own_timer();
    wait_for_irq(&timer_fired[cpu]);
    finish(cpu, PHASE_TIMER);

    wait_phase(PHASE_OFF);
    __asm__ volatile("msr daifset, #2" : : : "memory");
    psci_call(PSCI_CPU_OFF, 0, 0, 0);
    rt_printf("cpu %u: CPU_OFF returned\n", cpu);
    rt_exit(1);
}

int main(void)
{
    gic_v3 = ((SYSREG_READ(id_aa64pfr0_el1) >> 24) & 0xf) != 0;
    rt_printf("smp: boot CPU MPIDR 0x%lx, GICv%d\n", SYSREG_READ(mpidr_el1), gic_v3 ? 3 : 2);

    /* 1. Bring the secondaries up, one at a time, until an MPIDR has no CPU. */
    for (unsigned i = 1; i <= MAX_CPUS; i++) {
        long r = psci_cpu_on(i, (unsigned long)smp_secondary, i);
        rt_printf("CPU_ON mpidr 0x%x: %ld %s\n", i, r, psci_name(r));
        if (r != 0)
            break;
        while (!online[i])
            wfe();
        ncpus = i + 1;
    }
    rt_printf("%u CPUs\n", ncpus);

    /* 2. ALREADY_ON, AFFINITY_INFO. */
    for (unsigned i = 0; i < ncpus; i++) {
        long r = psci_cpu_on(i, (unsigned long)smp_secondary, i);
        rt_printf("CPU_ON cpu %u again: %ld %s; AFFINITY_INFO: %ld\n", i, r, psci_name(r), affinity_info(i));
    }

    /* 3, 4. Locks. */
    start_phase(PHASE_LOCKS);
    count_under_locks();
    wait_secondaries(PHASE_LOCKS);
    rt_printf("spinlock (LDAXR/STXR/STLR): %lu of %lu\n", locked_count, (unsigned long)ncpus * ITERATIONS);
    rt_printf("ticket lock: %lu of %lu\n", ticket_count, (unsigned long)ncpus * ITERATIONS);

    /* 5. Message passing. */
    start_phase(PHASE_MESSAGE);
    for (unsigned i = 1; i < ncpus; i++) {
        message[i] = 1000 + i;
        __asm__ volatile("dmb ishst" : : : "memory");
        message_flag[i] = 1;
        sev();
    }
    for (unsigned i = 1; i < ncpus; i++) {
        while (!answer_flag[i])
            wfe();
        __asm__ volatile("dmb ishld" : : : "memory");
        rt_printf("cpu %u answered %lu\n", i, answer[i]);
    }
    wait_secondaries(PHASE_MESSAGE);

    /* 6. SEV/WFE. */
    start_phase(PHASE_WFE);
    wake_flag = 1;
    sev();
    wait_secondaries(PHASE_WFE);
    for (unsigned i = 1; i < ncpus; i++)
        rt_printf("cpu %u woke from WFE: %u\n", i, woken[i]);

    /* 7. SGIs. */
    if (!gic_v3)
        REG32(GICD + 0x000) = 1;                  /* GICD_CTLR: EnableGrp0 */
    else
        REG32(GICD + 0x000) = (1u << 4) | 2u;     /* ARE, EnableGrp1 */
    gic_cpu_init(0);
    start_phase(PHASE_GIC);
    wait_secondaries(PHASE_GIC);
    for (unsigned i = 1; i < ncpus; i++)
        send_sgi(1, 1u << i, 0);
    wait_secondaries(PHASE_SGI1);
    for (unsigned i = 1; i < ncpus; i++) {
        rt_printf("cpu %u: SGI 1 x%u", i, sgi_count[i][1]);
        if (!gic_v3)
            rt_printf(" from cpu %u", sgi_source[i][1]);
        rt_printf("\n");
    }
    if (ncpus > 1) {
        start_phase(PHASE_SGI2);
        wait_for_irq(&sgi_count[0][2]);
        wait_secondaries(PHASE_SGI2);
        for (unsigned i = 0; i < ncpus; i++) {
            rt_printf("cpu %u: SGI 2 x%u", i, sgi_count[i][2]);
            if (!gic_v3 && i != 1)
                rt_printf(" from cpu %u", sgi_source[i][2]);
            rt_printf("\n");
        }
    }

    /* 8. Every CPU's own timer. */
    start_phase(PHASE_TIMER);
    arm_own_timer();
    wait_for_irq(&timer_fired[0]);
    wait_secondaries(PHASE_TIMER);
    for (unsigned i = 0; i < ncpus; i++)
        rt_printf("cpu %u: virtual timer PPI 27 fired: %u\n", i, timer_fired[i]);

    /* 9. CPU_OFF, then CPU 1 on again powers the system off. */
    start_phase(PHASE_OFF);
    for (unsigned i = 1; i < ncpus; i++) {
        while (affinity_info(i) != 1)
            ;
        rt_printf("cpu %u: AFFINITY_INFO %ld (OFF)\n", i, affinity_info(i));
    }
    if (ncpus == 1)
        return 0;
    rt_printf("CPU_ON cpu 1 again\n");
    long r = psci_cpu_on(1, (unsigned long)smp_secondary, 0x101);
    if (r != 0)
        rt_printf("CPU_ON: %ld\n", r);
    for (;;)
        wfe();
}

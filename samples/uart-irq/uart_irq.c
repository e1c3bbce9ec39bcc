/*
 * UART receive interrupt: unmasks the PL011's receive interrupt (UARTIMSC.RXIM)
 * and SPI 1 (INTID 33) at the GIC, then sleeps in WFI; the IRQ handler drains
 * the receive FIFO. Echoes the first line it receives in upper case.
 */
#include "rt.h"
#include "../irq/gic.h"

#define UART 0x09000000UL
#define UARTIMSC (*(volatile uint32_t *)(UART + 0x038))
#define UARTICR  (*(volatile uint32_t *)(UART + 0x044))
#define INTID_UART 33

#define GICD 0x08000000UL

static char line[128];
static volatile unsigned length, done, interrupts;

void rt_exception(unsigned long kind, unsigned long esr,
                  unsigned long elr, unsigned long far)
{
    if (kind != 5) {
        rt_printf("EXCEPTION kind=%lu ESR=0x%lx ELR=0x%lx FAR=0x%lx\n", kind, esr, elr, far);
        rt_exit(1);
    }
    unsigned intid = gic_ack();
    if (intid == INTID_SPURIOUS)
        return;
    if (intid == INTID_UART) {
        interrupts++;
        int c;
        while ((c = uart_getc_nonblock()) >= 0) {
            if (c == '\n' || length == sizeof line - 1)
                done = 1;
            else if (!done)
                line[length++] = (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
        }
        UARTICR = 1u << 4;
    }
    gic_eoi(intid);
}

int main(void)
{
    gic_init();
    if (gic_version() == 2) {
        *(volatile uint8_t *)(GICD + 0x400 + INTID_UART) = 0x80;
        *(volatile uint8_t *)(GICD + 0x800 + INTID_UART) = 1;      /* ITARGETSR: CPU 0 */
    } else {
        *(volatile uint32_t *)(GICD + 0x084) |= 1u << (INTID_UART - 32); /* Group 1 */
        *(volatile uint8_t *)(GICD + 0x400 + INTID_UART) = 0x80;
        *(volatile uint64_t *)(GICD + 0x6000 + 8 * INTID_UART) = 0; /* route to 0.0.0.0 */
    }
    *(volatile uint32_t *)(GICD + 0x104) = 1u << (INTID_UART - 32);  /* ISENABLER1 */
    UARTIMSC = 1u << 4;                                               /* RXIM */
    rt_printf("uart-irq: waiting for a line\n");
    __asm__ volatile("msr daifclr, #2" ::: "memory");
    while (!done)
        __asm__ volatile("wfi");
    __asm__ volatile("msr daifset, #2" ::: "memory");
    line[length] = 0;
    rt_printf("got: %s\n", line);
    return 0;
}

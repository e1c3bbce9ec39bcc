/*
 * VBAR_EL1 points at zeroed RAM (0x40200000, never written), then UDF #0.
 * The exception enters the vector, whose first instruction (0x00000000) is
 * itself undefined, so the CPU takes the same exception at the vector forever
 * (ELR_EL1 = 0x40200200, ESR_EL1 = 0x02000000). Never exits.
 */
#define UART_DR  0x09000000
#define UART_FR  0x09000018

    .section .text.boot, "ax"
    .global _start
_start:
    adr     x1, msg
    mov     x2, #UART_DR
1:  ldrb    w0, [x1], #1
    cbz     w0, 3f
2:  ldr     w3, [x2, #0x18]         /* FR */
    tbnz    w3, #5, 2b              /* TXFF */
    str     w0, [x2]                /* DR */
    b       1b
3:
    mov     x0, #0x40200000
    msr     vbar_el1, x0
    isb
    udf     #0
4:  b       4b                      /* not reached */

    .section .rodata
msg:
    .asciz  "novectors: about to fault\n"

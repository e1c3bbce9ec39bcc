// An RTC alarm on a GICv2 uniprocessor guest that never writes GICD_ITARGETSR: the PL031 (SPI 2,
// INTID 34) match register is set one second ahead, the interrupt enabled at the distributor
// with a priority, and the guest sleeps in WFI until its IRQ vector acknowledges INTID 34.
        .include "common.inc"

        .equ    GICD, 0x08000000
        .equ    GICC, 0x08010000
        .equ    RTC, 0x09010000

        .global _start
_start: adr     x0, vectors
        msr     vbar_el1, x0
        movz    x28, #0x0900, lsl #16
        movz    x20, #(GICD >> 16), lsl #16
        movz    x21, #(GICC >> 16), lsl #16
        movz    x22, #(RTC >> 16), lsl #16
        isb

        adr     x0, s_targets
        bl      puts
        ldr     w0, [x20, #0x820]       // GICD_ITARGETSR8 (INTIDs 32-35): RAZ on a uniprocessor GIC
        bl      puthex
        bl      newline

        mov     w0, #1
        str     w0, [x20]               // GICD_CTLR: EnableGrp0
        mov     w0, #0xf0
        str     w0, [x21, #4]           // GICC_PMR
        mov     w0, #1
        str     w0, [x21]               // GICC_CTLR
        mov     w0, #0x80
        strb    w0, [x20, #0x422]       // GICD_IPRIORITYR byte of INTID 34
        mov     w0, #(1 << 2)
        str     w0, [x20, #0x104]       // GICD_ISENABLER1: INTID 34

        ldr     w0, [x22]               // RTCDR
        add     w0, w0, #1
        str     w0, [x22, #4]           // RTCMR: one second from now
        mov     w0, #1
        str     w0, [x22, #0x10]        // RTCIMSC: the alarm interrupt

        mov     x27, #0                 // set by the IRQ vector
        msr     daifclr, #2
1:      wfi
        cbz     x27, 1b
        msr     daifset, #2

        adr     x0, s_irq
        bl      puts
        mov     x0, x27
        bl      puthex
        bl      newline
        poweroff

irq:    ldr     w27, [x21, #0xc]        // GICC_IAR
        mov     w0, #1
        str     w0, [x22, #0x1c]        // RTCICR: clear the alarm
        str     w27, [x21, #0x10]       // GICC_EOIR
        and     x27, x27, #0x3ff
        eret

        .balign 0x800
vectors:
        .skip   0x200
        b       unexpected
        .balign 0x80
        b       irq
        .balign 0x80
        b       unexpected
        .balign 0x80
        b       unexpected
        .balign 0x800

unexpected:
        adr     x0, s_unexp
        bl      puts
        poweroff

s_targets: .asciz "GICD_ITARGETSR8 "
s_irq:  .asciz  "rtc alarm interrupt, INTID "
s_unexp: .asciz "unexpected exception\n"

// A guest that takes the synchronous external abort of accesses that cannot be emulated: a load
// pair, a store pair and a writeback load to an address where QEMU virt has no device, and an
// LDP from the PL011 (a device, but no instruction syndrome for the hypervisor). Its EL1
// synchronous vector records ESR_EL1, FAR_EL1 and ELR_EL1, steps over the instruction and
// returns; the main line prints what it saw and goes on.
        .include "common.inc"

        .equ    HOLE, 0x0b000000

        .global _start
_start: adr     x0, vectors
        msr     vbar_el1, x0
        isb
        movz    x28, #0x0900, lsl #16
        movz    x20, #(HOLE >> 16), lsl #16

        adr     x0, s_ldp
        bl      puts
        adr     x25, i_ldp
i_ldp:  ldp     x4, x5, [x20]
        bl      report

        adr     x0, s_stp
        bl      puts
        adr     x25, i_stp
i_stp:  stp     x4, x5, [x20, #16]
        bl      report

        adr     x0, s_post
        bl      puts
        mov     x21, x20
        adr     x25, i_post
i_post: ldr     x4, [x21], #8
        bl      report
        sub     x0, x21, x20            // the base was not written back
        bl      puthex
        bl      newline

        adr     x0, s_uart
        bl      puts
        add     x22, x28, #0x18         // UARTFR
        adr     x25, i_uart
i_uart: ldp     w4, w5, [x22]
        bl      report

        adr     x0, s_done
        bl      puts
        poweroff

// Prints "ESR <esr> FAR <far> ELR-PC <elr - x25>\n" from what the vector saved, then clears it.
report: mov     x27, x30
        adr     x0, s_esr
        bl      puts
        mov     x0, x24
        bl      puthex
        adr     x0, s_far
        bl      puts
        mov     x0, x23
        bl      puthex
        adr     x0, s_elr
        bl      puts
        sub     x0, x26, x25
        bl      puthex
        bl      newline
        mov     x24, #0
        mov     x23, #0
        mov     x26, #0
        ret     x27

        .balign 0x800
vectors:
        .skip   0x200
        // Current EL with SP_ELx, synchronous: record and step over the instruction.
        mrs     x24, esr_el1
        mrs     x23, far_el1
        mrs     x26, elr_el1
        add     x0, x26, #4
        msr     elr_el1, x0
        eret
        .balign 0x80
        // IRQ, FIQ, SError at the current EL: unexpected.
        b       unexpected
        .balign 0x80
        b       unexpected
        .balign 0x80
        b       unexpected
        .balign 0x800

unexpected:
        adr     x0, s_unexp
        bl      puts
        poweroff

s_ldp:  .asciz  "ldp from a hole: "
s_stp:  .asciz  "stp to a hole: "
s_post: .asciz  "ldr post-index from a hole: "
s_uart: .asciz  "ldp from the pl011: "
s_esr:  .asciz  "ESR "
s_far:  .asciz  " FAR "
s_elr:  .asciz  " ELR-PC "
s_done: .asciz  "went on after every abort\n"
s_unexp: .asciz "unexpected exception\n"

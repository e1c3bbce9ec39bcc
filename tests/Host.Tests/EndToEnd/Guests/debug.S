// Self-hosted debug at EL1: BRK, a hardware breakpoint, a watchpoint on stores and on loads, and
// software step through a few instructions (a branch and a load-exclusive among them). Every
// debug exception goes to the EL1 synchronous vector, which prints its syndrome and where it
// happened relative to the instruction the main line expected (x25).
        .include "common.inc"

        .global _start
_start: adr     x0, vectors
        msr     vbar_el1, x0
        movz    x28, #0x0900, lsl #16
        msr     oslar_el1, xzr          // the OS lock is set by reset
        msr     daifclr, #8             // PSTATE.D = 0
        isb

        adr     x25, i_brk
i_brk:  brk     #0x42

        // Hardware breakpoint 0 on i_bp: BAS 0b1111, PMC 0b11, E; MDSCR_EL1.MDE and KDE.
        adr     x0, i_bp
        msr     dbgbvr0_el1, x0
        mov     x0, #0x1e7
        msr     dbgbcr0_el1, x0
        mov     x0, #(1 << 15 | 1 << 13)
        msr     mdscr_el1, x0
        isb
        adr     x25, i_bp
i_bp:   nop
        msr     dbgbcr0_el1, xzr

        // Watchpoint 0 on the doubleword at wdata: BAS 0xff, LSC stores only, then loads only.
        adr     x20, wdata
        msr     dbgwvr0_el1, x20
        mov     x0, #0x1ff7             // BAS 0xff, LSC 0b10, PAC 0b11, E
        msr     dbgwcr0_el1, x0
        isb
        ldr     x1, [x20]               // a load: no match
        adr     x25, i_wst
i_wst:  str     x1, [x20]
        mov     x0, #0x1fef             // LSC 0b01: loads
        msr     dbgwcr0_el1, x0
        isb
        str     x1, [x20, #8]           // a store: no match
        str     x1, [x20]               // a store: no match
        adr     x25, i_wld
i_wld:  ldrb    w1, [x20, #7]
        msr     dbgwcr0_el1, xzr

        // Software step: ERET to step_code with SPSR_EL1.SS = 1 (EL1h, D = 0), MDSCR_EL1.SS and
        // KDE. PSTATE.D is set first, so that the step is inactive here and the ERET copies SPSR.SS.
        msr     daifset, #8
        mov     x0, #(1 << 13 | 1)
        msr     mdscr_el1, x0
        adr     x0, step_code
        msr     elr_el1, x0
        movz    x0, #0x5                // EL1h, DAIF clear
        movk    x0, #(1 << 5), lsl #16  // SS (bit 21)
        msr     spsr_el1, x0
        adr     x25, step_code
        isb
        eret

step_code:
        mov     x10, #1
        add     x10, x10, #2
        b       1f
        nop
1:      ldxr    x11, [x20]
        clrex
step_end:
        adr     x0, s_done
        bl      puts
        poweroff

// EL1 synchronous exceptions: print "EC <ec> ESR <esr> ELR-X25 <off>" (and FAR-wdata for a
// watchpoint); a step continues stepping until step_end, anything else steps over the instruction.
sync:   mrs     x24, esr_el1
        mrs     x26, elr_el1
        adr     x0, s_esr
        bl      puts
        mov     x0, x24
        bl      puthex
        adr     x0, s_elr
        bl      puts
        sub     x0, x26, x25
        bl      puthex
        lsr     x1, x24, #26
        cmp     x1, #0x35
        b.ne    1f
        adr     x0, s_far
        bl      puts
        mrs     x0, far_el1
        sub     x0, x0, x20
        bl      puthex
1:      bl      newline
        lsr     x1, x24, #26
        cmp     x1, #0x33
        b.eq    step
        add     x26, x26, #4
        msr     elr_el1, x26
        eret
step:   adr     x0, step_end
        cmp     x26, x0
        b.eq    2f
        mrs     x0, spsr_el1
        orr     x0, x0, #(1 << 21)      // step the next instruction too
        msr     spsr_el1, x0
        eret
2:      msr     mdscr_el1, xzr
        eret

        .balign 0x800
vectors:
        .skip   0x200
        b       sync
        .balign 0x80
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

        .balign 8
wdata:  .quad   0x1122334455667788
        .quad   0

s_esr:  .asciz  "ESR "
s_elr:  .asciz  " ELR-expected "
s_far:  .asciz  " FAR-wdata "
s_done: .asciz  "done\n"
s_unexp: .asciz "unexpected exception\n"

// PMUv3 at EL1: the identification and register behaviour QEMU's TCG also implements (PMUVer,
// PMCR_EL0.N, PMCNTENSET's implemented bits, SW_INCR through PMSWINC_EL0 with its 32-bit
// overflow, PMSELR_EL0/PMXEVCNTR_EL0 indirection, PMCR_EL0.P, PMUSERENR_EL0's bits), then, when
// PMCEID0_EL0 lists L1D_CACHE_REFILL (0x03), the refills of a 4 KiB load sweep through a
// write-back mapping and through a Non-cacheable alias of the same buffer, and the total the
// counter counted from the first instruction (compared with the run's report by the test); then
// BR_RETIRED and MEM_ACCESS over the write-back sweep, BUS_ACCESS over the Non-cacheable one, and
// EXC_TAKEN and BR_RETIRED (the ERETs) over two SVCs.
        .include "common.inc"

        .global _start
_start: mov     x0, #0x03               // counter 1: L1D_CACHE_REFILL, from here to the end
        msr     pmevtyper1_el0, x0
        mov     x0, #2
        msr     pmcntenset_el0, x0
        mov     x0, #1                  // PMCR_EL0.E
        msr     pmcr_el0, x0
        isb
        movz    x28, #0x0900, lsl #16

        adr     x0, s_pmuver
        bl      puts
        mrs     x0, id_aa64dfr0_el1
        ubfx    x0, x0, #8, #4
        bl      puthex
        bl      newline

        adr     x0, s_n
        bl      puts
        mrs     x0, pmcr_el0
        ubfx    x0, x0, #11, #5
        bl      puthex
        bl      newline

        adr     x0, s_cnten                 // PMCNTENSET keeps P0..P5 and C
        bl      puts
        mov     x4, #-1
        msr     pmcntenset_el0, x4
        mrs     x0, pmcntenset_el0
        mov     x4, #0x7fffffff
        msr     pmcntenclr_el0, x4          // leave C, and counter 1 for the end
        mov     x4, #2
        msr     pmcntenset_el0, x4
        bl      puthex
        bl      newline

        adr     x0, s_swinc                 // counter 0 counts SW_INCR (event 0)
        bl      puts
        msr     pmevtyper0_el0, xzr
        msr     pmevcntr0_el0, xzr
        mov     x4, #1
        msr     pmcntenset_el0, x4
        msr     pmswinc_el0, x4
        msr     pmswinc_el0, x4
        msr     pmswinc_el0, x4
        msr     pmswinc_el0, x4
        msr     pmswinc_el0, x4
        mov     x5, #2                      // counter 1 does not count SW_INCR: no effect
        msr     pmswinc_el0, x5
        mrs     x0, pmevcntr0_el0
        bl      puthex
        bl      newline

        adr     x0, s_wrap                  // 0xffffffff + 1 wraps to 0 and sets PMOVSSET.P0
        bl      puts
        mov     x4, #0xffffffff
        msr     pmevcntr0_el0, x4
        mov     x4, #1
        msr     pmswinc_el0, x4
        mrs     x0, pmevcntr0_el0
        bl      puthex
        adr     x0, s_ovs
        bl      puts
        mrs     x0, pmovsset_el0
        and     x0, x0, #1
        bl      puthex
        bl      newline
        mov     x4, #1
        msr     pmovsclr_el0, x4

        adr     x0, s_xev                   // PMSELR_EL0 = 2: PMXEVCNTR_EL0 is PMEVCNTR2_EL0
        bl      puts
        mov     x4, #2
        msr     pmselr_el0, x4
        mov     x4, #0x1234
        msr     pmxevcntr_el0, x4
        mrs     x0, pmevcntr2_el0
        bl      puthex
        bl      newline

        adr     x0, s_p                     // PMCR_EL0.P zeroes the event counters
        bl      puts
        mov     x4, #3
        msr     pmcr_el0, x4
        mrs     x0, pmevcntr2_el0
        bl      puthex
        bl      newline

        adr     x0, s_user                  // PMUSERENR_EL0 keeps EN, SW, CR, ER
        bl      puts
        mov     x4, #0xff
        msr     pmuserenr_el0, x4
        mrs     x0, pmuserenr_el0
        bl      puthex
        bl      newline
        msr     pmuserenr_el0, xzr

        mrs     x0, pmceid0_el0
        tbnz    x0, #3, caches
        adr     x0, s_norefill
        bl      puts
        poweroff

// MMU on: VA 0x00000000 Device, VA 0x40000000 Normal write-back, VA 0x80000000 the same PA
// Normal Non-cacheable (1 GiB level-1 blocks, 4 KiB granule, T0SZ 25).
caches: mov     x0, #0xff00                 // MAIR: Attr0 Device-nGnRnE, Attr1 WB, Attr2 NC
        movk    x0, #0x44, lsl #16
        msr     mair_el1, x0
        movz    x0, #0x3519                 // T0SZ 25, IRGN0/ORGN0 WB, SH0 inner
        movk    x0, #0x80, lsl #16          // EPD1
        msr     tcr_el1, x0
        adr     x0, tt
        msr     ttbr0_el1, x0
        tlbi    vmalle1
        dsb     sy
        isb
        mrs     x0, sctlr_el1
        mov     x1, #0x1005                 // M, C, I
        orr     x0, x0, x1
        msr     sctlr_el1, x0
        isb

        mov     x0, #0x21                   // counter 2 BR_RETIRED, 3 EXC_TAKEN, 4 MEM_ACCESS, 5 BUS_ACCESS
        msr     pmevtyper2_el0, x0
        mov     x0, #0x09
        msr     pmevtyper3_el0, x0
        mov     x0, #0x13
        msr     pmevtyper4_el0, x0
        mov     x0, #0x19
        msr     pmevtyper5_el0, x0
        mov     x0, #0x3c
        msr     pmcntenset_el0, x0
        adr     x0, vectors
        msr     vbar_el1, x0
        isb

        adr     x20, buf
        mrs     x21, pmevcntr1_el0
        mrs     x24, pmevcntr2_el0
        mrs     x25, pmevcntr4_el0
        mov     x1, x20
        bl      sweep
        mrs     x26, pmevcntr4_el0
        mrs     x27, pmevcntr2_el0
        mrs     x22, pmevcntr1_el0
        mov     x5, #0x40000000
        add     x1, x20, x5                 // the Non-cacheable alias
        mrs     x15, pmevcntr5_el0
        bl      sweep
        mrs     x16, pmevcntr5_el0
        mrs     x23, pmevcntr1_el0
        mrs     x17, pmevcntr3_el0
        mrs     x18, pmevcntr2_el0
        svc     #0                          // two exceptions, each returned from (two ERETs)
        svc     #1
        mrs     x19, pmevcntr3_el0
        mrs     x14, pmevcntr2_el0

        adr     x0, s_wb
        bl      puts
        sub     x0, x22, x21
        bl      puthex
        adr     x0, s_nc
        bl      puts
        sub     x0, x23, x22
        bl      puthex
        adr     x0, s_br
        bl      puts
        sub     x0, x27, x24
        bl      puthex
        adr     x0, s_mem
        bl      puts
        sub     x0, x26, x25
        bl      puthex
        adr     x0, s_exc
        bl      puts
        sub     x0, x19, x17
        bl      puthex
        adr     x0, s_eret
        bl      puts
        sub     x0, x14, x18
        bl      puthex
        adr     x0, s_bus
        bl      puts
        sub     x0, x16, x15
        bl      puthex
        adr     x0, s_total
        bl      puts
        mrs     x0, pmevcntr1_el0           // from here on nothing is read through the L1D
        bl      puthex
        bl      newline
        poweroff

// The synchronous exception from the current EL with SP_ELx returns to the instruction after the SVC.
        .balign 2048
vectors: .fill  0x200, 1, 0
        eret

// One load from each of the 64 lines of the 4 KiB at x1.
sweep:  mov     x2, #64
1:      ldr     x3, [x1]
        add     x1, x1, #64
        subs    x2, x2, #1
        b.ne    1b
        ret

s_pmuver: .asciz "PMUVer "
s_n:    .asciz  "PMCR.N "
s_cnten: .asciz "PMCNTENSET "
s_swinc: .asciz "SW_INCR "
s_wrap: .asciz  "wrap "
s_ovs:  .asciz  " PMOVSSET.P0 "
s_xev:  .asciz  "PMXEVCNTR(SEL 2) "
s_p:    .asciz  "after PMCR.P "
s_user: .asciz  "PMUSERENR "
s_norefill: .asciz "L1D_CACHE_REFILL not implemented\n"
s_wb:   .asciz  "L1D_CACHE_REFILL write-back sweep "
s_nc:   .asciz  "\nL1D_CACHE_REFILL non-cacheable sweep "
s_total: .asciz "\nL1D_CACHE_REFILL total "
s_br:   .asciz  "\nBR_RETIRED write-back sweep "
s_mem:  .asciz  "\nMEM_ACCESS write-back sweep "
s_bus:  .asciz  "\nBUS_ACCESS non-cacheable sweep "
s_exc:  .asciz  "\nEXC_TAKEN two SVCs "
s_eret: .asciz  "\nBR_RETIRED two SVCs "

        .balign 4096
tt:     .quad   0x00000401                  // Device, AF
        .quad   0x40000705                  // Normal WB (Attr1), inner shareable, AF
        .quad   0x40000609                  // Normal NC (Attr2), outer shareable, AF
        .fill   509, 8, 0
buf:    .fill   4096, 1, 0

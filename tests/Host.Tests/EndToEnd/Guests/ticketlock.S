// A contended ticket lock on two CPUs: CPU 0 starts CPU 1 with PSCI CPU_ON, then both take the
// lock 3000 times each (a ticket from LDAXR/STXR on `next`, waiting for `owner` with SEVL/WFE and
// LDAXR, as Linux's arch_spin_lock did), add one to a counter inside it and release it with STLR.
// Each CPU takes its next ticket right after a release, so under contention the lock changes hands
// on every acquisition. CPU 0 prints the counter (0x1770) and powers off once CPU 1 says it is done.
        .include "common.inc"

        .equ    ROUNDS, 3000

        .global _start
_start: movz    x28, #0x0900, lsl #16
        movz    x0, #0x0003             // PSCI CPU_ON (64-bit): 0xC4000003
        movk    x0, #0xc400, lsl #16
        mov     x1, #1                  // target MPIDR: CPU 1
        adr     x2, secondary
        mov     x3, #0
        hvc     #0
        bl      contend
        adr     x4, done
1:      ldar    w0, [x4]
        cbnz    w0, 2f
        wfe
        b       1b
2:      adr     x0, s_counter
        bl      puts
        adr     x4, counter
        ldr     w0, [x4]
        bl      puthex
        bl      newline
        poweroff

secondary:
        movz    x28, #0x0900, lsl #16
        bl      contend
        adr     x4, done
        mov     w0, #1
        stlr    w0, [x4]
        sev
        movz    x0, #0x0002             // PSCI CPU_OFF: 0x84000002
        movk    x0, #0x8400, lsl #16
        hvc     #0
3:      b       3b

// contend: ROUNDS times take the lock, add one to the counter, release it. Clobbers x0-x7.
contend:
        mov     x7, #ROUNDS
        adr     x5, next
        adr     x6, owner
take:   ldaxr   w1, [x5]                // w1: my ticket
        add     w2, w1, #1
        stxr    w3, w2, [x5]
        cbnz    w3, take
        sevl
wait:   wfe
        ldaxr   w2, [x6]
        cmp     w2, w1
        b.ne    wait
        adr     x4, counter             // the critical section
        ldr     w0, [x4]
        add     w0, w0, #1
        str     w0, [x4]
        add     w1, w1, #1
        stlr    w1, [x6]                // release: owner = my ticket + 1
        subs    x7, x7, #1
        b.ne    take
        ret

s_counter: .asciz "counter "

        .data
        .balign 64
next:   .word   0
        .balign 64
owner:  .word   0
        .balign 64
counter: .word  0
        .balign 64
done:   .word   0

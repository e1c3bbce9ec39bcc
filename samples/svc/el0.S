/*
 * void enter_el0(void (*fn)(void), void *sp_el0): saves the callee-saved
 * registers, drops to EL0t at fn with the given stack (interrupts masked).
 * The EL1 handler of the final SVC returns to el1_return (ELR_EL1) in EL1h,
 * which restores the saved state and returns to enter_el0's caller.
 */
    .text
    .global enter_el0
    .type   enter_el0, %function
    .balign 4
enter_el0:
    stp     x29, x30, [sp, #-96]!
    stp     x19, x20, [sp, #16]
    stp     x21, x22, [sp, #32]
    stp     x23, x24, [sp, #48]
    stp     x25, x26, [sp, #64]
    stp     x27, x28, [sp, #80]
    adrp    x2, el1_saved_sp
    mov     x3, sp
    str     x3, [x2, :lo12:el1_saved_sp]
    msr     sp_el0, x1
    msr     elr_el1, x0
    mov     x2, #0x3c0              /* SPSR: EL0t, D, A, I, F masked */
    msr     spsr_el1, x2
    eret
    .size   enter_el0, . - enter_el0

    .global el1_return
    .type   el1_return, %function
el1_return:
    adrp    x2, el1_saved_sp
    ldr     x3, [x2, :lo12:el1_saved_sp]
    mov     sp, x3
    ldp     x19, x20, [sp, #16]
    ldp     x21, x22, [sp, #32]
    ldp     x23, x24, [sp, #48]
    ldp     x25, x26, [sp, #64]
    ldp     x27, x28, [sp, #80]
    ldp     x29, x30, [sp], #96
    ret
    .size   el1_return, . - el1_return

    .bss
    .balign 8
el1_saved_sp:
    .space  8

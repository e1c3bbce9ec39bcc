/*
 * Entry point, stack, .bss clearing and default exception vectors for the
 * sample guests. Runs at EL1 with the MMU and caches off.
 *
 * FP and Advanced SIMD are enabled first (CPACR_EL1.FPEN = 0b11), so the
 * samples are built as ordinary compiled C is, without -mgeneral-regs-only;
 * the exception vectors save and restore q0-q31, FPCR and FPSR with the
 * general registers, since a handler's C code may use them too.
 *
 * Boot protocol (QEMU virt, ELF kernel): x0 = device tree address, or 0 when
 * the loader passes none, in which case the DTB is assumed at 0x40000000
 * (where QEMU puts it for non-Linux images).
 */

#define STACK_SIZE   0x10000      /* 64 KiB */
#define XFRAME_SIZE  (32 * 8)     /* x0-x30 + padding, 16-byte aligned */
#define FRAME_SIZE   (XFRAME_SIZE + 32 * 16 + 16) /* + q0-q31, FPCR, FPSR */

    .section .text.boot, "ax"
    .global _start
    .type   _start, %function
_start:
    mov     x19, x0                 /* keep the DTB pointer */
    msr     daifset, #0xf           /* mask D, A, I, F */
    mov     x1, #(3 << 20)          /* CPACR_EL1.FPEN = 0b11: no FP/SIMD traps */
    msr     cpacr_el1, x1
    isb

    adrp    x1, rt_stack_top
    add     x1, x1, :lo12:rt_stack_top
    mov     sp, x1

    adrp    x1, __bss_start         /* zero .bss (includes the stack) */
    add     x1, x1, :lo12:__bss_start
    adrp    x2, __bss_end
    add     x2, x2, :lo12:__bss_end
1:  cmp     x1, x2
    b.hs    2f
    str     xzr, [x1], #8
    b       1b
2:
    adrp    x1, rt_vectors
    add     x1, x1, :lo12:rt_vectors
    msr     vbar_el1, x1
    isb

    cbnz    x19, 3f
    mov     x19, #0x40000000
3:  adrp    x1, rt_dtb
    str     x19, [x1, :lo12:rt_dtb]

    bl      main
    bl      rt_exit                 /* exit status = main's return value */
4:  wfi
    b       4b
    .size   _start, . - _start

/*
 * long sh_call(unsigned op, void *arg): Arm semihosting trap (A64: HLT #0xF000).
 * If semihosting is not available the HLT is an undefined instruction; the
 * vector code below recognises this address and makes the call return -1.
 */
    .text
    .global sh_call
    .type   sh_call, %function
    .balign 4
sh_call:
    .global rt_sh_trap
rt_sh_trap:
    hlt     #0xf000
    ret
    .size   sh_call, . - sh_call

/*
 * Exception vectors: 16 entries of 0x80 bytes, 2 KiB aligned.
 * kind = entry index: 0-3 current EL with SP_EL0 (sync, IRQ, FIQ, SError),
 * 4-7 current EL with SP_ELx, 8-11 lower EL AArch64, 12-15 lower EL AArch32.
 * Each entry saves x0-x30 and calls rt_exception(kind, esr, elr, far); if
 * that returns, the registers are restored and ERET resumes at ELR_EL1
 * (which the handler may have changed with msr).
 */
    .macro  VENTRY kind
    .balign 0x80
    sub     sp, sp, #FRAME_SIZE
    stp     x0, x1, [sp, #0]
    mov     x0, #\kind
    b       rt_vector_common
    .endm

    .section .text.vectors, "ax"
    .balign 0x800
    .global rt_vectors
rt_vectors:
    VENTRY  0
    VENTRY  1
    VENTRY  2
    VENTRY  3
    VENTRY  4
    VENTRY  5
    VENTRY  6
    VENTRY  7
    VENTRY  8
    VENTRY  9
    VENTRY  10
    VENTRY  11
    VENTRY  12
    VENTRY  13
    VENTRY  14
    VENTRY  15

    .balign 0x80
rt_vector_common:
    stp     x2, x3, [sp, #16]
    stp     x4, x5, [sp, #32]
    stp     x6, x7, [sp, #48]
    stp     x8, x9, [sp, #64]
    stp     x10, x11, [sp, #80]
    stp     x12, x13, [sp, #96]
    stp     x14, x15, [sp, #112]
    stp     x16, x17, [sp, #128]
    stp     x18, x19, [sp, #144]
    stp     x20, x21, [sp, #160]
    stp     x22, x23, [sp, #176]
    stp     x24, x25, [sp, #192]
    stp     x26, x27, [sp, #208]
    stp     x28, x29, [sp, #224]
    str     x30, [sp, #240]
    add     x4, sp, #XFRAME_SIZE
    stp     q0, q1, [x4, #0]
    stp     q2, q3, [x4, #32]
    stp     q4, q5, [x4, #64]
    stp     q6, q7, [x4, #96]
    stp     q8, q9, [x4, #128]
    stp     q10, q11, [x4, #160]
    stp     q12, q13, [x4, #192]
    stp     q14, q15, [x4, #224]
    stp     q16, q17, [x4, #256]
    stp     q18, q19, [x4, #288]
    stp     q20, q21, [x4, #320]
    stp     q22, q23, [x4, #352]
    stp     q24, q25, [x4, #384]
    stp     q26, q27, [x4, #416]
    stp     q28, q29, [x4, #448]
    stp     q30, q31, [x4, #480]
    mrs     x5, fpcr
    mrs     x6, fpsr
    add     x7, x4, #512
    stp     x5, x6, [x7]

    mrs     x1, esr_el1
    mrs     x2, elr_el1
    mrs     x3, far_el1

    /* Semihosting not available: HLT at rt_sh_trap is undefined. */
    cmp     x0, #4
    b.ne    5f
    adrp    x4, rt_sh_trap
    add     x4, x4, :lo12:rt_sh_trap
    cmp     x2, x4
    b.ne    5f
    mov     x4, #-1
    str     x4, [sp, #0]            /* sh_call returns -1 */
    add     x2, x2, #4
    msr     elr_el1, x2
    b       6f

5:  bl      rt_exception

6:  add     x4, sp, #XFRAME_SIZE
    add     x7, x4, #512
    ldp     x5, x6, [x7]
    msr     fpcr, x5
    msr     fpsr, x6
    ldp     q0, q1, [x4, #0]
    ldp     q2, q3, [x4, #32]
    ldp     q4, q5, [x4, #64]
    ldp     q6, q7, [x4, #96]
    ldp     q8, q9, [x4, #128]
    ldp     q10, q11, [x4, #160]
    ldp     q12, q13, [x4, #192]
    ldp     q14, q15, [x4, #224]
    ldp     q16, q17, [x4, #256]
    ldp     q18, q19, [x4, #288]
    ldp     q20, q21, [x4, #320]
    ldp     q22, q23, [x4, #352]
    ldp     q24, q25, [x4, #384]
    ldp     q26, q27, [x4, #416]
    ldp     q28, q29, [x4, #448]
    ldp     q30, q31, [x4, #480]
    ldp     x0, x1, [sp, #0]
    ldp     x2, x3, [sp, #16]
    ldp     x4, x5, [sp, #32]
    ldp     x6, x7, [sp, #48]
    ldp     x8, x9, [sp, #64]
    ldp     x10, x11, [sp, #80]
    ldp     x12, x13, [sp, #96]
    ldp     x14, x15, [sp, #112]
    ldp     x16, x17, [sp, #128]
    ldp     x18, x19, [sp, #144]
    ldp     x20, x21, [sp, #160]
    ldp     x22, x23, [sp, #176]
    ldp     x24, x25, [sp, #192]
    ldp     x26, x27, [sp, #208]
    ldp     x28, x29, [sp, #224]
    ldr     x30, [sp, #240]
    add     sp, sp, #FRAME_SIZE
    eret

/* Stack (in .bss, zeroed by _start before use). */
    .section .bss.stack, "aw", %nobits
    .balign 16
rt_stack:
    .space  STACK_SIZE
    .global rt_stack_top
rt_stack_top:

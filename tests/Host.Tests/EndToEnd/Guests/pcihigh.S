// A guest (MMU off) that reads and writes QEMU virt's 64-bit PCI MMIO window
// (0x80_0000_0000-0xFF_FFFF_FFFF), where no BAR is mapped: the host bridge answers all ones and
// ignores writes (QEMU's gpex with allow-unmapped-accesses). Here the window is inside the
// hypervisor's 40-bit IPA space. Any exception prints ESR_EL1 and FAR_EL1 and powers off.
        .include "common.inc"

        .global _start
_start: adr     x0, vectors
        msr     vbar_el1, x0
        isb
        movz    x28, #0x0900, lsl #16

        adr     x0, s_low
        bl      puts
        movz    x20, #0x80, lsl #32     // the window's first byte
        ldr     w0, [x20]
        bl      puthex
        bl      newline

        adr     x0, s_mid
        bl      puts
        movz    x21, #0xC0, lsl #32
        movz    x4, #0x1234
        str     x4, [x21]               // ignored
        ldr     x0, [x21]
        bl      puthex
        bl      newline

        adr     x0, s_top
        bl      puts
        mov     x22, #0xFFFFFFFFFF
        sub     x22, x22, #7            // the window's last doubleword: 2^40 - 8
        ldrh    w0, [x22]
        bl      puthex
        bl      newline

        adr     x0, s_done
        bl      puts
        poweroff

        .balign 0x800
vectors:
        .skip   0x200
        // Current EL with SP_ELx, synchronous: report and stop.
        adr     x0, s_exc
        bl      puts
        mrs     x0, esr_el1
        bl      puthex
        adr     x0, s_far
        bl      puts
        mrs     x0, far_el1
        bl      puthex
        bl      newline
        poweroff
        .balign 0x800

s_low:  .asciz  "ldr w 0x8000000000: "
s_mid:  .asciz  "str+ldr x 0xc000000000: "
s_top:  .asciz  "ldrh 0xfffffffff8: "
s_done: .asciz  "done\n"
s_exc:  .asciz  "exception ESR "
s_far:  .asciz  " FAR "

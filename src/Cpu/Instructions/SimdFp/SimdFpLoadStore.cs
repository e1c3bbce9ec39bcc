using System.Runtime.CompilerServices;
using Emulator.Cpu.Core;

namespace Emulator.Cpu.Instructions.SimdFp;

/// <summary>
/// LDR/STR (SIMD&amp;FP) of B, H, S, D and Q registers in every addressing mode, LDUR/STUR
/// (SIMD&amp;FP) and LDR (literal, SIMD&amp;FP) (Arm ARM C4.1.85, V = 1). A load writes the whole
/// register (V[t] = data: the bits above the access are cleared). A 128-bit access is checked for
/// alignment on 16 bytes (SCTLR_EL1.A, Device memory), then done as two 8-byte accesses, low
/// first, as AArch64.Mem does for AccType_VEC; when either faults the exception is taken, no register is written and the base is not written
/// back (a store may have written its low half, which the architecture allows).
/// </summary>
public static class SimdFpLoadStore
{
    /// <summary>LDR/STR (immediate, SIMD&amp;FP), unsigned offset.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into translated blocks, where the word is a constant
    public static void UnsignedOffset(ArmCore core, uint insn)
    {
        int scale = Scale(insn);
        if (scale > 4)
        {
            core.Undefined();
            return;
        }
        if (!core.CheckFpEnabled())
            return;
        uint n = (insn >> 5) & 31;
        if (!LoadStore.BaseAddress(core, n, out ulong address))
            return;
        Single(core, insn, scale, address + (((insn >> 10) & 0xFFF) << scale), n, false, 0);
    }

    /// <summary>
    /// The fast-path twin of <see cref="UnsignedOffset"/> for translated blocks: the whole
    /// instruction when SIMD&amp;FP is enabled, the word is not UNDEFINED, the base passes the SP
    /// alignment check and the software TLB's fast path does the access; else false, with nothing done.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryUnsignedOffset(ArmCore core, uint insn)
    {
        int scale = Scale(insn);
        uint n = (insn >> 5) & 31;
        if (scale > 4 || !core.FpEnabled || !TryBaseAddress(core, n, out ulong address))
            return false;
        return TrySingle(core, insn, scale, address + (((insn >> 10) & 0xFFF) << scale), n, false, 0);
    }

    /// <summary>LDUR/STUR (SIMD&amp;FP) and LDR/STR (immediate, SIMD&amp;FP) pre- and post-indexed (9-bit signed immediate).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into translated blocks, where the word is a constant
    public static void Immediate9(ArmCore core, uint insn)
    {
        int scale = Scale(insn);
        uint type = (insn >> 10) & 3; // 00 unscaled, 01 post-index, 10 unallocated (no unprivileged SIMD&FP form), 11 pre-index
        if (scale > 4 || type == 2)
        {
            core.Undefined();
            return;
        }
        if (!core.CheckFpEnabled())
            return;
        ulong imm = (ulong)(long)((int)(insn << 11) >> 23);
        uint n = (insn >> 5) & 31;
        if (!LoadStore.BaseAddress(core, n, out ulong address))
            return;
        switch (type)
        {
            case 0:
                Single(core, insn, scale, address + imm, n, false, 0);
                return;
            case 1:
                Single(core, insn, scale, address, n, true, address + imm);
                return;
            default:
                Single(core, insn, scale, address + imm, n, true, address + imm);
                return;
        }
    }

    /// <summary>The fast-path twin of <see cref="Immediate9"/> (as <see cref="TryUnsignedOffset"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryImmediate9(ArmCore core, uint insn)
    {
        int scale = Scale(insn);
        uint type = (insn >> 10) & 3;
        uint n = (insn >> 5) & 31;
        if (scale > 4 || type == 2 || !core.FpEnabled || !TryBaseAddress(core, n, out ulong address))
            return false;
        ulong imm = (ulong)(long)((int)(insn << 11) >> 23);
        return type switch
        {
            0 => TrySingle(core, insn, scale, address + imm, n, false, 0),
            1 => TrySingle(core, insn, scale, address, n, true, address + imm),
            _ => TrySingle(core, insn, scale, address + imm, n, true, address + imm),
        };
    }

    /// <summary>LDR/STR (register, SIMD&amp;FP): the offset register extended (option) and shifted by the access size when S = 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into translated blocks, where the word is a constant
    public static void RegisterOffset(ArmCore core, uint insn)
    {
        int scale = Scale(insn);
        uint option = (insn >> 13) & 7;
        if (scale > 4 || (option & 2) == 0)
        {
            core.Undefined(); // scale > 4, or a sub-word index register
            return;
        }
        if (!core.CheckFpEnabled())
            return;
        int shift = ((insn >> 12) & 1) != 0 ? scale : 0;
        uint m = (insn >> 16) & 31, n = (insn >> 5) & 31;
        ulong offset = Alu.ExtendReg(core.GetX(m), option, shift);
        if (!LoadStore.BaseAddress(core, n, out ulong address))
            return;
        Single(core, insn, scale, address + offset, n, false, 0);
    }

    /// <summary>The fast-path twin of <see cref="RegisterOffset"/> (as <see cref="TryUnsignedOffset"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryRegisterOffset(ArmCore core, uint insn)
    {
        int scale = Scale(insn);
        uint option = (insn >> 13) & 7;
        uint m = (insn >> 16) & 31, n = (insn >> 5) & 31;
        if (scale > 4 || (option & 2) == 0 || !core.FpEnabled || !TryBaseAddress(core, n, out ulong address))
            return false;
        int shift = ((insn >> 12) & 1) != 0 ? scale : 0;
        return TrySingle(core, insn, scale, address + Alu.ExtendReg(core.GetX(m), option, shift), n, false, 0);
    }

    /// <summary>LDR (literal, SIMD&amp;FP): opc 00 S, 01 D, 10 Q; 11 is unallocated.</summary>
    public static void Literal(ArmCore core, uint insn)
    {
        uint opc = insn >> 30;
        if (opc == 3)
        {
            core.Undefined();
            return;
        }
        if (!core.CheckFpEnabled())
            return;
        ulong address = core.Pc + (ulong)((long)((int)(insn << 8) >> 13) << 2);
        int scale = 2 + (int)opc;
        if (Read(core, address, scale, out ulong low, out ulong high))
            SetV(core, insn & 31, scale, low, high);
    }

    /// <summary>The access size, log2 of bytes: opc&lt;1&gt;:size (values above 4 are unallocated).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Scale(uint insn) => (int)(((insn >> 21) & 4) | (insn >> 30));

    /// <summary>Mem[address, 1 &lt;&lt; scale, AccType_VEC] read: a 16-byte value as two 8-byte reads, low first. False when an access faulted.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool Read(ArmCore core, ulong address, int scale, out ulong low, out ulong high)
    {
        if (core.TryReadVectorFast(address, 1 << scale, out low, out high))
            return true;
        return ReadSlow(core, address, scale, out low, out high);
    }

    /// <summary>The access of <see cref="Read"/> that the software TLB's fast path could not do.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool ReadSlow(ArmCore core, ulong address, int scale, out ulong low, out ulong high)
    {
        if (scale == 4)
        {
            high = 0;
            low = 0;
            return Check16(core, address, false) && core.Read(address, 8, out low) && core.Read(address + 8, 8, out high);
        }
        high = 0;
        return core.Read(address, 1 << scale, out low);
    }

    /// <summary>Mem[address, 1 &lt;&lt; scale, AccType_VEC] write: a 16-byte value as two 8-byte writes, low first. False when an access faulted.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool Write(ArmCore core, ulong address, int scale, ulong low, ulong high) =>
        core.TryWriteVectorFast(address, 1 << scale, low, high) || WriteSlow(core, address, scale, low, high);

    /// <summary>The access of <see cref="Write"/> that the software TLB's fast path could not do.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool WriteSlow(ArmCore core, ulong address, int scale, ulong low, ulong high)
    {
        if (scale == 4)
            return Check16(core, address, true) && core.Write(address, 8, low) && core.Write(address + 8, 8, high);
        return core.Write(address, 1 << scale, low);
    }

    /// <summary>
    /// The alignment checks of a 16-byte access (AArch64.Mem: AArch64.CheckAlignment on the whole
    /// size, then the Device-memory check of a non-aligned access): an address not aligned to 16
    /// takes the Alignment fault when SCTLR_EL1.A is set or the memory is Device. Aligned
    /// addresses need no check beyond the two 8-byte accesses'.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Check16(ArmCore core, ulong address, bool write) =>
        (address & 15) == 0 || core.TranslateDataUncounted(address, 16, write, out _, out _); // the two 8-byte accesses count as MEM_ACCESS

    /// <summary>V[t] = data for a 1- to 16-byte value: a narrower value clears the rest of the register.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void SetV(ArmCore core, uint t, int scale, ulong low, ulong high)
    {
        if (scale == 4)
            core.SetV(t, low, high);
        else
            core.SetVScalar(t, low);
    }

    /// <summary>The load or store (opc&lt;0&gt;) shared by the immediate and register forms, then the writeback.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Single(ArmCore core, uint insn, int scale, ulong address, uint n, bool wback, ulong newBase)
    {
        uint t = insn & 31;
        if (((insn >> 22) & 1) != 0)
        {
            if (!Read(core, address, scale, out ulong low, out ulong high))
                return;
            SetV(core, t, scale, low, high);
        }
        else if (!Write(core, address, scale, core.GetVLow(t), core.GetVHigh(t)))
        {
            return;
        }
        if (wback)
            core.SetXOrSp(n, newBase);
    }

    /// <summary>
    /// <see cref="Single"/> on the software TLB's fast path only (<see cref="ArmCore.TryReadVectorFast"/>):
    /// false, with nothing done, when the access needs the slow path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TrySingle(ArmCore core, uint insn, int scale, ulong address, uint n, bool wback, ulong newBase)
    {
        uint t = insn & 31;
        if (((insn >> 22) & 1) != 0)
        {
            if (!core.TryReadVectorFast(address, 1 << scale, out ulong low, out ulong high))
                return false;
            SetV(core, t, scale, low, high);
        }
        else if (!core.TryWriteVectorFast(address, 1 << scale, core.GetVLow(t), core.GetVHigh(t)))
        {
            return false;
        }
        if (wback)
            core.SetXOrSp(n, newBase);
        return true;
    }

    /// <summary>The base register for a fast-path attempt: false (the full handler takes the fault) when SP fails its alignment check.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryBaseAddress(ArmCore core, uint n, out ulong address)
    {
        if (n != 31)
        {
            address = core.GetX(n);
            return true;
        }
        address = core.Sp;
        return core.SpAlignmentHolds;
    }
}

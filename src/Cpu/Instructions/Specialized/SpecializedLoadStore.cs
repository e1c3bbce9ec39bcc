using System.Numerics;
using System.Runtime.CompilerServices;
using Emulator.Cpu.Core;

namespace Emulator.Cpu.Instructions.Specialized;

/// <summary>
/// The hottest load/store forms, one compiled copy per access size, direction and addressing
/// mode, so that the memory access inlines for its constant size: the same behaviour as
/// <see cref="LoadStore"/> (including its CONSTRAINED UNPREDICTABLE choices) for the encodings
/// <see cref="Decoding.Specializer"/> hands them: zero-extending loads and stores of X/W/H/B
/// registers, and LDP/STP of X or W registers.
/// </summary>
internal static class SpecializedLoadStore
{
    // Each form has a handler (TFast = No: the whole access, slow path included) and a twin
    // Try... (TFast = Yes) that translated blocks run first: it does the access only on the
    // software TLB's fast path and SP-based addresses that pass the alignment check, and returns
    // false with nothing done otherwise, so that the block can skip setting PC, flushing its
    // counts and checking afterwards on the common path (BlockCompiler; HandlerMethods.FastTwin).

    /// <summary>LDR/STR (immediate, unsigned offset).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into translated blocks
    public static void UnsignedOffset<TSize, TLoad>(ArmCore core, uint insn)
        where TSize : struct, ISize where TLoad : struct, IFlag => UnsignedOffsetCore<TSize, TLoad, No>(core, insn);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryUnsignedOffset<TSize, TLoad>(ArmCore core, uint insn)
        where TSize : struct, ISize where TLoad : struct, IFlag => UnsignedOffsetCore<TSize, TLoad, Yes>(core, insn);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool UnsignedOffsetCore<TSize, TLoad, TFast>(ArmCore core, uint insn)
        where TSize : struct, ISize where TLoad : struct, IFlag where TFast : struct, IFlag
    {
        if (!BaseAddress<TFast>(core, (insn >> 5) & 31, out ulong address))
            return false;
        return Access<TSize, TLoad, TFast>(core, address + (ulong)((insn >> 10) & 0xFFF) * (ulong)TSize.Bytes, insn & 31);
    }

    /// <summary>LDR/STR (register offset): the index extended by option and scaled when S is set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into translated blocks
    public static void RegisterOffset<TSize, TLoad>(ArmCore core, uint insn)
        where TSize : struct, ISize where TLoad : struct, IFlag => RegisterOffsetCore<TSize, TLoad, No>(core, insn);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryRegisterOffset<TSize, TLoad>(ArmCore core, uint insn)
        where TSize : struct, ISize where TLoad : struct, IFlag => RegisterOffsetCore<TSize, TLoad, Yes>(core, insn);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool RegisterOffsetCore<TSize, TLoad, TFast>(ArmCore core, uint insn)
        where TSize : struct, ISize where TLoad : struct, IFlag where TFast : struct, IFlag
    {
        int shift = ((insn >> 12) & 1) != 0 ? BitOperations.Log2((uint)TSize.Bytes) : 0;
        ulong offset = Alu.ExtendReg(core.GetX((insn >> 16) & 31), (insn >> 13) & 7, shift);
        if (!BaseAddress<TFast>(core, (insn >> 5) & 31, out ulong address))
            return false;
        return Access<TSize, TLoad, TFast>(core, address + offset, insn & 31);
    }

    /// <summary>LDUR/STUR (no writeback), and the post-indexed and pre-indexed forms.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into translated blocks
    public static void Immediate9<TSize, TLoad, TPostIndex, TPreIndex>(ArmCore core, uint insn)
        where TSize : struct, ISize where TLoad : struct, IFlag where TPostIndex : struct, IFlag where TPreIndex : struct, IFlag =>
        Immediate9Core<TSize, TLoad, TPostIndex, TPreIndex, No>(core, insn);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryImmediate9<TSize, TLoad, TPostIndex, TPreIndex>(ArmCore core, uint insn)
        where TSize : struct, ISize where TLoad : struct, IFlag where TPostIndex : struct, IFlag where TPreIndex : struct, IFlag =>
        Immediate9Core<TSize, TLoad, TPostIndex, TPreIndex, Yes>(core, insn);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Immediate9Core<TSize, TLoad, TPostIndex, TPreIndex, TFast>(ArmCore core, uint insn)
        where TSize : struct, ISize where TLoad : struct, IFlag where TPostIndex : struct, IFlag where TPreIndex : struct, IFlag
        where TFast : struct, IFlag
    {
        ulong imm = (ulong)(long)((int)(insn << 11) >> 23);
        uint n = (insn >> 5) & 31, t = insn & 31;
        if (!BaseAddress<TFast>(core, n, out ulong address))
            return false;
        ulong access = TPostIndex.Value ? address : address + imm;
        if (!TPostIndex.Value && !TPreIndex.Value)
            return Access<TSize, TLoad, TFast>(core, access, t);
        if (TLoad.Value)
        {
            if (!Read<TFast>(core, access, TSize.Bytes, out ulong value))
                return false;
            core.SetX(t, value);
            if (n == t && n != 31)
                return true; // Constraint_WBSUPPRESS: the loaded value wins
        }
        else if (!Write<TFast>(core, access, TSize.Bytes, core.GetX(t)))
        {
            return false;
        }
        core.SetXOrSp(n, address + imm);
        return true;
    }

    /// <summary>LDP/STP (and LDNP/STNP) of X or W registers: offset, post-indexed or pre-indexed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into translated blocks
    public static void Pair<TWidth, TLoad, TPostIndex, TWriteback>(ArmCore core, uint insn)
        where TWidth : struct, IWidth where TLoad : struct, IFlag where TPostIndex : struct, IFlag where TWriteback : struct, IFlag =>
        PairCore<TWidth, TLoad, TPostIndex, TWriteback, No>(core, insn);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryPair<TWidth, TLoad, TPostIndex, TWriteback>(ArmCore core, uint insn)
        where TWidth : struct, IWidth where TLoad : struct, IFlag where TPostIndex : struct, IFlag where TWriteback : struct, IFlag =>
        PairCore<TWidth, TLoad, TPostIndex, TWriteback, Yes>(core, insn);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool PairCore<TWidth, TLoad, TPostIndex, TWriteback, TFast>(ArmCore core, uint insn)
        where TWidth : struct, IWidth where TLoad : struct, IFlag where TPostIndex : struct, IFlag where TWriteback : struct, IFlag
        where TFast : struct, IFlag
    {
        int size = TWidth.Is64 ? 8 : 4;
        long offset = (long)((int)(insn << 10) >> 25) << (TWidth.Is64 ? 3 : 2);
        uint t2 = (insn >> 10) & 31, n = (insn >> 5) & 31, t = insn & 31;
        if (!BaseAddress<TFast>(core, n, out ulong baseAddress))
            return false;
        ulong address = TPostIndex.Value ? baseAddress : baseAddress + (ulong)offset;
        if (TLoad.Value)
        {
            if (!Read<TFast>(core, address, size, out ulong v1) || !Read<TFast>(core, address + (ulong)size, size, out ulong v2))
                return false;
            core.SetX(t, v1);
            core.SetX(t2, v2);
            if (TWriteback.Value && (n == 31 || (n != t && n != t2)))
                core.SetXOrSp(n, baseAddress + (ulong)offset);
        }
        else
        {
            if (TFast.Value && !(core.CanWriteFast(address, size) && core.CanWriteFast(address + (ulong)size, size)))
                return false; // both on the fast path, or neither written here
            if (!Write<TFast>(core, address, size, core.GetX(t)) || !Write<TFast>(core, address + (ulong)size, size, core.GetX(t2)))
                return false;
            if (TWriteback.Value)
                core.SetXOrSp(n, baseAddress + (ulong)offset);
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Access<TSize, TLoad, TFast>(ArmCore core, ulong address, uint t)
        where TSize : struct, ISize where TLoad : struct, IFlag where TFast : struct, IFlag
    {
        if (TLoad.Value)
        {
            if (!Read<TFast>(core, address, TSize.Bytes, out ulong value))
                return false;
            core.SetX(t, value);
            return true;
        }
        return Write<TFast>(core, address, TSize.Bytes, core.GetX(t));
    }

    /// <summary>The base register; SP is checked for alignment (a fast-path attempt only looks: the fault is the full handler's to take).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool BaseAddress<TFast>(ArmCore core, uint n, out ulong address) where TFast : struct, IFlag
    {
        if (!TFast.Value || n != 31)
            return LoadStore.BaseAddress(core, n, out address);
        address = core.Sp;
        return core.SpAlignmentHolds;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Read<TFast>(ArmCore core, ulong address, int size, out ulong value) where TFast : struct, IFlag =>
        TFast.Value ? core.TryReadFast(address, size, out value) : core.Read(address, size, out value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Write<TFast>(ArmCore core, ulong address, int size, ulong value) where TFast : struct, IFlag =>
        TFast.Value ? core.TryWriteFast(address, size, value) : core.Write(address, size, value);
}

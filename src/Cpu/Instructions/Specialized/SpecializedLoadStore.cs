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
    /// <summary>LDR/STR (immediate, unsigned offset).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into translated blocks
    public static void UnsignedOffset<TSize, TLoad>(ArmCore core, uint insn)
        where TSize : struct, ISize where TLoad : struct, IFlag
    {
        if (!LoadStore.BaseAddress(core, (insn >> 5) & 31, out ulong address))
            return;
        Access<TSize, TLoad>(core, address + (ulong)((insn >> 10) & 0xFFF) * (ulong)TSize.Bytes, insn & 31);
    }

    /// <summary>LDR/STR (register offset): the index extended by option and scaled when S is set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into translated blocks
    public static void RegisterOffset<TSize, TLoad>(ArmCore core, uint insn)
        where TSize : struct, ISize where TLoad : struct, IFlag
    {
        int shift = ((insn >> 12) & 1) != 0 ? BitOperations.Log2((uint)TSize.Bytes) : 0;
        ulong offset = Alu.ExtendReg(core.GetX((insn >> 16) & 31), (insn >> 13) & 7, shift);
        if (!LoadStore.BaseAddress(core, (insn >> 5) & 31, out ulong address))
            return;
        Access<TSize, TLoad>(core, address + offset, insn & 31);
    }

    /// <summary>LDUR/STUR (no writeback), and the post-indexed and pre-indexed forms.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into translated blocks
    public static void Immediate9<TSize, TLoad, TPostIndex, TPreIndex>(ArmCore core, uint insn)
        where TSize : struct, ISize where TLoad : struct, IFlag where TPostIndex : struct, IFlag where TPreIndex : struct, IFlag
    {
        ulong imm = (ulong)(long)((int)(insn << 11) >> 23);
        uint n = (insn >> 5) & 31, t = insn & 31;
        if (!LoadStore.BaseAddress(core, n, out ulong address))
            return;
        ulong access = TPostIndex.Value ? address : address + imm;
        if (!TPostIndex.Value && !TPreIndex.Value)
        {
            Access<TSize, TLoad>(core, access, t);
            return;
        }
        if (TLoad.Value)
        {
            if (!core.Read(access, TSize.Bytes, out ulong value))
                return;
            core.SetX(t, value);
            if (n == t && n != 31)
                return; // Constraint_WBSUPPRESS: the loaded value wins
        }
        else if (!core.Write(access, TSize.Bytes, core.GetX(t)))
        {
            return;
        }
        core.SetXOrSp(n, address + imm);
    }

    /// <summary>LDP/STP (and LDNP/STNP) of X or W registers: offset, post-indexed or pre-indexed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into translated blocks
    public static void Pair<TWidth, TLoad, TPostIndex, TWriteback>(ArmCore core, uint insn)
        where TWidth : struct, IWidth where TLoad : struct, IFlag where TPostIndex : struct, IFlag where TWriteback : struct, IFlag
    {
        int size = TWidth.Is64 ? 8 : 4;
        long offset = (long)((int)(insn << 10) >> 25) << (TWidth.Is64 ? 3 : 2);
        uint t2 = (insn >> 10) & 31, n = (insn >> 5) & 31, t = insn & 31;
        if (!LoadStore.BaseAddress(core, n, out ulong baseAddress))
            return;
        ulong address = TPostIndex.Value ? baseAddress : baseAddress + (ulong)offset;
        if (TLoad.Value)
        {
            if (!core.Read(address, size, out ulong v1) || !core.Read(address + (ulong)size, size, out ulong v2))
                return;
            core.SetX(t, v1);
            core.SetX(t2, v2);
            if (TWriteback.Value && (n == 31 || (n != t && n != t2)))
                core.SetXOrSp(n, baseAddress + (ulong)offset);
        }
        else
        {
            if (!core.Write(address, size, core.GetX(t)) || !core.Write(address + (ulong)size, size, core.GetX(t2)))
                return;
            if (TWriteback.Value)
                core.SetXOrSp(n, baseAddress + (ulong)offset);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Access<TSize, TLoad>(ArmCore core, ulong address, uint t)
        where TSize : struct, ISize where TLoad : struct, IFlag
    {
        if (TLoad.Value)
        {
            if (core.Read(address, TSize.Bytes, out ulong value))
                core.SetX(t, value);
        }
        else
        {
            core.Write(address, TSize.Bytes, core.GetX(t));
        }
    }
}

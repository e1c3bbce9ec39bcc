using System.Runtime.CompilerServices;
using Emulator.Cpu.Core;

namespace Emulator.Cpu.Instructions.SimdFp;

/// <summary>
/// LDP/STP and LDNP/STNP (SIMD&amp;FP) of S, D and Q registers: offset, pre- and post-indexed and
/// non-temporal (Arm ARM C4.1.85, "Load/store register pair" and "Load/store no-allocate pair",
/// V = 1). opc = 11 is UNDEFINED. LDP with Rt == Rt2 is CONSTRAINED UNPREDICTABLE
/// (Unpredictable_LDPOVERLAP); this core takes Constraint_UNDEF, as the integer LDP does, after
/// the SIMD&amp;FP access check as in the pseudocode's Operation. Both registers' accesses complete
/// before any register or the base is written.
/// </summary>
public static class SimdFpLoadStorePair
{
    /// <summary>LDP, STP, LDNP, STNP (SIMD&amp;FP).</summary>
    public static void Pair(ArmCore core, uint insn)
    {
        uint opc = insn >> 30;
        if (opc == 3)
        {
            core.Undefined();
            return;
        }
        if (!core.CheckFpEnabled())
            return;
        bool load = ((insn >> 22) & 1) != 0;
        uint t2 = (insn >> 10) & 31, n = (insn >> 5) & 31, t = insn & 31;
        if (load && t == t2)
        {
            core.Undefined(); // Constraint_UNDEF
            return;
        }
        int scale = 2 + (int)opc;
        ulong offset = (ulong)((long)((int)(insn << 10) >> 25) << scale);
        uint type = (insn >> 23) & 3; // 00 non-temporal offset, 01 post-index, 10 offset, 11 pre-index
        if (!LoadStore.BaseAddress(core, n, out ulong baseAddress))
            return;
        ulong address = type == 1 ? baseAddress : baseAddress + offset;
        ulong second = address + (1UL << scale);
        if (load)
        {
            if (!SimdFpLoadStore.Read(core, address, scale, out ulong low1, out ulong high1)
                || !SimdFpLoadStore.Read(core, second, scale, out ulong low2, out ulong high2))
                return;
            SimdFpLoadStore.SetV(core, t, scale, low1, high1);
            SimdFpLoadStore.SetV(core, t2, scale, low2, high2);
        }
        else if (!SimdFpLoadStore.Write(core, address, scale, core.GetVLow(t), core.GetVHigh(t))
            || !SimdFpLoadStore.Write(core, second, scale, core.GetVLow(t2), core.GetVHigh(t2)))
        {
            return;
        }
        if (type is 1 or 3)
            core.SetXOrSp(n, baseAddress + offset);
    }

    /// <summary>
    /// The fast-path twin of <see cref="Pair"/> for translated blocks: the whole instruction when
    /// SIMD&amp;FP is enabled, the word is not UNDEFINED, the base passes the SP alignment check and
    /// the software TLB's fast path does both accesses; else false, with nothing done (a store
    /// writes both registers or neither).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryPair(ArmCore core, uint insn)
    {
        uint opc = insn >> 30;
        bool load = ((insn >> 22) & 1) != 0;
        uint t2 = (insn >> 10) & 31, n = (insn >> 5) & 31, t = insn & 31;
        if (opc == 3 || (load && t == t2) || !core.FpEnabled || !SimdFpLoadStore.TryBaseAddress(core, n, out ulong baseAddress))
            return false;
        int scale = 2 + (int)opc, size = 1 << scale;
        ulong offset = (ulong)((long)((int)(insn << 10) >> 25) << scale);
        uint type = (insn >> 23) & 3;
        ulong address = type == 1 ? baseAddress : baseAddress + offset;
        ulong second = address + (ulong)size;
        if (load)
        {
            if (!core.TryReadVectorFast(address, size, out ulong low1, out ulong high1)
                || !core.TryReadVectorFast(second, size, out ulong low2, out ulong high2))
                return false;
            SimdFpLoadStore.SetV(core, t, scale, low1, high1);
            SimdFpLoadStore.SetV(core, t2, scale, low2, high2);
        }
        else
        {
            if (!core.CanWriteVectorFast(address, size) || !core.CanWriteVectorFast(second, size))
                return false; // both on the fast path, or neither written here
            core.TryWriteVectorFast(address, size, core.GetVLow(t), core.GetVHigh(t));
            core.TryWriteVectorFast(second, size, core.GetVLow(t2), core.GetVHigh(t2));
        }
        if (type is 1 or 3)
            core.SetXOrSp(n, baseAddress + offset);
        return true;
    }
}

using Emulator.Cpu.Core;

namespace Emulator.Cpu.Instructions.Simd;

/// <summary>
/// Advanced SIMD across lanes, integer (Arm ARM C4.1.95): ADDV, SADDLV, UADDLV, SMAXV, UMAXV,
/// SMINV, UMINV. Every form: size = 11 or size:Q = 100 (four words in 64 bits) is UNDEFINED; the
/// result is a scalar write of V[d].
/// </summary>
internal static class SimdAcross
{
    /// <summary>ADDV (aarch64/instrs/vector/reduce/add-simd): the esize-bit sum of every element.</summary>
    public static void Addv(ArmCore core, uint insn)
    {
        if (!Decode(core, insn, out int esize, out int elements, out ulong lo, out ulong hi))
            return;
        ulong sum = 0;
        for (int e = 0; e < elements; e++)
            sum += SimdLanes.Get(lo, hi, e, esize);
        core.SetVScalar(insn & 31, sum & SimdLanes.Mask(esize));
    }

    /// <summary>SADDLV, UADDLV (aarch64/instrs/vector/reduce/add-long): the 2*esize-bit sum of every element, extended per U.</summary>
    public static void AddLong(ArmCore core, uint insn)
    {
        if (!Decode(core, insn, out int esize, out int elements, out ulong lo, out ulong hi))
            return;
        bool unsigned = ((insn >> 29) & 1) != 0;
        long sum = 0;
        for (int e = 0; e < elements; e++)
            sum += SimdLanes.Int(SimdLanes.Get(lo, hi, e, esize), esize, unsigned);
        core.SetVScalar(insn & 31, (ulong)sum & SimdLanes.Mask(2 * esize));
    }

    /// <summary>SMAXV, UMAXV, SMINV, UMINV (aarch64/instrs/vector/reduce/int-max): the largest (op = 0, bit 16) or smallest element, compared per U.</summary>
    public static void MaxMin(ArmCore core, uint insn)
    {
        if (!Decode(core, insn, out int esize, out int elements, out ulong lo, out ulong hi))
            return;
        bool unsigned = ((insn >> 29) & 1) != 0;
        bool min = ((insn >> 16) & 1) != 0;
        long best = SimdLanes.Int(SimdLanes.Get(lo, hi, 0, esize), esize, unsigned);
        for (int e = 1; e < elements; e++)
        {
            long element = SimdLanes.Int(SimdLanes.Get(lo, hi, e, esize), esize, unsigned);
            best = min ? Math.Min(best, element) : Math.Max(best, element);
        }
        core.SetVScalar(insn & 31, (ulong)best & SimdLanes.Mask(esize));
    }

    private static bool Decode(ArmCore core, uint insn, out int esize, out int elements, out ulong lo, out ulong hi)
    {
        bool q = ((insn >> 30) & 1) != 0;
        int size = (int)((insn >> 22) & 3);
        esize = 8 << size;
        elements = (q ? 128 : 64) / esize;
        lo = hi = 0;
        if (size == 3 || (size == 2 && !q))
        {
            core.Undefined();
            return false;
        }
        if (!core.CheckFpEnabled())
            return false;
        uint n = (insn >> 5) & 31;
        lo = core.GetVLow(n);
        hi = q ? core.GetVHigh(n) : 0;
        return true;
    }
}

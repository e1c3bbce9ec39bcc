using Emulator.Cpu.Core;

namespace Emulator.Cpu.Instructions.Simd;

/// <summary>
/// Advanced SIMD two-register miscellaneous, narrowing and widening (Arm ARM C4.1.95): XTN,
/// SQXTN, UQXTN, SQXTUN (and their "2" forms, Q = 1, which write the upper half of Vd), the
/// scalar SQXTN, UQXTN, SQXTUN, and SHLL, SHLL2.
/// </summary>
internal static class SimdMiscNarrow
{
    /// <summary>
    /// XTN (opcode 10010, U = 0; aarch64/instrs/vector/arithmetic/unary/extract/nosat), SQXTUN
    /// (10010, U = 1; .../extract/sqxtun) and SQXTN, UQXTN (10100, U = 0/1; .../extract/sat): each
    /// 2*esize-bit element of Vn narrowed to esize bits, truncated or saturated (FPSR.QC set on
    /// saturation); Vpart[d, Q] = result, or for the scalar forms V[d] = the one element. size = 11 is UNDEFINED.
    /// </summary>
    public static void Narrow(ArmCore core, uint insn)
    {
        int size = (int)((insn >> 22) & 3);
        if (size == 3)
        {
            core.Undefined();
            return;
        }
        if (!core.CheckFpEnabled())
            return;
        bool scalar = ((insn >> 28) & 1) != 0;
        bool part1 = !scalar && ((insn >> 30) & 1) != 0;
        bool u = ((insn >> 29) & 1) != 0;
        bool opcode10100 = ((insn >> 14) & 1) != 0; // SQXTN, UQXTN; otherwise 10010: XTN (U = 0), SQXTUN (U = 1)
        bool saturating = opcode10100 || u;
        bool signedSource = !(opcode10100 && u); // only UQXTN reads its elements as unsigned
        bool unsignedResult = u; // UQXTN and SQXTUN saturate to the unsigned range
        int esize = 8 << size;
        int elements = scalar ? 1 : 64 / esize;
        uint n = (insn >> 5) & 31;
        ulong nLo = core.GetVLow(n), nHi = core.GetVHigh(n), lo = 0, hi = 0;
        bool anySaturated = false;
        for (int e = 0; e < elements; e++)
        {
            ulong element = SimdLanes.Get(nLo, nHi, e, 2 * esize);
            ulong result = element;
            if (saturating)
            {
                Int128 value = signedSource ? SimdLanes.SignExtend(element, 2 * esize) : (Int128)element;
                result = SimdLanes.SatQ(value, esize, unsignedResult, out bool saturated);
                anySaturated |= saturated;
            }
            SimdLanes.Set(ref lo, ref hi, e, esize, result);
        }
        if (scalar)
            core.SetVScalar(insn & 31, lo);
        else
            SimdLanes.WritePart(core, insn & 31, part1, lo);
        if (anySaturated)
            core.RaiseFpExceptions(SimdLanes.Qc);
    }

    /// <summary>
    /// SHLL, SHLL2 (aarch64/instrs/vector/arithmetic/unary/shift): each element of Vpart[n, Q]
    /// widened to 2*esize bits and shifted left by esize; size = 11 is UNDEFINED.
    /// </summary>
    public static void Shll(ArmCore core, uint insn)
    {
        int size = (int)((insn >> 22) & 3);
        if (size == 3)
        {
            core.Undefined();
            return;
        }
        if (!core.CheckFpEnabled())
            return;
        bool part1 = ((insn >> 30) & 1) != 0;
        int esize = 8 << size;
        int elements = 64 / esize;
        uint n = (insn >> 5) & 31;
        ulong operand = part1 ? core.GetVHigh(n) : core.GetVLow(n), lo = 0, hi = 0;
        for (int e = 0; e < elements; e++)
            SimdLanes.Set(ref lo, ref hi, e, 2 * esize, SimdLanes.Get(operand, 0, e, esize) << esize);
        core.SetV(insn & 31, lo, hi);
    }
}

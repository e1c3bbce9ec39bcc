using Emulator.Cpu.Core;
using Emulator.Cpu.Instructions.FloatingPoint;
using static Emulator.Cpu.Instructions.Simd.SimdFloatingPoint;

namespace Emulator.Cpu.Instructions.Simd;

/// <summary>
/// Advanced SIMD precision conversions (Arm ARM C7.2): FCVTL/FCVTL2 (lengthen: half to single,
/// single to double), FCVTN/FCVTN2 (narrow: single to half, double to single, the FPCR rounding),
/// FCVTXN/FCVTXN2 and FCVTXN (scalar) (double to single, rounding to odd), all by FPConvert
/// (shared/functions/float/fpconvert). esize = 16 &lt;&lt; sz is the narrow element; part = Q selects
/// the half of the 128-bit register that holds the narrow elements (Vpart[n, part]).
/// </summary>
internal static class SimdFloatingPointConvert
{
    /// <summary>FCVTL, FCVTL2: Elem[result, e, 2*esize] = FPConvert(Elem[Vpart[n, part], e, esize]); V[d] = result.</summary>
    public static void Fcvtl(ArmCore core, uint insn)
    {
        if (!core.CheckFpEnabled())
            return;
        uint n = Rn(insn);
        ulong operand = Q(insn) ? core.GetVHigh(n) : core.GetVLow(n);
        uint fpcr = core.Fpcr;
        FPRounding rounding = FPCore.FPRoundingMode(fpcr);
        ulong low, high;
        if (Sz(insn))
        {
            low = FPCore.FPConvert(operand & uint.MaxValue, 32, 64, fpcr, rounding, ref core.Fpsr);
            high = FPCore.FPConvert(operand >> 32, 32, 64, fpcr, rounding, ref core.Fpsr);
        }
        else
        {
            ulong e0 = FPCore.FPConvert(operand & 0xFFFF, 16, 32, fpcr, rounding, ref core.Fpsr);
            ulong e1 = FPCore.FPConvert((operand >> 16) & 0xFFFF, 16, 32, fpcr, rounding, ref core.Fpsr);
            ulong e2 = FPCore.FPConvert((operand >> 32) & 0xFFFF, 16, 32, fpcr, rounding, ref core.Fpsr);
            ulong e3 = FPCore.FPConvert(operand >> 48, 16, 32, fpcr, rounding, ref core.Fpsr);
            low = Pack(e0, e1);
            high = Pack(e2, e3);
        }
        core.SetV(Rd(insn), low, high);
    }

    /// <summary>FCVTN, FCVTN2: Elem[result, e, esize] = FPConvert(Elem[V[n], e, 2*esize]); Vpart[d, part] = result.</summary>
    public static void Fcvtn(ArmCore core, uint insn)
    {
        if (!core.CheckFpEnabled())
            return;
        uint n = Rn(insn);
        ulong low = core.GetVLow(n), high = core.GetVHigh(n);
        uint fpcr = core.Fpcr;
        FPRounding rounding = FPCore.FPRoundingMode(fpcr);
        ulong result;
        if (Sz(insn))
        {
            result = Pack(FPCore.FPConvert(low, 64, 32, fpcr, rounding, ref core.Fpsr),
                          FPCore.FPConvert(high, 64, 32, fpcr, rounding, ref core.Fpsr));
        }
        else
        {
            ulong e0 = FPCore.FPConvert(low & uint.MaxValue, 32, 16, fpcr, rounding, ref core.Fpsr) & 0xFFFF;
            ulong e1 = FPCore.FPConvert(low >> 32, 32, 16, fpcr, rounding, ref core.Fpsr) & 0xFFFF;
            ulong e2 = FPCore.FPConvert(high & uint.MaxValue, 32, 16, fpcr, rounding, ref core.Fpsr) & 0xFFFF;
            ulong e3 = FPCore.FPConvert(high >> 32, 32, 16, fpcr, rounding, ref core.Fpsr) & 0xFFFF;
            result = e0 | e1 << 16 | e2 << 32 | e3 << 48;
        }
        WritePart(core, Rd(insn), Q(insn), result);
    }

    /// <summary>FCVTXN, FCVTXN2 (vector): "if sz == '0' then UNDEFINED"; FPConvert(Elem[V[n], e, 64], FPCR, FPRounding_ODD) to Vpart[d, part].</summary>
    public static void Fcvtxn(ArmCore core, uint insn)
    {
        if (!Sz(insn))
        {
            core.Undefined();
            return;
        }
        if (!core.CheckFpEnabled())
            return;
        uint n = Rn(insn);
        ulong low = core.GetVLow(n), high = core.GetVHigh(n);
        uint fpcr = core.Fpcr;
        ulong result = Pack(FPCore.FPConvert(low, 64, 32, fpcr, FPRounding.Odd, ref core.Fpsr),
                            FPCore.FPConvert(high, 64, 32, fpcr, FPRounding.Odd, ref core.Fpsr));
        WritePart(core, Rd(insn), Q(insn), result);
    }

    /// <summary>FCVTXN (scalar): "if sz == '0' then UNDEFINED"; S[d] = FPConvert(D[n], FPCR, FPRounding_ODD).</summary>
    public static void FcvtxnScalar(ArmCore core, uint insn)
    {
        if (!Sz(insn))
        {
            core.Undefined();
            return;
        }
        if (!core.CheckFpEnabled())
            return;
        ulong result = FPCore.FPConvert(core.GetVLow(Rn(insn)), 64, 32, core.Fpcr, FPRounding.Odd, ref core.Fpsr);
        core.SetVScalar(Rd(insn), result & uint.MaxValue);
    }

    /// <summary>Vpart[d, part] = value: part 0 writes the low 64 bits and clears the high 64; part 1 writes the high 64 bits and keeps the low.</summary>
    private static void WritePart(ArmCore core, uint d, bool part, ulong value)
    {
        if (part)
            core.SetV(d, core.GetVLow(d), value);
        else
            core.SetV(d, value, 0);
    }
}

using Emulator.Cpu.Core;

namespace Emulator.Cpu.Instructions.FloatingPoint;

/// <summary>Conversions between floating point and integer or fixed point, and FMOV (general) (Arm ARM C4.1.90: float2int, float2fix).</summary>
internal static class FloatingPointConversion
{
    /// <summary>FCVTNS/NU, FCVTPS/PU, FCVTMS/MU, FCVTZS/ZU (rmode 00..11), FCVTAS/AU (opcode 10x): FPToFixed with fbits 0.</summary>
    public static void FloatToInteger(ArmCore core, uint insn)
    {
        if (!core.CheckFpEnabled())
            return;
        int intsize = (insn >> 31) != 0 ? 64 : 32;
        int esize = ((insn >> 22) & 1) != 0 ? 64 : 32;
        uint n = (insn >> 5) & 31, d = insn & 31;
        bool unsigned = ((insn >> 16) & 1) != 0;
        FPRounding rounding = ((insn >> 18) & 1) != 0 ? FPRounding.TieAway : (FPRounding)((insn >> 19) & 3); // rmode 00 N, 01 P, 10 M, 11 Z
        ulong operand = FloatingPointDataProcessing.ReadScalar(core, n, esize);
        core.SetX(d, FPCore.FPToFixed(operand, 0, unsigned, core.Fpcr, rounding, esize, intsize, ref core.Fpsr));
    }

    /// <summary>SCVTF, UCVTF (integer): FixedToFP with fbits 0 and the FPCR rounding mode.</summary>
    public static void IntegerToFloat(ArmCore core, uint insn)
    {
        if (!core.CheckFpEnabled())
            return;
        int intsize = (insn >> 31) != 0 ? 64 : 32;
        int esize = ((insn >> 22) & 1) != 0 ? 64 : 32;
        uint n = (insn >> 5) & 31, d = insn & 31;
        bool unsigned = ((insn >> 16) & 1) != 0;
        uint fpcr = core.Fpcr;
        core.SetVScalar(d, FPCore.FixedToFP(core.GetX(n), 0, unsigned, fpcr, FPCore.FPRoundingMode(fpcr), intsize, esize, ref core.Fpsr));
    }

    /// <summary>The fixed-point forms: a 32-bit integer with scale&lt;5&gt; = 0 (more than 32 fraction bits) is UNDEFINED.</summary>
    internal static bool FixedUndefined(uint insn) => (insn >> 31) == 0 && ((insn >> 15) & 1) == 0;

    /// <summary>FCVTZS, FCVTZU (fixed point): FPToFixed with fbits = 64 - scale, rounding towards zero.</summary>
    public static void FloatToFixed(ArmCore core, uint insn)
    {
        if (FixedUndefined(insn))
        {
            core.Undefined();
            return;
        }
        if (!core.CheckFpEnabled())
            return;
        int intsize = (insn >> 31) != 0 ? 64 : 32;
        int esize = ((insn >> 22) & 1) != 0 ? 64 : 32;
        int fbits = 64 - (int)((insn >> 10) & 63);
        uint n = (insn >> 5) & 31, d = insn & 31;
        bool unsigned = ((insn >> 16) & 1) != 0;
        ulong operand = FloatingPointDataProcessing.ReadScalar(core, n, esize);
        core.SetX(d, FPCore.FPToFixed(operand, fbits, unsigned, core.Fpcr, FPRounding.Zero, esize, intsize, ref core.Fpsr));
    }

    /// <summary>SCVTF, UCVTF (fixed point): FixedToFP with fbits = 64 - scale and the FPCR rounding mode.</summary>
    public static void FixedToFloat(ArmCore core, uint insn)
    {
        if (FixedUndefined(insn))
        {
            core.Undefined();
            return;
        }
        if (!core.CheckFpEnabled())
            return;
        int intsize = (insn >> 31) != 0 ? 64 : 32;
        int esize = ((insn >> 22) & 1) != 0 ? 64 : 32;
        int fbits = 64 - (int)((insn >> 10) & 63);
        uint n = (insn >> 5) & 31, d = insn & 31;
        bool unsigned = ((insn >> 16) & 1) != 0;
        uint fpcr = core.Fpcr;
        core.SetVScalar(d, FPCore.FixedToFP(core.GetX(n), fbits, unsigned, fpcr, FPCore.FPRoundingMode(fpcr), intsize, esize, ref core.Fpsr));
    }

    /// <summary>
    /// FMOV (general): opcode&lt;0&gt; 0 moves V to X, 1 X to V. W and S (sf 0, type 00), X and D (sf 1,
    /// type 01), X and V.D[1] (sf 1, type 10, rmode 01: the top half, the rest of V kept). No FP exceptions.
    /// </summary>
    public static void MoveGeneral(ArmCore core, uint insn)
    {
        if (!core.CheckFpEnabled())
            return;
        uint n = (insn >> 5) & 31, d = insn & 31;
        bool toFloat = ((insn >> 16) & 1) != 0;
        bool topHalf = ((insn >> 19) & 1) != 0;
        bool is64 = (insn >> 31) != 0;
        if (toFloat)
        {
            ulong value = core.GetX(n);
            if (topHalf)
                core.SetV(d, core.GetVLow(d), value);
            else
                core.SetVScalar(d, is64 ? value : (uint)value);
        }
        else
        {
            ulong value = topHalf ? core.GetVHigh(n) : core.GetVLow(n);
            core.SetX(d, is64 ? value : (uint)value);
        }
    }
}

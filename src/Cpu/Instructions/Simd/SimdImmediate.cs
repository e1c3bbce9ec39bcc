using Emulator.Cpu.Core;

namespace Emulator.Cpu.Instructions.Simd;

/// <summary>
/// Advanced SIMD modified immediate (Arm ARM C4.1.95, aarch64/instrs/vector/logical): MOVI, MVNI,
/// ORR (vector, immediate), BIC (vector, immediate) and FMOV (vector, immediate) single and double
/// precision. The rows fix o2 (bit 11) = 0: o2 = 1 is the half-precision FMOV of FEAT_FP16.
/// </summary>
internal static class SimdImmediate
{
    /// <summary>
    /// All forms of the group. The operation by cmode:op: 0xx00, 10x00, 110x0, 1110x, 11110 MOVI
    /// (11110 is FMOV single); 0xx01, 10x01, 110x1 MVNI; 0xx10, 10x10 ORR; 0xx11, 10x11 BIC; 11111
    /// FMOV double, UNDEFINED with Q = 0. imm = Replicate(AdvSIMDExpandImm(op, cmode, imm8)).
    /// </summary>
    public static void ModifiedImmediate(ArmCore core, uint insn)
    {
        bool q = ((insn >> 30) & 1) != 0;
        uint op = (insn >> 29) & 1;
        uint cmode = (insn >> 12) & 15;
        if (cmode == 15 && op == 1 && !q)
        {
            core.Undefined();
            return;
        }
        if (!core.CheckFpEnabled())
            return;
        uint imm8 = ((insn >> 16) & 7) << 5 | ((insn >> 5) & 31);
        ulong imm = AdvSimdExpandImm(op, cmode, imm8);
        uint d = insn & 31;
        // cmode<3:2> != 11 with cmode<0> = 1 is ORR/BIC (they read Vd); every other form is MOVI/MVNI.
        bool logical = (cmode & 1) == 1 && cmode < 12;
        if (!logical)
        {
            if (op == 1 && cmode < 14)
                imm = ~imm; // MVNI
            SimdLanes.Write(core, d, q, imm, imm);
            return;
        }
        ulong lo = core.GetVLow(d), hi = core.GetVHigh(d);
        if (op == 0)
        {
            lo |= imm; // ORR
            hi |= imm;
        }
        else
        {
            lo &= ~imm; // BIC
            hi &= ~imm;
        }
        SimdLanes.Write(core, d, q, lo, hi);
    }

    /// <summary>AdvSIMDExpandImm (Arm ARM shared/functions/vector/AdvSIMDExpandImm).</summary>
    internal static ulong AdvSimdExpandImm(uint op, uint cmode, uint imm8)
    {
        ulong imm = imm8;
        switch (cmode >> 1)
        {
            case 0: return Replicate32(imm);
            case 1: return Replicate32(imm << 8);
            case 2: return Replicate32(imm << 16);
            case 3: return Replicate32(imm << 24);
            case 4: return Replicate16(imm);
            case 5: return Replicate16(imm << 8);
            case 6: return (cmode & 1) == 0 ? Replicate32(imm << 8 | 0xFF) : Replicate32(imm << 16 | 0xFFFF);
        }
        if ((cmode & 1) == 0)
        {
            if (op == 0)
                return SimdCopy.Replicate64(imm, 8);
            // imm8<7>..imm8<0> each replicated to a byte, imm8<7> the top byte.
            ulong result = 0;
            for (int i = 0; i < 8; i++)
            {
                if (((imm8 >> i) & 1) != 0)
                    result |= 0xFFUL << (8 * i);
            }
            return result;
        }
        ulong sign = imm8 >> 7, b6 = (imm8 >> 6) & 1, low6 = imm8 & 0x3F;
        if (op == 0)
        {
            // imm8<7>:NOT(imm8<6>):Replicate(imm8<6>,5):imm8<5:0>:Zeros(19), twice.
            ulong single = sign << 31 | (b6 ^ 1) << 30 | (b6 == 1 ? 0x1FUL : 0) << 25 | low6 << 19;
            return Replicate32(single);
        }
        // imm8<7>:NOT(imm8<6>):Replicate(imm8<6>,8):imm8<5:0>:Zeros(48).
        return sign << 63 | (b6 ^ 1) << 62 | (b6 == 1 ? 0xFFUL : 0) << 54 | low6 << 48;
    }

    private static ulong Replicate32(ulong value) => (value & 0xFFFF_FFFF) | value << 32;

    private static ulong Replicate16(ulong value) => Replicate32((value & 0xFFFF) | (value & 0xFFFF) << 16);
}

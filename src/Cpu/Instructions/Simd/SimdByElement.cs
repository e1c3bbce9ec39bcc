using System.Runtime.Intrinsics;
using Emulator.Cpu.Core;
using static Emulator.Cpu.Instructions.Simd.SimdArithmeticLanes;

namespace Emulator.Cpu.Instructions.Simd;

/// <summary>
/// Advanced SIMD vector x indexed element, integer forms, and their scalar forms (Arm ARM C4.1.95):
/// 0 Q U 01111 size L M Rm opcode H 0 Rn Rd and 01 U 11111 size L M Rm opcode H 0 Rn Rd. size '01':
/// index = H:L:M, Rm = 0:Rm (V0-V15); size '10': index = H:L, Rm = M:Rm; other sizes UNDEFINED.
/// element2 = Elem[V[m], index, esize] (the pseudocode's operand2 of idxdsize bits).
/// </summary>
public static class SimdByElement
{
    /// <summary>Decodes size, index and Rm; false for the reserved sizes ('00', '11').</summary>
    private static bool Decode(uint insn, out int esize, out int index, out uint m)
    {
        int h = (int)(insn >> 11) & 1, l = (int)(insn >> 21) & 1, mBit = (int)(insn >> 20) & 1;
        switch (Size(insn))
        {
            case 1:
                esize = 16;
                index = h << 2 | l << 1 | mBit;
                m = (insn >> 16) & 0xF;
                return true;
            case 2:
                esize = 32;
                index = h << 1 | l;
                m = (insn >> 16) & 0x1F;
                return true;
            default:
                esize = index = 0;
                m = 0;
                return false;
        }
    }

    /// <summary>
    /// MLA (by element) (U = 1, opcode 0000), MLS (U = 1, opcode 0100), MUL (U = 0, opcode 1000):
    /// product = (element1 * element2)&lt;esize-1:0&gt;; Elem[result, e, esize] = Elem[d] ± product, or product.
    /// </summary>
    public static void MultiplyAccumulate(ArmCore core, uint insn)
    {
        if (!Decode(insn, out int esize, out int index, out uint m)) { core.Undefined(); return; }
        if (!core.CheckFpEnabled()) return;
        bool accumulate = U(insn), subtract = Bit(insn, 14);
        int elements = (Q(insn) ? 128 : 64) / esize;
        uint d = Rd(insn);
        Vector128<ulong> operand1 = core.VRegister(Rn(insn));
        ulong element2 = Elem(core.VRegister(m), index, esize);
        Vector128<ulong> operand3 = core.VRegister(d);
        Vector128<ulong> result = default;
        for (int e = 0; e < elements; e++)
        {
            ulong product = Elem(operand1, e, esize) * element2;
            ulong accum = Elem(operand3, e, esize);
            SetElem(ref result, e, esize, !accumulate ? product : subtract ? accum - product : accum + product);
        }
        WriteVector(core, d, result, Q(insn));
    }

    /// <summary>
    /// SMLAL/UMLAL (by element) (opcode 0010), SMLSL/UMLSL (0110), SMULL/UMULL (1010), and the "2"
    /// forms (operand1 = Vpart[n, part], part = Q): as the three-different forms with element2 fixed.
    /// </summary>
    public static void MultiplyLong(ArmCore core, uint insn)
    {
        if (!Decode(insn, out int esize, out int index, out uint m)) { core.Undefined(); return; }
        if (!core.CheckFpEnabled()) return;
        SimdWideningThreeDifferent.MultiplyLongLanes(core, insn, esize, ReadPart(core, Rn(insn), Q(insn)), core.VRegister(m), index,
            accumulate: !Bit(insn, 15), subtract: Bit(insn, 14));
    }

    /// <summary>
    /// SQDMLAL (by element) (U = 0, opcode 0011), SQDMLSL (0111), SQDMULL (1011), vector (with the
    /// "2" forms) and scalar: as the three-different forms with element2 fixed.
    /// </summary>
    public static void SaturatingDoublingMultiplyLong(ArmCore core, uint insn)
    {
        if (!Decode(insn, out int esize, out int index, out uint m)) { core.Undefined(); return; }
        if (!core.CheckFpEnabled()) return;
        bool scalar = Scalar(insn);
        Vector128<ulong> operand1 = scalar ? core.VRegister(Rn(insn)) : ReadPart(core, Rn(insn), Q(insn));
        SimdWideningThreeDifferent.SaturatingDoublingMultiplyLongLanes(core, insn, esize, scalar ? 1 : 64 / esize, operand1, core.VRegister(m), index,
            accumulate: !Bit(insn, 15), subtract: Bit(insn, 14));
    }

    /// <summary>
    /// SQDMULH (by element) (U = 0, opcode 1100), SQRDMULH (1101: round), vector and scalar:
    /// Elem[result, e, esize] = SignedSatQ((2 * element1 * element2 + round_const) &gt;&gt; esize, esize).
    /// </summary>
    public static void SaturatingDoublingMultiplyHigh(ArmCore core, uint insn)
    {
        if (!Decode(insn, out int esize, out int index, out uint m)) { core.Undefined(); return; }
        if (!core.CheckFpEnabled()) return;
        bool scalar = Scalar(insn), round = Bit(insn, 12);
        int elements = scalar ? 1 : (Q(insn) ? 128 : 64) / esize;
        Vector128<ulong> operand1 = core.VRegister(Rn(insn));
        ulong element2 = Elem(core.VRegister(m), index, esize);
        Vector128<ulong> result = default;
        bool saturated = false;
        for (int e = 0; e < elements; e++)
            SetElem(ref result, e, esize, DoublingMultiplyHigh(Elem(operand1, e, esize), element2, esize, round, ref saturated));
        WriteVector(core, Rd(insn), result, !scalar && Q(insn));
        SetQc(core, saturated);
    }
}

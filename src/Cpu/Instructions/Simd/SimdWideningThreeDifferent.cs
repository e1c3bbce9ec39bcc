using System.Runtime.Intrinsics;
using Emulator.Cpu.Core;
using static Emulator.Cpu.Instructions.Simd.SimdArithmeticLanes;

namespace Emulator.Cpu.Instructions.Simd;

/// <summary>
/// Advanced SIMD three different (Arm ARM C4.1.95): 0 Q U 01110 size 1 Rm opcode 00 Rn Rd, and the
/// scalar three different forms (01 U 11110 size 1 Rm opcode 00 Rn Rd: SQDMLAL, SQDMLSL, SQDMULL).
/// Q selects the half of the narrow sources (part, the "2" forms). Every handler follows the
/// instruction's pseudocode in Arm ARM C7.2.
/// </summary>
public static class SimdWideningThreeDifferent
{
    /// <summary>
    /// SADDL/UADDL (opcode 0000), SADDW/UADDW (0001), SSUBL/USUBL (0010), SSUBW/USUBW (0011):
    /// size == '11' UNDEFINED; operand1 = is_wide ? V[n] : Vpart[n, part]; operand2 = Vpart[m, part];
    /// Elem[result, e, 2*esize] = (sub_op ? element1 - element2 : element1 + element2)&lt;2*esize-1:0&gt;.
    /// </summary>
    public static void AddSubtractLong(ArmCore core, uint insn)
    {
        if (Size(insn) == 3) { core.Undefined(); return; }
        if (!core.CheckFpEnabled()) return;
        int esize = 8 << Size(insn);
        int elements = 64 / esize;
        bool part = Q(insn), unsigned = U(insn), wide = Bit(insn, 12), subtract = Bit(insn, 13);
        Vector128<ulong> operand1 = wide ? core.VRegister(Rn(insn)) : ReadPart(core, Rn(insn), part);
        Vector128<ulong> operand2 = ReadPart(core, Rm(insn), part);
        Vector128<ulong> result = default;
        for (int e = 0; e < elements; e++)
        {
            ulong element1 = (ulong)Int64(Elem(operand1, e, wide ? 2 * esize : esize), wide ? 2 * esize : esize, unsigned);
            ulong element2 = (ulong)Int64(Elem(operand2, e, esize), esize, unsigned);
            SetElem(ref result, e, 2 * esize, subtract ? element1 - element2 : element1 + element2);
        }
        core.VRegister(Rd(insn)) = result;
    }

    /// <summary>
    /// ADDHN/RADDHN (opcode 0100), SUBHN/RSUBHN (0110), round = U: size == '11' UNDEFINED;
    /// sum = element1 ± element2 + round_const (1 &lt;&lt; (esize - 1) when rounding);
    /// Elem[result, e, esize] = sum&lt;2*esize-1:esize&gt;; Vpart[d, part] = result.
    /// </summary>
    public static void AddSubtractHighNarrow(ArmCore core, uint insn)
    {
        if (Size(insn) == 3) { core.Undefined(); return; }
        if (!core.CheckFpEnabled()) return;
        int esize = 8 << Size(insn);
        int elements = 64 / esize;
        bool subtract = Bit(insn, 13);
        ulong roundConst = U(insn) ? 1UL << (esize - 1) : 0;
        Vector128<ulong> operand1 = core.VRegister(Rn(insn));
        Vector128<ulong> operand2 = core.VRegister(Rm(insn));
        Vector128<ulong> result = default;
        for (int e = 0; e < elements; e++)
        {
            ulong element1 = Elem(operand1, e, 2 * esize), element2 = Elem(operand2, e, 2 * esize);
            ulong sum = (subtract ? element1 - element2 : element1 + element2) + roundConst;
            SetElem(ref result, e, esize, sum >> esize);
        }
        WritePart(core, Rd(insn), result, Q(insn));
    }

    /// <summary>
    /// SABAL/UABAL (opcode 0101: accumulate), SABDL/UABDL (0111): size == '11' UNDEFINED;
    /// absdiff = Abs(element1 - element2)&lt;2*esize-1:0&gt;; Elem[result, e, 2*esize] = (accumulate ? Elem[d] : 0) + absdiff.
    /// </summary>
    public static void AbsoluteDifferenceLong(ArmCore core, uint insn)
    {
        if (Size(insn) == 3) { core.Undefined(); return; }
        if (!core.CheckFpEnabled()) return;
        int esize = 8 << Size(insn);
        int elements = 64 / esize;
        bool part = Q(insn), unsigned = U(insn), accumulate = !Bit(insn, 13);
        uint d = Rd(insn);
        Vector128<ulong> operand1 = ReadPart(core, Rn(insn), part);
        Vector128<ulong> operand2 = ReadPart(core, Rm(insn), part);
        Vector128<ulong> operand3 = core.VRegister(d);
        Vector128<ulong> result = default;
        for (int e = 0; e < elements; e++)
        {
            ulong absdiff = (ulong)Math.Abs(Int64(Elem(operand1, e, esize), esize, unsigned) - Int64(Elem(operand2, e, esize), esize, unsigned));
            SetElem(ref result, e, 2 * esize, accumulate ? Elem(operand3, e, 2 * esize) + absdiff : absdiff);
        }
        core.VRegister(d) = result;
    }

    /// <summary>
    /// SMLAL/UMLAL (opcode 1000), SMLSL/UMLSL (1010), SMULL/UMULL (1100): size == '11' UNDEFINED;
    /// product = (element1 * element2)&lt;2*esize-1:0&gt;; Elem[result, e, 2*esize] = Elem[d] ± product, or product.
    /// </summary>
    public static void MultiplyLong(ArmCore core, uint insn)
    {
        if (Size(insn) == 3) { core.Undefined(); return; }
        if (!core.CheckFpEnabled()) return;
        int esize = 8 << Size(insn);
        bool part = Q(insn);
        MultiplyLongLanes(core, insn, esize, ReadPart(core, Rn(insn), part), ReadPart(core, Rm(insn), part), -1, !Bit(insn, 14), Bit(insn, 13));
    }

    /// <summary>
    /// The element loop of the long multiplies, by vector (index &lt; 0: element e of operand2) or by
    /// element (element index of operand2).
    /// </summary>
    internal static void MultiplyLongLanes(ArmCore core, uint insn, int esize, Vector128<ulong> operand1, Vector128<ulong> operand2, int index, bool accumulate, bool subtract)
    {
        int elements = 64 / esize;
        bool unsigned = U(insn);
        uint d = Rd(insn);
        Vector128<ulong> operand3 = core.VRegister(d);
        Vector128<ulong> result = default;
        for (int e = 0; e < elements; e++)
        {
            ulong element1 = (ulong)Int64(Elem(operand1, e, esize), esize, unsigned);
            ulong element2 = (ulong)Int64(Elem(operand2, index < 0 ? e : index, esize), esize, unsigned);
            ulong product = element1 * element2;
            ulong accum = Elem(operand3, e, 2 * esize);
            SetElem(ref result, e, 2 * esize, !accumulate ? product : subtract ? accum - product : accum + product);
        }
        core.VRegister(d) = result;
    }

    /// <summary>
    /// SQDMLAL (opcode 1001), SQDMLSL (1011), SQDMULL (1101), vector and scalar: size == '00' or
    /// '11' UNDEFINED; (product, sat1) = SignedSatQ(2 * element1 * element2, 2 * esize); accumulating:
    /// (Elem[result, e, 2*esize], sat2) = SignedSatQ(Elem[d] ± product, 2 * esize); QC when either saturated.
    /// </summary>
    public static void SaturatingDoublingMultiplyLong(ArmCore core, uint insn)
    {
        if (SimdArithmeticThreeSame.DoublingUndefined(insn)) { core.Undefined(); return; }
        if (!core.CheckFpEnabled()) return;
        int esize = 8 << Size(insn);
        bool scalar = Scalar(insn);
        Vector128<ulong> operand1 = scalar ? core.VRegister(Rn(insn)) : ReadPart(core, Rn(insn), Q(insn));
        Vector128<ulong> operand2 = scalar ? core.VRegister(Rm(insn)) : ReadPart(core, Rm(insn), Q(insn));
        SaturatingDoublingMultiplyLongLanes(core, insn, esize, scalar ? 1 : 64 / esize, operand1, operand2, -1, !Bit(insn, 14), Bit(insn, 13));
    }

    /// <summary>The element loop of SQDMLAL, SQDMLSL, SQDMULL (by vector when index &lt; 0, else by element).</summary>
    internal static void SaturatingDoublingMultiplyLongLanes(ArmCore core, uint insn, int esize, int elements, Vector128<ulong> operand1, Vector128<ulong> operand2, int index, bool accumulate, bool subtract)
    {
        uint d = Rd(insn);
        Vector128<ulong> operand3 = core.VRegister(d);
        Vector128<ulong> result = default;
        bool saturated = false;
        for (int e = 0; e < elements; e++)
        {
            long element1 = SInt(Elem(operand1, e, esize), esize);
            long element2 = SInt(Elem(operand2, index < 0 ? e : index, esize), esize);
            ulong product = SatQ(2 * (Int128)element1 * element2, 2 * esize, false, ref saturated);
            if (accumulate)
            {
                Int128 accum = Int(Elem(operand3, e, 2 * esize), 2 * esize, false);
                Int128 productValue = Int(product, 2 * esize, false);
                product = SatQ(subtract ? accum - productValue : accum + productValue, 2 * esize, false, ref saturated);
            }
            SetElem(ref result, e, 2 * esize, product);
        }
        WriteVector(core, d, result, elements != 1);
        SetQc(core, saturated);
    }

    /// <summary>
    /// PMULL (opcode 1110, U = 0) with 8-bit elements: Elem[result, e, 16] = PolynomialMult(element1, element2).
    /// size == '11' (the 64-bit form, FEAT_PMULL of the Cryptographic Extension) has a row and handler
    /// of its own (Instructions/Crypto); the reserved sizes '01' and '10' are UNDEFINED (the row fixes
    /// size = '00'; the check stays for any other row that reaches this handler).
    /// </summary>
    public static void PolynomialMultiplyLong(ArmCore core, uint insn)
    {
        if (Size(insn) != 0) { core.Undefined(); return; }
        if (!core.CheckFpEnabled()) return;
        bool part = Q(insn);
        Vector128<ulong> operand1 = ReadPart(core, Rn(insn), part);
        Vector128<ulong> operand2 = ReadPart(core, Rm(insn), part);
        Vector128<ulong> result = default;
        for (int e = 0; e < 8; e++)
            SetElem(ref result, e, 16, PolynomialMult(Elem(operand1, e, 8), Elem(operand2, e, 8)));
        core.VRegister(Rd(insn)) = result;
    }
}

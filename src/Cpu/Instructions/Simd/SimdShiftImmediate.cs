using System.Numerics;
using System.Runtime.Intrinsics;
using Emulator.Cpu.Core;
using static Emulator.Cpu.Instructions.Simd.SimdArithmeticLanes;

namespace Emulator.Cpu.Instructions.Simd;

/// <summary>
/// Advanced SIMD shift by immediate and scalar shift by immediate (Arm ARM C4.1.95):
/// 0 Q U 011110 immh immb opcode 1 Rn Rd and 01 U 111110 immh immb opcode 1 Rn Rd, immh != 0000
/// (immh = 0000 is "modified immediate" in vectors and unallocated in scalars: the rows never match
/// it). The element size is 8 &lt;&lt; HighestSetBit(immh); the shift amount is derived from immh:immb
/// as each instruction's pseudocode (Arm ARM C7.2) says. The fixed-point conversions of this group
/// (opcodes 11100, 11111) are floating point and not handled here.
/// </summary>
public static class SimdShiftImmediate
{
    /// <summary>UInt(immh:immb).</summary>
    private static int ImmhImmb(uint insn) => (int)(insn >> 16) & 0x7F;

    /// <summary>esize = 8 &lt;&lt; HighestSetBit(immh) (immh != 0).</summary>
    private static int Esize(uint insn) => 8 << BitOperations.Log2((insn >> 19) & 0xF);

    /// <summary>immh&lt;3&gt;: 64-bit elements.</summary>
    private static bool Immh3(uint insn) => Bit(insn, 22);

    /// <summary>Vector forms with 64-bit elements: immh&lt;3&gt;:Q == '10' is reserved. Scalar forms of the non-saturating shifts: immh&lt;3&gt; != '1' is reserved.</summary>
    private static bool ShiftUndefined(uint insn) => Scalar(insn) ? !Immh3(insn) : Immh3(insn) && !Q(insn);

    /// <summary>LSR(x, shift) for 0 &lt;= shift &lt;= 64 (a shift by 64 gives zero).</summary>
    private static ulong Lsr(ulong x, int shift) => shift >= 64 ? 0 : x >> shift;

    /// <summary>
    /// SSHR/USHR (opcode 00000), SSRA/USRA (00010: accumulate), SRSHR/URSHR (00100: round), SRSRA/URSRA (00110):
    /// shift = (esize * 2) - UInt(immh:immb); round_const = round ? 1 &lt;&lt; (shift - 1) : 0;
    /// element = (Int(Elem[operand, e, esize], unsigned) + round_const) &gt;&gt; shift;
    /// Elem[result, e, esize] = (accumulate ? Elem[operand2, e, esize] : 0) + element&lt;esize-1:0&gt;.
    /// </summary>
    public static void ShiftRight(ArmCore core, uint insn)
    {
        if (ShiftUndefined(insn)) { core.Undefined(); return; }
        if (!core.CheckFpEnabled()) return;
        bool scalar = Scalar(insn);
        int esize = Esize(insn);
        int elements = scalar ? 1 : (Q(insn) ? 128 : 64) / esize;
        int shift = 2 * esize - ImmhImmb(insn);
        bool unsigned = U(insn), round = Bit(insn, 13), accumulate = Bit(insn, 12);
        Int128 roundConst = round ? (Int128)1 << (shift - 1) : 0;
        uint d = Rd(insn);
        Vector128<ulong> operand = core.VRegister(Rn(insn));
        Vector128<ulong> operand2 = core.VRegister(d);
        Vector128<ulong> result = default;
        for (int e = 0; e < elements; e++)
        {
            ulong element = (ulong)((Int(Elem(operand, e, esize), esize, unsigned) + roundConst) >> shift);
            SetElem(ref result, e, esize, accumulate ? Elem(operand2, e, esize) + element : element);
        }
        WriteVector(core, d, result, !scalar && Q(insn));
    }

    /// <summary>
    /// SHL (U = 0), SLI (U = 1) (opcode 01010): shift = UInt(immh:immb) - esize;
    /// SHL: Elem[result] = LSL(Elem[operand, e], shift); SLI: mask = LSL(Ones(esize), shift),
    /// Elem[result] = (Elem[operand2, e] AND NOT(mask)) OR LSL(Elem[operand, e], shift).
    /// </summary>
    public static void ShiftLeft(ArmCore core, uint insn)
    {
        if (ShiftUndefined(insn)) { core.Undefined(); return; }
        if (!core.CheckFpEnabled()) return;
        bool scalar = Scalar(insn);
        int esize = Esize(insn);
        int elements = scalar ? 1 : (Q(insn) ? 128 : 64) / esize;
        int shift = ImmhImmb(insn) - esize;
        ulong mask = U(insn) ? (Ones(esize) << shift) & Ones(esize) : Ones(esize);
        uint d = Rd(insn);
        Vector128<ulong> operand = core.VRegister(Rn(insn));
        Vector128<ulong> operand2 = core.VRegister(d);
        Vector128<ulong> result = default;
        for (int e = 0; e < elements; e++)
            SetElem(ref result, e, esize, (Elem(operand2, e, esize) & ~mask) | (Elem(operand, e, esize) << shift));
        WriteVector(core, d, result, !scalar && Q(insn));
    }

    /// <summary>
    /// SRI (U = 1, opcode 01000): shift = (esize * 2) - UInt(immh:immb); mask = LSR(Ones(esize), shift);
    /// Elem[result] = (Elem[operand2, e] AND NOT(mask)) OR LSR(Elem[operand, e], shift).
    /// </summary>
    public static void ShiftRightInsert(ArmCore core, uint insn)
    {
        if (ShiftUndefined(insn)) { core.Undefined(); return; }
        if (!core.CheckFpEnabled()) return;
        bool scalar = Scalar(insn);
        int esize = Esize(insn);
        int elements = scalar ? 1 : (Q(insn) ? 128 : 64) / esize;
        int shift = 2 * esize - ImmhImmb(insn);
        ulong mask = Lsr(Ones(esize), shift);
        uint d = Rd(insn);
        Vector128<ulong> operand = core.VRegister(Rn(insn));
        Vector128<ulong> operand2 = core.VRegister(d);
        Vector128<ulong> result = default;
        for (int e = 0; e < elements; e++)
            SetElem(ref result, e, esize, (Elem(operand2, e, esize) & ~mask) | Lsr(Elem(operand, e, esize), shift));
        WriteVector(core, d, result, !scalar && Q(insn));
    }

    /// <summary>
    /// SQSHLU (U = 1, opcode 01100: src signed, dst unsigned), SQSHL/UQSHL (immediate) (opcode 01110:
    /// src_unsigned = dst_unsigned = U), vector (immh&lt;3&gt;:Q == '10' reserved) and scalar:
    /// shift = UInt(immh:immb) - esize; element = Int(Elem[operand, e], src_unsigned) &lt;&lt; shift;
    /// (Elem[result], sat) = SatQ(element, esize, dst_unsigned).
    /// </summary>
    public static void SaturatingShiftLeft(ArmCore core, uint insn)
    {
        bool scalar = Scalar(insn);
        if (!scalar && Immh3(insn) && !Q(insn)) { core.Undefined(); return; }
        if (!core.CheckFpEnabled()) return;
        int esize = Esize(insn);
        int elements = scalar ? 1 : (Q(insn) ? 128 : 64) / esize;
        int shift = ImmhImmb(insn) - esize;
        bool srcUnsigned = Bit(insn, 12) && U(insn), dstUnsigned = U(insn);
        uint d = Rd(insn);
        Vector128<ulong> operand = core.VRegister(Rn(insn));
        Vector128<ulong> result = default;
        bool saturated = false;
        for (int e = 0; e < elements; e++)
            SetElem(ref result, e, esize, SatQ(Int(Elem(operand, e, esize), esize, srcUnsigned) << shift, esize, dstUnsigned, ref saturated));
        WriteVector(core, d, result, !scalar && Q(insn));
        SetQc(core, saturated);
    }

    /// <summary>
    /// The right shifts that narrow (opcode 100 o r, round = opcode&lt;0&gt;), immh&lt;3&gt; == '1' reserved:
    /// SHRN/RSHRN (U = 0, o = 0: no saturation), SQSHRUN/SQRSHRUN (U = 1, o = 0: src signed, dst
    /// unsigned), SQSHRN/UQSHRN/SQRSHRN/UQRSHRN (o = 1: src_unsigned = dst_unsigned = U); vector
    /// (Vpart[d, part] = result) and scalar (all but SHRN/RSHRN): shift = (2 * esize) - UInt(immh:immb);
    /// element = (Int(Elem[operand, e, 2*esize], src_unsigned) + round_const) &gt;&gt; shift;
    /// (Elem[result, e, esize], sat) = SatQ(element, esize, dst_unsigned), or element&lt;esize-1:0&gt;.
    /// </summary>
    public static void ShiftRightNarrow(ArmCore core, uint insn)
    {
        if (Immh3(insn)) { core.Undefined(); return; }
        if (!core.CheckFpEnabled()) return;
        bool scalar = Scalar(insn);
        int esize = Esize(insn);
        int elements = scalar ? 1 : 64 / esize;
        int shift = 2 * esize - ImmhImmb(insn);
        bool saturating = U(insn) || Bit(insn, 12);
        bool srcUnsigned = Bit(insn, 12) ? U(insn) : !saturating, dstUnsigned = U(insn);
        Int128 roundConst = Bit(insn, 11) ? (Int128)1 << (shift - 1) : 0;
        Vector128<ulong> operand = core.VRegister(Rn(insn));
        Vector128<ulong> result = default;
        bool saturated = false;
        for (int e = 0; e < elements; e++)
        {
            Int128 element = (Int(Elem(operand, e, 2 * esize), 2 * esize, srcUnsigned) + roundConst) >> shift;
            SetElem(ref result, e, esize, saturating ? SatQ(element, esize, dstUnsigned, ref saturated) : (ulong)element);
        }
        if (scalar)
            WriteVector(core, Rd(insn), result, false);
        else
            WritePart(core, Rd(insn), result, Q(insn));
        SetQc(core, saturated);
    }

    /// <summary>
    /// SSHLL/USHLL (opcode 10100; SXTL/UXTL with shift 0), immh&lt;3&gt; == '1' reserved:
    /// shift = UInt(immh:immb) - esize; operand = Vpart[n, part];
    /// Elem[result, e, 2*esize] = (Int(Elem[operand, e, esize], unsigned) &lt;&lt; shift)&lt;2*esize-1:0&gt;.
    /// </summary>
    public static void ShiftLeftLong(ArmCore core, uint insn)
    {
        if (Immh3(insn)) { core.Undefined(); return; }
        if (!core.CheckFpEnabled()) return;
        int esize = Esize(insn);
        int elements = 64 / esize;
        int shift = ImmhImmb(insn) - esize;
        bool unsigned = U(insn);
        Vector128<ulong> operand = ReadPart(core, Rn(insn), Q(insn));
        Vector128<ulong> result = default;
        for (int e = 0; e < elements; e++)
            SetElem(ref result, e, 2 * esize, (ulong)Int64(Elem(operand, e, esize), esize, unsigned) << shift);
        core.VRegister(Rd(insn)) = result;
    }
}

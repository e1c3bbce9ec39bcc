using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Emulator.Cpu.Instructions.FloatingPoint;

/// <summary>
/// Host floating point where it provably gives the bits and flags of the software path (QEMU's
/// "hardfloat", fpu/softfloat.c can_use_fpu and f32/f64_addsubmul_post): the host is IEEE 754
/// single/double with round-to-nearest-even (SSE scalar / AArch64 FP), so on operands that are zero
/// or normal it returns the correctly rounded result the Arm pseudocode computes. Each helper returns
/// false when it cannot vouch for the result, and the caller then runs the software path from
/// scratch. The conditions and why:
/// <list type="bullet">
/// <item>FPSR.IXC already set: IXC is cumulative, so inexactness need not be detected (the host
/// does not report it); every other flag must be shown not to arise.</item>
/// <item>FPCR.RMode = round to nearest, FPCR.FZ = 0: the host's mode, no flushing (FPCR.DN only acts
/// on NaNs, FPCR.AHP only on half precision; exception trapping is not implemented).</item>
/// <item>Operands zero or normal (exponent field neither 0 with a nonzero fraction nor all ones):
/// no IDC, no NaN propagation, no infinity rules, no IOC/DZC.</item>
/// <item>Results finite with magnitude above the smallest normal, or a zero known to be exact:
/// rounding to nearest is monotone and the smallest normal is representable, so the unrounded value
/// is above it too (no tininess before rounding, no UFC); a finite result means the rounded value
/// with unbounded exponent did not reach the overflow threshold (no OFC).</item>
/// </list>
/// </summary>
internal static partial class FPCore
{
    // FPCR.RMode (bits 23:22) and FPCR.FZ: both zero for the host path.
    private const uint HostFastFpcrMask = 3u << 22 | FpcrFZ;

    private const uint SingleExpMask = 0x7F80_0000u;
    private const ulong DoubleExpMask = 0x7FF0_0000_0000_0000UL;
    private const float SingleMinNormal = 1.17549435E-38f; // 2^-126
    private const double DoubleMinNormal = 2.2250738585072014E-308; // 2^-1022

    /// <summary>Host FMA is a single correctly rounded instruction (FMA3 / AArch64 FMADD), not a library emulation.</summary>
    private static bool HostFusedMultiplyAdd => Fma.IsSupported || AdvSimd.IsSupported;

    /// <summary>can_use_fpu (QEMU fpu/softfloat.c): IXC already set, round to nearest, no flush-to-zero, single or double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool CanUseHostFloat(int esize, uint fpcr, uint fpsr) =>
        (fpsr & IXC) != 0 && (fpcr & HostFastFpcrMask) == 0 && (esize == 32 || esize == 64);

    /// <summary>Zero or normal single: exponent field not all ones, and not 0 unless the fraction is 0 too.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsZeroOrNormal32(uint bits)
    {
        uint e = bits & SingleExpMask;
        return e != SingleExpMask && (e != 0 || (bits << 1) == 0);
    }

    /// <summary>Zero or normal double: exponent field not all ones, and not 0 unless the fraction is 0 too.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsZeroOrNormal64(ulong bits)
    {
        ulong e = bits & DoubleExpMask;
        return e != DoubleExpMask && (e != 0 || (bits << 1) == 0);
    }

    /// <summary>A finite single result of magnitude strictly above 2^-126 (NaN fails the comparison).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsSafeNonzero32(float r) => MathF.Abs(r) > SingleMinNormal && MathF.Abs(r) <= float.MaxValue;

    /// <summary>A finite double result of magnitude strictly above 2^-1022 (NaN fails the comparison).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsSafeNonzero64(double r) => Math.Abs(r) > DoubleMinNormal && Math.Abs(r) <= double.MaxValue;

    /// <summary>
    /// FPAdd / FPSub on the host. A zero sum of zero-or-normal operands is exact (sums of such values
    /// are multiples of the smallest denormal, so never round to zero), and IEEE's signs agree with
    /// FPAdd's: equal-signed zeros keep their sign, anything else exactly zero is +0 in round to nearest.
    /// </summary>
    internal static bool TryHostAddSub(ulong op1, ulong op2, bool subtract, int esize, uint fpcr, uint fpsr, out ulong result)
    {
        result = 0;
        if (!CanUseHostFloat(esize, fpcr, fpsr))
            return false;
        if (esize == 32)
        {
            uint a = (uint)op1, b = (uint)op2;
            if (!IsZeroOrNormal32(a) || !IsZeroOrNormal32(b))
                return false;
            float x = BitConverter.UInt32BitsToSingle(a), y = BitConverter.UInt32BitsToSingle(b);
            float r = subtract ? x - y : x + y;
            if (r != 0 && !IsSafeNonzero32(r))
                return false;
            result = BitConverter.SingleToUInt32Bits(r);
            return true;
        }
        else
        {
            if (!IsZeroOrNormal64(op1) || !IsZeroOrNormal64(op2))
                return false;
            double x = BitConverter.UInt64BitsToDouble(op1), y = BitConverter.UInt64BitsToDouble(op2);
            double r = subtract ? x - y : x + y;
            if (r != 0 && !IsSafeNonzero64(r))
                return false;
            result = BitConverter.DoubleToUInt64Bits(r);
            return true;
        }
    }

    /// <summary>
    /// FPMul on the host. A zero product is accepted only when an operand is zero (exact, sign the
    /// exclusive or, as FPMul); a product of normals that comes out zero underflowed.
    /// </summary>
    internal static bool TryHostMul(ulong op1, ulong op2, int esize, uint fpcr, uint fpsr, out ulong result)
    {
        result = 0;
        if (!CanUseHostFloat(esize, fpcr, fpsr))
            return false;
        if (esize == 32)
        {
            uint a = (uint)op1, b = (uint)op2;
            if (!IsZeroOrNormal32(a) || !IsZeroOrNormal32(b))
                return false;
            float r = BitConverter.UInt32BitsToSingle(a) * BitConverter.UInt32BitsToSingle(b);
            if (r != 0 ? !IsSafeNonzero32(r) : (a << 1) != 0 && (b << 1) != 0)
                return false;
            result = BitConverter.SingleToUInt32Bits(r);
            return true;
        }
        else
        {
            if (!IsZeroOrNormal64(op1) || !IsZeroOrNormal64(op2))
                return false;
            double r = BitConverter.UInt64BitsToDouble(op1) * BitConverter.UInt64BitsToDouble(op2);
            if (r != 0 ? !IsSafeNonzero64(r) : (op1 << 1) != 0 && (op2 << 1) != 0)
                return false;
            result = BitConverter.DoubleToUInt64Bits(r);
            return true;
        }
    }

    /// <summary>
    /// FPDiv on the host: the divisor a nonzero normal (no DZC, no IOC). A zero quotient is accepted
    /// only for a zero dividend (exact, sign the exclusive or, as FPDiv).
    /// </summary>
    internal static bool TryHostDiv(ulong op1, ulong op2, int esize, uint fpcr, uint fpsr, out ulong result)
    {
        result = 0;
        if (!CanUseHostFloat(esize, fpcr, fpsr))
            return false;
        if (esize == 32)
        {
            uint a = (uint)op1, b = (uint)op2;
            if (!IsZeroOrNormal32(a) || !IsZeroOrNormal32(b) || (b << 1) == 0)
                return false;
            float r = BitConverter.UInt32BitsToSingle(a) / BitConverter.UInt32BitsToSingle(b);
            if (r != 0 ? !IsSafeNonzero32(r) : (a << 1) != 0)
                return false;
            result = BitConverter.SingleToUInt32Bits(r);
            return true;
        }
        else
        {
            if (!IsZeroOrNormal64(op1) || !IsZeroOrNormal64(op2) || (op2 << 1) == 0)
                return false;
            double r = BitConverter.UInt64BitsToDouble(op1) / BitConverter.UInt64BitsToDouble(op2);
            if (r != 0 ? !IsSafeNonzero64(r) : (op1 << 1) != 0)
                return false;
            result = BitConverter.DoubleToUInt64Bits(r);
            return true;
        }
    }

    /// <summary>
    /// FPMulAdd on the host: addend + op1 * op2 rounded once (FusedMultiplyAdd(op1, op2, addend)).
    /// Zero results always fall back: a nonzero exact value may have rounded to zero (underflow).
    /// </summary>
    internal static bool TryHostMulAdd(ulong addend, ulong op1, ulong op2, int esize, uint fpcr, uint fpsr, out ulong result)
    {
        result = 0;
        if (!HostFusedMultiplyAdd || !CanUseHostFloat(esize, fpcr, fpsr))
            return false;
        if (esize == 32)
        {
            uint a = (uint)addend, b = (uint)op1, c = (uint)op2;
            if (!IsZeroOrNormal32(a) || !IsZeroOrNormal32(b) || !IsZeroOrNormal32(c))
                return false;
            float r = MathF.FusedMultiplyAdd(BitConverter.UInt32BitsToSingle(b), BitConverter.UInt32BitsToSingle(c), BitConverter.UInt32BitsToSingle(a));
            if (!IsSafeNonzero32(r))
                return false;
            result = BitConverter.SingleToUInt32Bits(r);
            return true;
        }
        else
        {
            if (!IsZeroOrNormal64(addend) || !IsZeroOrNormal64(op1) || !IsZeroOrNormal64(op2))
                return false;
            double r = Math.FusedMultiplyAdd(BitConverter.UInt64BitsToDouble(op1), BitConverter.UInt64BitsToDouble(op2), BitConverter.UInt64BitsToDouble(addend));
            if (!IsSafeNonzero64(r))
                return false;
            result = BitConverter.DoubleToUInt64Bits(r);
            return true;
        }
    }

    /// <summary>
    /// FPSqrt on the host: a positive normal operand (a positive result well inside the normal range),
    /// or +0 (+0, as FPSqrt).
    /// </summary>
    internal static bool TryHostSqrt(ulong op, int esize, uint fpcr, uint fpsr, out ulong result)
    {
        result = 0;
        if (!CanUseHostFloat(esize, fpcr, fpsr))
            return false;
        if (esize == 32)
        {
            uint a = (uint)op;
            if ((a & 0x8000_0000u) != 0 || !IsZeroOrNormal32(a))
                return false;
            result = BitConverter.SingleToUInt32Bits(MathF.Sqrt(BitConverter.UInt32BitsToSingle(a)));
            return true;
        }
        else
        {
            if ((op & 0x8000_0000_0000_0000UL) != 0 || !IsZeroOrNormal64(op))
                return false;
            result = BitConverter.DoubleToUInt64Bits(Math.Sqrt(BitConverter.UInt64BitsToDouble(op)));
            return true;
        }
    }
}

using System.Runtime.CompilerServices;
using Emulator.Cpu.Core;
using Emulator.Cpu.Instructions.FloatingPoint;

namespace Emulator.Cpu.Instructions.Simd;

/// <summary>
/// The fixed-point conversions of Advanced SIMD shift by immediate, vector and scalar forms (Arm
/// ARM C7.2: SCVTF, UCVTF (vector/scalar, fixed-point), opcode 11100: FixedToFP with the FPCR
/// rounding; FCVTZS, FCVTZU (vector/scalar, fixed-point), opcode 11111: FPToFixed rounding toward
/// zero). immh selects the element: 1xxx double, 01xx single (001x is half precision, FEAT_FP16,
/// and 000x reserved: no row decodes them, so they are UNDEFINED); fracbits = (esize * 2) -
/// UInt(immh:immb). Vector forms: "if immh&lt;3&gt;:Q == '10' then UNDEFINED".
/// </summary>
internal static class SimdFloatingPointFixedPoint
{
    public static void Scvtf(ArmCore core, uint insn) =>
        SimdFloatingPointTwoRegisterMisc.Vector(core, insn, FpUnaryOp.FromSigned, FPCore.FPRoundingMode(core.Fpcr), FractionBits(insn));

    public static void Ucvtf(ArmCore core, uint insn) =>
        SimdFloatingPointTwoRegisterMisc.Vector(core, insn, FpUnaryOp.FromUnsigned, FPCore.FPRoundingMode(core.Fpcr), FractionBits(insn));

    public static void Fcvtzs(ArmCore core, uint insn) =>
        SimdFloatingPointTwoRegisterMisc.Vector(core, insn, FpUnaryOp.ToSigned, FPRounding.Zero, FractionBits(insn));

    public static void Fcvtzu(ArmCore core, uint insn) =>
        SimdFloatingPointTwoRegisterMisc.Vector(core, insn, FpUnaryOp.ToUnsigned, FPRounding.Zero, FractionBits(insn));

    public static void ScvtfScalar(ArmCore core, uint insn) =>
        SimdFloatingPointTwoRegisterMisc.Scalar(core, insn, FpUnaryOp.FromSigned, FPCore.FPRoundingMode(core.Fpcr), FractionBits(insn));

    public static void UcvtfScalar(ArmCore core, uint insn) =>
        SimdFloatingPointTwoRegisterMisc.Scalar(core, insn, FpUnaryOp.FromUnsigned, FPCore.FPRoundingMode(core.Fpcr), FractionBits(insn));

    public static void FcvtzsScalar(ArmCore core, uint insn) =>
        SimdFloatingPointTwoRegisterMisc.Scalar(core, insn, FpUnaryOp.ToSigned, FPRounding.Zero, FractionBits(insn));

    public static void FcvtzuScalar(ArmCore core, uint insn) =>
        SimdFloatingPointTwoRegisterMisc.Scalar(core, insn, FpUnaryOp.ToUnsigned, FPRounding.Zero, FractionBits(insn));

    /// <summary>fracbits = (esize * 2) - UInt(immh:immb), esize 64 when immh&lt;3&gt; (bit 22) is set, else 32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int FractionBits(uint insn) => (SimdFloatingPoint.Esize(insn) * 2) - (int)((insn >> 16) & 0x7F);
}

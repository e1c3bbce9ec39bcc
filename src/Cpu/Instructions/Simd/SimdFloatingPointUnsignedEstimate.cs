using Emulator.Cpu.Instructions.FloatingPoint;

namespace Emulator.Cpu.Instructions.Simd;

/// <summary>
/// URECPE and URSQRTE's element operations: UnsignedRecipEstimate and UnsignedRSqrtEstimate (Arm
/// ARM shared/functions/float/unsignedrecipestimate, unsignedrsqrtestimate), on 32-bit unsigned
/// fixed-point values with the binary point above bit 31, by the integer estimates of the FP
/// library (RecipEstimate, RecipSqrtEstimate, without FEAT_RPRES's increased precision).
/// </summary>
internal static class UnsignedEstimates
{
    /// <summary>UnsignedRecipEstimate: operands below 0x8000_0000 give Ones(32); others estimate&lt;8:0&gt; : Zeros(23) of RecipEstimate(UInt(operand&lt;31:23&gt;)).</summary>
    public static ulong UnsignedRecipEstimate(uint operand)
    {
        if ((operand & 0x8000_0000) == 0)
            return uint.MaxValue;
        return (ulong)(FPCore.RecipEstimate(operand >> 23) & 0x1FF) << 23;
    }

    /// <summary>UnsignedRSqrtEstimate: operands below 0x4000_0000 give Ones(32); others estimate&lt;8:0&gt; : Zeros(23) of RecipSqrtEstimate(UInt(operand&lt;31:23&gt;)).</summary>
    public static ulong UnsignedRSqrtEstimate(uint operand)
    {
        if ((operand & 0xC000_0000) == 0)
            return uint.MaxValue;
        return (ulong)(FPCore.RecipSqrtEstimate(operand >> 23) & 0x1FF) << 23;
    }
}

using Emulator.Cpu.Instructions;

namespace Emulator.Cpu.Decoding;

internal static unsafe partial class A64DecodeTable
{
    /// <summary>The rows of scalar floating point (C4.1.90: floating-point data processing 1/2/3 source, compare, conditional compare and select, immediate, conversions between FP and integer or fixed point).</summary>
    private static A64Encoding[] FloatingPointRows() =>
    [
    ];
}

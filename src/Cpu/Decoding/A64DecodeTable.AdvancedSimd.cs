using Emulator.Cpu.Instructions;

namespace Emulator.Cpu.Decoding;

internal static unsafe partial class A64DecodeTable
{
    /// <summary>The rows of Advanced SIMD copy, permute, table lookup, modified immediate, across lanes, two-register miscellaneous and bitwise (C4.1.90).</summary>
    private static A64Encoding[] AdvancedSimdRows() =>
    [
    ];
}

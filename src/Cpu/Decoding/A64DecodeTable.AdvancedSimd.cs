using Emulator.Cpu.Instructions;

namespace Emulator.Cpu.Decoding;

internal static unsafe partial class A64DecodeTable
{
    /// <summary>The rows of Advanced SIMD (C4.1.90: vector and scalar SIMD groups).</summary>
    private static A64Encoding[] AdvancedSimdRows() =>
    [
    ];
}

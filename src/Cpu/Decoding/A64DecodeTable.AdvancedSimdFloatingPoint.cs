using Emulator.Cpu.Instructions;

namespace Emulator.Cpu.Decoding;

internal static unsafe partial class A64DecodeTable
{
    /// <summary>The rows of Advanced SIMD floating point (C4.1.90: the FP operations of the vector and scalar SIMD groups).</summary>
    private static A64Encoding[] AdvancedSimdFloatingPointRows() =>
    [
    ];
}

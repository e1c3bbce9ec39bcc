using Emulator.Cpu.Instructions;

namespace Emulator.Cpu.Decoding;

internal static unsafe partial class A64DecodeTable
{
    /// <summary>The rows of scalar floating point (C4.1.90, Data processing -- scalar floating-point and Advanced SIMD: the FP groups).</summary>
    private static A64Encoding[] FloatingPointRows() =>
    [
    ];
}

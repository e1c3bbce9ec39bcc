using Emulator.Cpu.Instructions;

namespace Emulator.Cpu.Decoding;

internal static unsafe partial class A64DecodeTable
{
    /// <summary>The rows of Advanced SIMD integer arithmetic: three same, three different, shift by immediate, by element, and their scalar forms (C4.1.90).</summary>
    private static A64Encoding[] AdvancedSimdArithmeticRows() =>
    [
    ];
}

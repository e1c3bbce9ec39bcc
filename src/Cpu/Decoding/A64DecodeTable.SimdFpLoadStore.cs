using Emulator.Cpu.Instructions;

namespace Emulator.Cpu.Decoding;

internal static unsafe partial class A64DecodeTable
{
    /// <summary>The rows of SIMD&amp;FP loads and stores (C4.1.85, V = 1).</summary>
    private static A64Encoding[] SimdFpLoadStoreRows() =>
    [
    ];
}

using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Emulator.Cpu.Core;

/// <summary>The 32 SIMD&amp;FP registers V0..V31, 128 bits each, stored inline in the core (little-endian lanes, as the Arm ARM's V[] numbers them).</summary>
[InlineArray(32)]
public struct VectorRegisters
{
    private Vector128<ulong> _element0;
}

using System.Runtime.CompilerServices;
using Emulator.Cpu.Core;

namespace Emulator.Cpu.Instructions.Simd;

/// <summary>
/// Field decoding and lane packing shared by the Advanced SIMD floating-point handlers. Lanes are
/// handled in 64-bit halves of a vector register: one 64-bit lane, or two 32-bit lanes (lane 0 in
/// bits [31:0]), which is Elem[] of the Arm ARM (shared/functions/vector/Elem) for esize 32 and 64.
/// </summary>
internal static class SimdFloatingPoint
{
    /// <summary>Rd, bits [4:0].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Rd(uint insn) => insn & 31;

    /// <summary>Rn, bits [9:5].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Rn(uint insn) => (insn >> 5) & 31;

    /// <summary>Rm, bits [20:16].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Rm(uint insn) => (insn >> 16) & 31;

    /// <summary>Q, bit 30: a 128-bit vector (else 64 bits, the upper half of Rd cleared).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Q(uint insn) => (insn & (1u << 30)) != 0;

    /// <summary>sz, bit 22: double precision (else single).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Sz(uint insn) => (insn & (1u << 22)) != 0;

    /// <summary>esize = 32 &lt;&lt; UInt(sz).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Esize(uint insn) => Sz(insn) ? 64 : 32;

    /// <summary>
    /// The reserved vector arrangement of the double-precision forms: "if sz:Q == '10' then
    /// UNDEFINED" (a 64-bit vector of one double is not allocated).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool VectorSizeUndefined(uint insn) => Sz(insn) && !Q(insn);

    /// <summary>Ones(esize): the all-ones element a comparison writes when it passes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Ones(int esize) => esize == 64 ? ulong.MaxValue : uint.MaxValue;

    /// <summary>Element <paramref name="index"/> of a 64-bit half (index 0 or 1 for esize 32, 0 for esize 64).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Lane(ulong half, int index, int esize) =>
        esize == 64 ? half : (half >> (32 * index)) & uint.MaxValue;

    /// <summary>Two 32-bit lanes packed into a 64-bit half (the results are masked to 32 bits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Pack(ulong lane0, ulong lane1) => (lane0 & uint.MaxValue) | lane1 << 32;

    /// <summary>Element <paramref name="index"/> of V[<paramref name="n"/>] (Elem[V[n], index, esize]), zero-extended.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Element(ArmCore core, uint n, int index, int esize) =>
        esize == 64 ? core.VElement<ulong>(n, index) : core.VElement<uint>(n, index);

    /// <summary>The low <paramref name="esize"/> bits of V[<paramref name="n"/>] (a scalar operand).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Scalar(ArmCore core, uint n, int esize) =>
        esize == 64 ? core.GetVLow(n) : core.GetVLow(n) & uint.MaxValue;
}

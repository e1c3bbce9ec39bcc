using System.Numerics;
using System.Runtime.CompilerServices;

namespace Emulator.Cpu.Instructions.Specialized;

// Type-level constants for the specialized handlers: each handler is a generic method over struct
// types that implement these interfaces with static members, so the JIT compiles one copy per
// combination with the constants folded (no runtime dispatch: static abstract members of a struct
// type argument are resolved when the instantiation is compiled).

/// <summary>A compile-time boolean.</summary>
internal interface IFlag
{
    static abstract bool Value { get; }
}

internal readonly struct Yes : IFlag
{
    public static bool Value => true;
}

internal readonly struct No : IFlag
{
    public static bool Value => false;
}

/// <summary>The register width: sf = 1 (X) or 0 (W).</summary>
internal interface IWidth
{
    static abstract bool Is64 { get; }
}

internal readonly struct X64 : IWidth
{
    public static bool Is64 => true;
}

internal readonly struct W32 : IWidth
{
    public static bool Is64 => false;
}

/// <summary>A shift type of a shifted-register operand (ShiftReg).</summary>
internal interface IShift
{
    static abstract ulong Apply<TWidth>(ulong value, int amount) where TWidth : struct, IWidth;
}

internal readonly struct Lsl : IShift
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply<TWidth>(ulong value, int amount) where TWidth : struct, IWidth =>
        TWidth.Is64 ? value << amount : (uint)value << amount;
}

internal readonly struct Lsr : IShift
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply<TWidth>(ulong value, int amount) where TWidth : struct, IWidth =>
        TWidth.Is64 ? value >> amount : (uint)value >> amount;
}

internal readonly struct Asr : IShift
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply<TWidth>(ulong value, int amount) where TWidth : struct, IWidth =>
        TWidth.Is64 ? (ulong)((long)value >> amount) : (uint)((int)value >> amount);
}

internal readonly struct Ror : IShift
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Apply<TWidth>(ulong value, int amount) where TWidth : struct, IWidth =>
        TWidth.Is64 ? BitOperations.RotateRight(value, amount) : BitOperations.RotateRight((uint)value, amount);
}

/// <summary>The operation of a logical instruction (opc): AND, ORR, EOR, ANDS.</summary>
internal interface ILogicalOp
{
    static abstract ulong Apply(ulong a, ulong b);

    static abstract bool SetsFlags { get; }
}

internal readonly struct And : ILogicalOp
{
    public static ulong Apply(ulong a, ulong b) => a & b;

    public static bool SetsFlags => false;
}

internal readonly struct Orr : ILogicalOp
{
    public static ulong Apply(ulong a, ulong b) => a | b;

    public static bool SetsFlags => false;
}

internal readonly struct Eor : ILogicalOp
{
    public static ulong Apply(ulong a, ulong b) => a ^ b;

    public static bool SetsFlags => false;
}

internal readonly struct Ands : ILogicalOp
{
    public static ulong Apply(ulong a, ulong b) => a & b;

    public static bool SetsFlags => true;
}

/// <summary>The access size of a single-register load or store: 1 &lt;&lt; Log2 bytes.</summary>
internal interface ISize
{
    static abstract int Bytes { get; }
}

internal readonly struct B1 : ISize
{
    public static int Bytes => 1;
}

internal readonly struct B2 : ISize
{
    public static int Bytes => 2;
}

internal readonly struct B4 : ISize
{
    public static int Bytes => 4;
}

internal readonly struct B8 : ISize
{
    public static int Bytes => 8;
}

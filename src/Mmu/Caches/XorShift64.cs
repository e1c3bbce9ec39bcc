using System.Runtime.CompilerServices;

namespace Emulator.Mmu.Caches;

/// <summary>
/// Marsaglia's xorshift64* generator (shifts 12, 25, 27; multiplier 0x2545F4914F6CDD1D): small,
/// fast and the same on every platform, so a seed fixes every random choice of the model.
/// A zero seed is replaced by a fixed non-zero constant (xorshift must not start at 0).
/// </summary>
public struct XorShift64
{
    private ulong _state;

    public XorShift64(ulong seed) => _state = seed == 0 ? 0x9E3779B97F4A7C15UL : seed;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Next()
    {
        ulong x = _state;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        _state = x;
        return x * 0x2545F4914F6CDD1DUL;
    }

    /// <summary>A value in [0, bound) (bound &gt; 0), taken from the high bits of <see cref="Next"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextBelow(int bound) => (int)((Next() >> 32) * (ulong)bound >> 32);

    /// <summary>True with probability <paramref name="threshold"/> / 2^64 (see <see cref="Threshold"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Chance(ulong threshold) => threshold != 0 && (threshold == ulong.MaxValue || Next() < threshold);

    /// <summary>The threshold for <see cref="Chance"/> giving probability <paramref name="p"/> (clamped to [0, 1]).</summary>
    public static ulong Threshold(double p) => p <= 0 ? 0 : p >= 1 ? ulong.MaxValue : (ulong)(p * 18446744073709551616.0);
}

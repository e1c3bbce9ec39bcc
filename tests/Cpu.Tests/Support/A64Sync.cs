namespace Emulator.Cpu.Tests.Support;

/// <summary>
/// Encoder for the synchronisation instructions (Arm ARM C4.1.85 "Load/store exclusive",
/// "Atomic memory operations") and CRC32, kept apart from <see cref="A64"/>.
/// Sizes: 0 byte, 1 halfword, 2 word, 3 doubleword.
/// </summary>
public static class A64Sync
{
    private static uint Exclusive(uint size, uint o2, uint l, uint o1, int s, uint o0, int t2, int n, int t) =>
        size << 30 | 0b001000u << 24 | o2 << 23 | l << 22 | o1 << 21 | (uint)s << 16 | o0 << 15 | (uint)t2 << 10 | (uint)n << 5 | (uint)t;

    public static uint Ldxr(uint size, int t, int n, bool acquire = false) => Exclusive(size, 0, 1, 0, 31, acquire ? 1u : 0, 31, n, t);

    public static uint Stxr(uint size, int s, int t, int n, bool release = false) => Exclusive(size, 0, 0, 0, s, release ? 1u : 0, 31, n, t);

    public static uint Ldxp(bool is64, int t, int t2, int n, bool acquire = false) => Exclusive(is64 ? 3u : 2u, 0, 1, 1, 31, acquire ? 1u : 0, t2, n, t);

    public static uint Stxp(bool is64, int s, int t, int t2, int n, bool release = false) => Exclusive(is64 ? 3u : 2u, 0, 0, 1, s, release ? 1u : 0, t2, n, t);

    public static uint Ldar(uint size, int t, int n) => Exclusive(size, 1, 1, 0, 31, 1, 31, n, t);

    public static uint Stlr(uint size, int t, int n) => Exclusive(size, 1, 0, 0, 31, 1, 31, n, t);

    public static uint Cas(uint size, int s, int t, int n, bool acquire = false, bool release = false) =>
        Exclusive(size, 1, acquire ? 1u : 0, 1, s, release ? 1u : 0, 31, n, t);

    public static uint Casp(bool is64, int s, int t, int n, bool acquire = false, bool release = false) =>
        Exclusive(is64 ? 1u : 0u, 0, acquire ? 1u : 0, 1, s, release ? 1u : 0, 31, n, t);

    public enum AtomicOp : uint
    {
        Add = 0, Clr = 1, Eor = 2, Set = 3, Smax = 4, Smin = 5, Umax = 6, Umin = 7,
    }

    /// <summary>LD&lt;op&gt;{A}{L}{B,H}: Rt = 31 is the ST&lt;op&gt; alias.</summary>
    public static uint Ld(AtomicOp op, uint size, int s, int t, int n, bool acquire = false, bool release = false) =>
        size << 30 | 0b111000u << 24 | (acquire ? 1u : 0) << 23 | (release ? 1u : 0) << 22 | 1u << 21
        | (uint)s << 16 | (uint)op << 12 | (uint)n << 5 | (uint)t;

    public static uint Swp(uint size, int s, int t, int n, bool acquire = false, bool release = false) =>
        size << 30 | 0b111000u << 24 | (acquire ? 1u : 0) << 23 | (release ? 1u : 0) << 22 | 1u << 21
        | (uint)s << 16 | 1u << 15 | (uint)n << 5 | (uint)t;

    /// <summary>CRC32{B,H,W,X} (c = false) and CRC32C{B,H,W,X}: Wd = CRC(Wn, Rm&lt;size&gt;).</summary>
    public static uint Crc32(uint size, bool c, int d, int n, int m) =>
        (size == 3 ? 1u : 0) << 31 | 0b0011010110u << 21 | (uint)m << 16 | 0b010u << 13 | (c ? 1u : 0) << 12 | size << 10 | (uint)n << 5 | (uint)d;
}

using Emulator.Cpu.Core;
using Emulator.Cpu.Tests.Support;

namespace Emulator.Cpu.Tests.Simd;

/// <summary>
/// Runs Advanced SIMD floating-point instructions as guest code: SIMD&amp;FP enabled (CPACR_EL1.FPEN
/// = 0b11), V registers and FPCR set from the host, the words followed by HVC #0. Values are
/// written as raw bits: <see cref="S"/> and <see cref="D"/> give a value's bits, <see cref="V4"/>,
/// <see cref="D2"/> and the other packers build a register from its lanes (lane 0 lowest).
/// </summary>
internal static class FpSimd
{
    /// <summary>Runs <paramref name="code"/> with SIMD&amp;FP enabled after <paramref name="setup"/> has set registers.</summary>
    public static GuestMachine Run(Action<ArmCore> setup, params uint[] code)
    {
        GuestMachine m = GuestMachine.Load([.. code, GuestMachine.EndMarker]);
        EnableFp(m);
        setup(m.Core);
        m.RunToEnd();
        return m;
    }

    /// <summary>Runs <paramref name="word"/> expecting the UNDEFINED exception (EC 0, ELR at the word).</summary>
    public static void AssertUndefined(uint word, string disassembly)
    {
        GuestMachine m = GuestMachine.Load([word, GuestMachine.EndMarker]);
        EnableFp(m);
        m.InstallHvcVectors();
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.True(m.Esr == 0x0200_0000 && m.Elr == GuestMachine.CodeBase, $"{disassembly} (0x{word:x8}): ESR 0x{m.Esr:x}, ELR 0x{m.Elr:x}");
    }

    public static void EnableFp(GuestMachine m)
    {
        m.Core.Sys.CPACR_EL1 = 3UL << 20;
        m.Core.UpdateFpEnabled();
    }

    /// <summary>Single-precision bits.</summary>
    public static uint S(float value) => BitConverter.SingleToUInt32Bits(value);

    /// <summary>Double-precision bits.</summary>
    public static ulong D(double value) => BitConverter.DoubleToUInt64Bits(value);

    /// <summary>A 128-bit value from its halves.</summary>
    public static (ulong Low, ulong High) R(ulong low, ulong high) => (low, high);

    /// <summary>Four 32-bit lanes (lane 0 lowest).</summary>
    public static (ulong Low, ulong High) V4(uint lane0, uint lane1, uint lane2, uint lane3) =>
        (lane0 | (ulong)lane1 << 32, lane2 | (ulong)lane3 << 32);

    /// <summary>Two 32-bit lanes, the upper 64 bits zero (a 64-bit vector result).</summary>
    public static (ulong Low, ulong High) V2(uint lane0, uint lane1) => (lane0 | (ulong)lane1 << 32, 0);

    /// <summary>Two 64-bit lanes.</summary>
    public static (ulong Low, ulong High) D2(ulong lane0, ulong lane1) => (lane0, lane1);

    /// <summary>Four 16-bit lanes, the upper 64 bits zero.</summary>
    public static (ulong Low, ulong High) H4(ushort lane0, ushort lane1, ushort lane2, ushort lane3) =>
        (lane0 | (ulong)lane1 << 16 | (ulong)lane2 << 32 | (ulong)lane3 << 48, 0);

    /// <summary>A 32-bit scalar, every other bit zero.</summary>
    public static (ulong Low, ulong High) S1(uint value) => (value, 0);

    /// <summary>A 64-bit scalar, the upper 64 bits zero.</summary>
    public static (ulong Low, ulong High) D1(ulong value) => (value, 0);

    /// <summary>V[n] = value.</summary>
    public static void Set(this ArmCore core, uint n, (ulong Low, ulong High) value) => core.SetV(n, value.Low, value.High);

    /// <summary>Asserts all 128 bits of V[n].</summary>
    public static void AssertV(GuestMachine m, uint n, (ulong Low, ulong High) expected)
    {
        ulong actualLow = m.Core.GetVLow(n), actualHigh = m.Core.GetVHigh(n);
        Assert.True(actualLow == expected.Low && actualHigh == expected.High,
            $"V{n}: expected {expected.High:X16}:{expected.Low:X16}, got {actualHigh:X16}:{actualLow:X16}");
    }

    /// <summary>Asserts FPSR (the cumulative exception flags).</summary>
    public static void AssertFpsr(GuestMachine m, uint fpsr) =>
        Assert.True(m.Core.Fpsr == fpsr, $"FPSR: expected 0x{fpsr:x}, got 0x{m.Core.Fpsr:x}");

    public const uint IOC = 1, DZC = 2, OFC = 4, UFC = 8, IXC = 0x10, IDC = 0x80;

    /// <summary>FPCR.DN (default NaN).</summary>
    public const uint FpcrDn = 1u << 25;

    /// <summary>FPCR.FZ (flush denormals to zero).</summary>
    public const uint FpcrFz = 1u << 24;

    /// <summary>FPCR.AHP (alternative half precision).</summary>
    public const uint FpcrAhp = 1u << 26;

    /// <summary>FPCR.RMode values, bits [23:22].</summary>
    public const uint RoundPlus = 1u << 22, RoundMinus = 2u << 22, RoundZero = 3u << 22;

}

/// <summary>What every Advanced SIMD floating-point handler shares: the SIMD&amp;FP access trap, and 64-bit vectors clearing the upper half.</summary>
public sealed class SimdFloatingPointTests
{
    public static TheoryData<uint, string> OneOfEachGroup => new()
    {
        { 0x4E22D420, "fadd v0.4s, v1.4s, v2.4s" },
        { 0x5E22DC20, "fmulx s0, s1, s2" },
        { 0x4E218820, "frintn v0.4s, v1.4s" },
        { 0x5E21A820, "fcvtns s0, s1" },
        { 0x6E30C820, "fmaxnmv s0, v1.4s" },
        { 0x7E30D820, "faddp s0, v1.2s" },
        { 0x4FA21820, "fmla v0.4s, v1.4s, v2.s[3]" },
        { 0x5FA29820, "fmul s0, s1, v2.s[3]" },
        { 0x4F3DE420, "scvtf v0.4s, v1.4s, #3" },
        { 0x5F7DFC20, "fcvtzs d0, d1, #3" },
        { 0x0E217820, "fcvtl v0.4s, v1.4h" },
        { 0x6E616820, "fcvtxn2 v0.4s, v1.2d" },
    };

    /// <summary>With CPACR_EL1.FPEN = 0 every instruction traps with EC 0x07 (AArch64.CheckFPAdvSIMDEnabled) and leaves V0 alone.</summary>
    [Theory]
    [MemberData(nameof(OneOfEachGroup))]
    public void FpDisabled_TrapsWithEc07(uint word, string disassembly)
    {
        GuestMachine m = GuestMachine.Load([word, GuestMachine.EndMarker]);
        m.InstallHvcVectors();
        m.Core.SetV(0, 0x1234, 0x5678);
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.True(m.ExceptionClass == 0x07 && m.Elr == GuestMachine.CodeBase, $"{disassembly}: ESR 0x{m.Esr:x}, ELR 0x{m.Elr:x}");
        FpSimd.AssertV(m, 0, FpSimd.R(0x1234, 0x5678));
    }

    public static TheoryData<uint, string> ReservedDoubleArrangements => new()
    {
        { 0x0E62D420, "fadd v0.1d, v1.1d, v2.1d (sz:Q = 10)" },
        { 0x2E62D420, "faddp v0.1d, v1.1d, v2.1d (sz:Q = 10)" },
        { 0x0E62CC20, "fmla v0.1d (sz:Q = 10)" },
        { 0x0E618820, "frintn v0.1d, v1.1d (sz:Q = 10)" },
        { 0x2EE1F820, "fsqrt v0.1d, v1.1d (sz:Q = 10)" },
        { 0x0FC29020, "fmul v0.1d, v1.1d, v2.d[0] (sz:Q = 10)" },
        { 0x4FE29020, "fmul v0.2d, v1.2d, v2.d[?] with L = 1 (sz:L = 11)" },
        { 0x5FE29020, "fmul d0, d1, v2.d[?] with L = 1 (sz:L = 11)" },
        { 0x0F7DE420, "scvtf v0.1d, v1.1d, #3 (immh<3>:Q = 10)" },
        { 0x0F7DFC20, "fcvtzs v0.1d, v1.1d, #3 (immh<3>:Q = 10)" },
        { 0x6E70C820, "fmaxnmv d0, v1.2d (sz = 1)" },
        { 0x2E30F820, "fmaxv s0, v1.2s (Q = 0)" },
        { 0x4EE1C820, "urecpe v0.2d, v1.2d (sz = 1)" },
        { 0x6EE1C820, "ursqrte v0.2d, v1.2d (sz = 1)" },
        { 0x2E216820, "fcvtxn with sz = 0" },
        { 0x7E216820, "fcvtxn (scalar) with sz = 0" },
    };

    /// <summary>The decode-time UNDEFINED cases of the Arm ARM's decode pseudocode (taken before the SIMD&amp;FP access check).</summary>
    [Theory]
    [MemberData(nameof(ReservedDoubleArrangements))]
    public void ReservedEncodings_AreUndefined(uint word, string disassembly) => FpSimd.AssertUndefined(word, disassembly);

    public static TheoryData<uint, string> Fp16Encodings => new()
    {
        { 0x4E421420, "fadd v0.8h, v1.8h, v2.8h" },
        { 0x4F321820, "fmla v0.8h, v1.8h, v2.h[7]" },
        { 0x5F321820, "fmla h0, h1, v2.h[7]" },
        { 0x4E22EC20, "fmlal v0.4s, v1.4h, v2.4h" },
        { 0x6E22CC20, "fmlal2 v0.4s, v1.4h, v2.4h" },
        { 0x6F823820, "fcmla v0.4s, v1.4s, v2.s[1], #90" },
        { 0x6E82E420, "fcadd v0.4s, v1.4s, v2.4s, #90" },
        { 0x5EF9B820, "fcvtzs h0, h1" },
        { 0x4F1DE420, "scvtf v0.8h, v1.8h, #3" },
        { 0x5F1DE420, "scvtf h0, h1, #3" },
        { 0x4E30C820, "fmaxnmv h0, v1.8h" },
        { 0x5E30D820, "faddp h0, v1.2h" },
        { 0x4E21E820, "frint32z v0.4s, v1.4s" },
        { 0x5EF9D820, "frecpe h0, h1" },
        { 0x0F0FE420, "scvtf with immh = 0001 (reserved)" },
    };

    /// <summary>FEAT_FP16, FEAT_FHM, FEAT_FCMA and FEAT_FRINTTS encodings are not implemented: no row decodes them.</summary>
    [Theory]
    [MemberData(nameof(Fp16Encodings))]
    public void LaterExtensions_AreUndefined(uint word, string disassembly)
    {
        Assert.Null(Emulator.Cpu.Decoding.A64Decoder.Instance.Find(word));
        FpSimd.AssertUndefined(word, disassembly);
    }
}

using Emulator.Cpu.Tests.Support;

namespace Emulator.Cpu.Tests.SimdFp;

/// <summary>
/// The guest set-up the SIMD&amp;FP load/store tests share: FP enabled (CPACR_EL1.FPEN = 0b11), a
/// data area filled with a byte pattern, V0..V31 filled with recognisable values, the program
/// ending in HVC #0; and the checks of the common cases (UNDEFINED, the FP access trap).
/// </summary>
internal static class SimdGuest
{
    /// <summary>The start of the patterned data area.</summary>
    public const ulong Data = GuestMachine.DataBase;

    /// <summary>How many bytes of the data area hold the pattern.</summary>
    public const int PatternLength = 0x2_0000;

    /// <summary>The pattern byte at Data + k.</summary>
    public static byte Pattern(ulong k) => (byte)((k * 0x9D + 0x31) ^ (k >> 8));

    /// <summary>The pattern read as a little-endian value of 1..8 bytes at Data + offset.</summary>
    public static ulong PatternValue(ulong offset, int bytes)
    {
        ulong v = 0;
        for (int i = bytes - 1; i >= 0; i--)
            v = v << 8 | Pattern(offset + (ulong)i);
        return v;
    }

    /// <summary>The value V[n] holds before the program runs: every byte different, the register number in byte 0.</summary>
    public static (ulong Low, ulong High) Initial(int n) => (0xA7A6_A5A4_A3A2_A100UL | (uint)n, 0xAFAE_ADAC_ABAA_A9A8UL + ((ulong)n << 56));

    /// <summary>Loads the program with FP enabled, the pattern and V registers set, runs <paramref name="setup"/>.</summary>
    public static GuestMachine Prepare(Action<GuestMachine>? setup, uint[] code, bool fpEnabled = true)
    {
        GuestMachine m = GuestMachine.Load([.. code, GuestMachine.EndMarker]);
        if (fpEnabled)
        {
            m.Core.Sys.CPACR_EL1 = 3UL << 20;
            m.Core.UpdateFpEnabled();
        }
        byte[] pattern = new byte[PatternLength];
        for (int k = 0; k < pattern.Length; k++)
            pattern[k] = Pattern((ulong)k);
        m.WriteBytes(Data, pattern);
        for (int n = 0; n < 32; n++)
        {
            (ulong low, ulong high) = Initial(n);
            m.Core.SetV((uint)n, low, high);
        }
        setup?.Invoke(m);
        return m;
    }

    /// <summary>Runs the program to its HVC #0.</summary>
    public static GuestMachine Run(Action<GuestMachine>? setup, params uint[] code)
    {
        GuestMachine m = Prepare(setup, code);
        m.RunToEnd();
        return m;
    }

    /// <summary>Runs a one-instruction program that must take the UNDEFINED exception (ESR EC 0, IL 1) at the instruction, leaving V0..V31 unchanged.</summary>
    public static void AssertUndefined(uint word, Action<GuestMachine>? setup = null)
    {
        GuestMachine m = Prepare(setup, [word]);
        m.InstallHvcVectors();
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.True(m.Esr == 0x0200_0000 && m.Elr == GuestMachine.CodeBase, $"0x{word:x8}: ESR 0x{m.Esr:x}, ELR 0x{m.Elr:x}");
        AssertVUnchanged(m);
    }

    /// <summary>Runs a one-instruction program with CPACR_EL1.FPEN = 0: it must take the SIMD&amp;FP access trap (EC 0x07) at the instruction.</summary>
    public static void AssertFpTrap(uint word, Action<GuestMachine>? setup = null)
    {
        GuestMachine m = Prepare(setup, [word], fpEnabled: false);
        m.InstallHvcVectors();
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.True(m.ExceptionClass == 0x07 && m.Elr == GuestMachine.CodeBase, $"0x{word:x8}: ESR 0x{m.Esr:x}, ELR 0x{m.Elr:x}");
        AssertVUnchanged(m);
    }

    public static void AssertVUnchanged(GuestMachine m)
    {
        for (int n = 0; n < 32; n++)
            AssertV(m, n, Initial(n).Low, Initial(n).High);
    }

    /// <summary>Checks all 128 bits of V[n].</summary>
    public static void AssertV(GuestMachine m, int n, ulong low, ulong high)
    {
        ulong gotLow = m.Core.GetVLow((uint)n), gotHigh = m.Core.GetVHigh((uint)n);
        Assert.True(gotLow == low && gotHigh == high,
            $"V{n}: expected 0x{high:x16}_{low:x16}, got 0x{gotHigh:x16}_{gotLow:x16}");
    }

    /// <summary>Checks V[n] holds the pattern's <paramref name="bytes"/> bytes at Data + offset, zero above.</summary>
    public static void AssertVPattern(GuestMachine m, int n, ulong offset, int bytes)
    {
        ulong low = PatternValue(offset, Math.Min(bytes, 8));
        ulong high = bytes == 16 ? PatternValue(offset + 8, 8) : 0;
        AssertV(m, n, low, high);
    }
}

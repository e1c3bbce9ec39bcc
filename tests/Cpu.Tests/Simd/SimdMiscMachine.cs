using System.Globalization;
using Emulator.Cpu.Core;
using Emulator.Cpu.Tests.Support;

namespace Emulator.Cpu.Tests.Simd;

/// <summary>
/// Runs one Advanced SIMD instruction word from a deterministic initial state (V0-V31 and X0-X30
/// drawn from a seed, FPSR = 0, SIMD&amp;FP enabled) and checks the final state against an
/// expectation recorded on qemu-system-aarch64 (cortex-a57) from the same state: a list of the
/// registers that changed ("v0=hi:lo", "x0=value", "fpsr=value", hex) or "undef" for an
/// instruction that takes the UNDEFINED exception. Every register not listed must keep its
/// initial value. Seeds 4k draw plain random bits, seeds 4k + 2 bytes 00..3F (in-range table
/// indices, small sums), odd seeds bytes mostly from 00, 01, 7F, 80, FF, FE, 81, 40 so that
/// saturation and sign boundaries come up.
/// </summary>
internal static class SimdMiscMachine
{
    public static (ulong Lo, ulong Hi)[] InitialV(int seed) => Initial(seed).V;

    /// <summary>The initial state of a seed: the same generator as the recording script (SplitMix64).</summary>
    public static ((ulong Lo, ulong Hi)[] V, ulong[] X) Initial(int seed)
    {
        ulong state = (ulong)seed * 0x1000193 + 7;
        var v = new (ulong, ulong)[32];
        for (int i = 0; i < 32; i++)
        {
            ulong lo = Word(ref state, seed);
            ulong hi = Word(ref state, seed);
            v[i] = (lo, hi);
        }
        var x = new ulong[31];
        for (int i = 0; i < 31; i++)
            x[i] = Word(ref state, seed);
        return (v, x);
    }

    private static readonly byte[] Special = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0xFE, 0x81, 0x40];

    private static ulong Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15;
        ulong z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    private static ulong Word(ref ulong state, int seed)
    {
        ulong w = Next(ref state);
        if (seed % 4 == 2)
            return w & 0x3F3F_3F3F_3F3F_3F3F;
        if (seed % 2 == 0)
            return w;
        ulong select = Next(ref state), result = 0;
        for (int b = 0; b < 8; b++)
        {
            ulong value = (w >> (8 * b)) & 0xFF;
            if (((select >> (8 * b)) & 3) != 0)
                value = Special[(select >> (8 * b + 2)) & 7];
            result |= value << (8 * b);
        }
        return result;
    }

    /// <summary>Loads the word and HVC #0, the seed's state, SIMD&amp;FP enabled.</summary>
    public static GuestMachine Prepare(uint word, int seed)
    {
        var m = GuestMachine.Load([word, GuestMachine.EndMarker]);
        m.InstallHvcVectors();
        m.Core.Sys.CPACR_EL1 = 3UL << 20;
        m.Core.UpdateFpEnabled();
        var (v, x) = Initial(seed);
        for (uint i = 0; i < 32; i++)
            m.Core.SetV(i, v[i].Lo, v[i].Hi);
        for (int i = 0; i < 31; i++)
            m.Core.X[i] = x[i];
        m.Core.Fpsr = 0;
        return m;
    }

    /// <summary>Runs <paramref name="word"/> (then HVC #0) with SIMD&amp;FP enabled, all registers zero but those <paramref name="setup"/> sets.</summary>
    public static GuestMachine Run(uint word, Action<ArmCore> setup)
    {
        var m = GuestMachine.Load([word, GuestMachine.EndMarker]);
        m.InstallHvcVectors();
        m.Core.Sys.CPACR_EL1 = 3UL << 20;
        m.Core.UpdateFpEnabled();
        setup(m.Core);
        m.RunToEnd();
        return m;
    }

    /// <summary>V[n] as (high, low), for assertions.</summary>
    public static (ulong Hi, ulong Lo) V(GuestMachine m, uint n) => (m.Core.GetVHigh(n), m.Core.GetVLow(n));

    /// <summary>Runs <paramref name="word"/> from the seed's state and checks it against <paramref name="expected"/>.</summary>
    public static void Check(uint word, string disassembly, int seed, string expected)
    {
        GuestMachine m = Prepare(word, seed);
        if (expected == "undef")
        {
            m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
            Assert.True(m.Esr == 0x0200_0000, $"{disassembly}: ESR 0x{m.Esr:x}, expected UNDEFINED");
            return;
        }
        m.RunToEnd();
        var (v, x) = Initial(seed);
        uint fpsr = 0;
        foreach (string item in expected.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = item.IndexOf('=');
            string name = item[..eq], value = item[(eq + 1)..];
            if (name == "fpsr")
            {
                fpsr = uint.Parse(value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
            else if (name[0] == 'v')
            {
                int colon = value.IndexOf(':');
                v[int.Parse(name[1..], CultureInfo.InvariantCulture)] = (
                    ulong.Parse(value[(colon + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                    ulong.Parse(value[..colon], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            }
            else
            {
                x[int.Parse(name[1..], CultureInfo.InvariantCulture)] = ulong.Parse(value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
        }
        for (uint i = 0; i < 32; i++)
        {
            (ulong lo, ulong hi) = (m.Core.GetVLow(i), m.Core.GetVHigh(i));
            Assert.True(lo == v[i].Lo && hi == v[i].Hi,
                $"{disassembly} (seed {seed}): v{i} = {hi:x16}:{lo:x16}, expected {v[i].Hi:x16}:{v[i].Lo:x16}");
        }
        for (int i = 0; i < 31; i++)
            Assert.True(m.X(i) == x[i], $"{disassembly} (seed {seed}): x{i} = {m.X(i):x16}, expected {x[i]:x16}");
        Assert.True(m.Core.Fpsr == fpsr, $"{disassembly} (seed {seed}): FPSR = {m.Core.Fpsr:x}, expected {fpsr:x}");
    }
}

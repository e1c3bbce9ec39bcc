using System.Globalization;
using Emulator.Cpu.Tests.Support;

namespace Emulator.Cpu.Tests.Simd;

/// <summary>
/// Runs one Advanced SIMD instruction word as guest code with V0, V1, V2 (and V17 = V1, V18 = V2) preset and
/// SIMD&amp;FP enabled, and checks V0, V1 and FPSR.QC afterwards: the harness of the QEMU-recorded
/// cases (see the *Cases.cs files) and of the hand-written tests.
/// </summary>
internal static class SimdArithmeticGuest
{
    /// <summary>The machine after running <paramref name="word"/> with the given V0, V1, V2 (low, high pairs).</summary>
    public static GuestMachine Run(uint word, ReadOnlySpan<ulong> inputs, uint fpsr = 0)
    {
        var m = GuestMachine.Load([word, GuestMachine.EndMarker]);
        m.Core.Sys.CPACR_EL1 = 3UL << 20;
        m.Core.UpdateFpEnabled();
        m.Core.SetV(0, inputs[0], inputs[1]);
        m.Core.SetV(1, inputs[2], inputs[3]);
        m.Core.SetV(2, inputs[4], inputs[5]);
        m.Core.SetV(17, inputs[2], inputs[3]);
        m.Core.SetV(18, inputs[4], inputs[5]);
        m.Core.Fpsr = fpsr;
        m.RunToEnd();
        return m;
    }

    /// <summary>Checks one recorded case line: "word, 6 inputs, 4 outputs, QC | assembly" (hex); QC "U": the word is UNDEFINED.</summary>
    public static void CheckCase(string line)
    {
        int bar = line.IndexOf('|');
        string asm = line[(bar + 1)..].Trim();
        string[] f = line[..bar].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(12, f.Length);
        uint word = uint.Parse(f[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        if (f[11] == "U")
        {
            AssertUndefined(word, asm);
            return;
        }
        var v = new ulong[11];
        for (int i = 1; i < 12; i++)
            v[i - 1] = ulong.Parse(f[i], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        GuestMachine m = Run(word, v.AsSpan(0, 6));
        string expected = $"{v[7]:x16}:{v[6]:x16} {v[9]:x16}:{v[8]:x16} QC={v[10]}";
        string actual = $"{m.Core.GetVHigh(0):x16}:{m.Core.GetVLow(0):x16} {m.Core.GetVHigh(1):x16}:{m.Core.GetVLow(1):x16} QC={(m.Core.Fpsr >> 27) & 1}";
        Assert.True(expected == actual, $"{asm} (0x{word:x8}): expected V0 V1 {expected}, got {actual}");
    }

    /// <summary>The cases as theory data (one test each).</summary>
    public static TheoryData<string> Data(string[] cases)
    {
        var data = new TheoryData<string>();
        foreach (string line in cases)
            data.Add(line);
        return data;
    }

    /// <summary>Asserts that <paramref name="word"/> takes the UNDEFINED instruction exception (EC 0, IL 1) at its own address.</summary>
    public static void AssertUndefined(uint word, string disassembly)
    {
        var m = GuestMachine.Load([word, GuestMachine.EndMarker]);
        m.Core.Sys.CPACR_EL1 = 3UL << 20;
        m.Core.UpdateFpEnabled();
        m.InstallHvcVectors();
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.True(m.Esr == 0x0200_0000 && m.Elr == GuestMachine.CodeBase, $"{disassembly} (0x{word:x8}): ESR 0x{m.Esr:x} ELR 0x{m.Elr:x}");
    }

    /// <summary>Asserts that <paramref name="word"/> traps with EC 0x07 when CPACR_EL1.FPEN = 0.</summary>
    public static void AssertFpTrap(uint word, string disassembly)
    {
        var m = GuestMachine.Load([word, GuestMachine.EndMarker]);
        m.Core.Sys.CPACR_EL1 = 0;
        m.Core.UpdateFpEnabled();
        m.InstallHvcVectors();
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.True(m.ExceptionClass == 0x07 && m.Elr == GuestMachine.CodeBase, $"{disassembly} (0x{word:x8}): ESR 0x{m.Esr:x} ELR 0x{m.Elr:x}");
    }
}

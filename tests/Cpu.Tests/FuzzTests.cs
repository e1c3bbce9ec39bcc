using Emulator.Cpu.Core;
using Emulator.Cpu.Tests.Support;
using Xunit.Abstractions;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests;

/// <summary>
/// 200,000 seeded random words, each executed alone from a fresh reset: the word at the reset
/// address, HVC #0 after it, and VBAR_EL1 at a vector table of HVC #0 in every entry. Whatever
/// the word is, the host must not throw, the run must end in a defined <see cref="CpuExit"/>,
/// and XZR must still read as zero. (Instructions/DecodeFuzzTests.cs complements this with
/// random register contents.)
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void RandomWords_FromResetState_AlwaysEndInADefinedExit()
    {
        const int count = 200_000;
        const int seed = 0x5EED;
        var random = new Random(seed);
        var machine = new GuestMachine();
        for (int i = 0; i < 16; i++)
            machine.Write32(GuestMachine.VectorBase + (ulong)i * 0x80, Hvc(0));
        ArmCore core = machine.Core;
        var exits = new Dictionary<CpuExit, int>();
        var failures = new List<string>();
        for (int i = 0; i < count && failures.Count < 20; i++)
        {
            uint word = (uint)random.NextInt64(0, 1L << 32);
            try
            {
                machine.Write32(GuestMachine.CodeBase, word);
                machine.Write32(GuestMachine.CodeBase + 4, Hvc(0));
                core.Reset(GuestMachine.CodeBase);
                core.Sys.VBAR_EL1 = GuestMachine.VectorBase;
                CpuExit exit = core.Run(64);
                exits[exit] = exits.GetValueOrDefault(exit) + 1;
                if (!Enum.IsDefined(exit))
                    failures.Add($"0x{word:x8}: undefined exit value {(int)exit}");
                if (core.X[31] != 0)
                    failures.Add($"0x{word:x8}: X[31] = 0x{core.X[31]:x}");
                if (exit == CpuExit.Unsupported && string.IsNullOrEmpty(core.UnsupportedReason))
                    failures.Add($"0x{word:x8}: Unsupported without a reason");
                if (exit == CpuExit.GuestFault && core.LastGuestFault is null)
                    failures.Add($"0x{word:x8}: GuestFault without a record");
            }
            catch (Exception e)
            {
                failures.Add($"0x{word:x8}: host threw {e.GetType().Name}: {e.Message}");
            }
        }
        output.WriteLine($"seed 0x{seed:x}: " + string.Join(", ", exits.OrderBy(e => e.Key).Select(e => $"{e.Key} {e.Value}")));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(count, exits.Values.Sum());
        Assert.True(exits.GetValueOrDefault(CpuExit.HypervisorCall) > count / 2);
    }
}

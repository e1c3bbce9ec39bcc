using System.Diagnostics;
using Emulator.Cpu.Core;
using Emulator.Cpu.Tests.Support;
using Xunit.Abstractions;

namespace Emulator.Cpu.Tests.Instructions;

/// <summary>
/// Executes random 32-bit words in a sandboxed guest: every exception lands in a vector table of
/// HVC #0x10x, so it returns to the host. No word may make the host throw. 10,000,000 words
/// (about 10 s in Release); EMULATOR_FUZZ_WORDS sets another count.
/// </summary>
public sealed class DecodeFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void Random_words_never_make_the_host_throw()
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("EMULATOR_FUZZ_WORDS"), out int words) ? words : 10_000_000;
        const int seed = 20261122;
        var random = new Random(seed);
        var machine = new GuestMachine();
        ArmCore core = machine.Core;
        var exits = new Dictionary<CpuExit, int>();
        int undefined = 0;
        ulong resetSctlr = core.Sys.SCTLR_EL1;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            if ((i & 0xFFF) == 0)
            {
                // A random store may have hit the code or the vectors: put the sandbox back.
                machine.InstallHvcVectors();
            }
            uint word = (uint)random.NextInt64(0, 1L << 32);
            machine.Write32(GuestMachine.CodeBase, word);
            machine.Write32(GuestMachine.CodeBase + 4, GuestMachine.EndMarker);
            if ((i & 0xFF) == 0 || core.CurrentEl != 1 || !core.SpSel || core.IllegalState || core.Sys.SCTLR_EL1 != resetSctlr)
            {
                core.Reset(GuestMachine.CodeBase); // a full reset (TLBs, timers) costs microseconds: only when needed
            }
            else
            {
                core.Pc = GuestMachine.CodeBase;
                core.Daif = 0x3C0;
            }
            core.Sys.VBAR_EL1 = GuestMachine.VectorBase;
            for (int r = 0; r < 31; r++)
                core.X[r] = (r & 1) == 0 ? GuestMachine.DataBase + (ulong)(random.Next(0x1000) * 8) : (ulong)random.NextInt64();
            core.Sp = GuestMachine.DataBase + 0x2000;
            core.Nzcv = (uint)random.Next(16) << 28;
            CpuExit exit;
            try
            {
                exit = core.Run(4);
            }
            catch (Exception e)
            {
                Assert.Fail($"word 0x{word:x8} (case {i}, seed {seed}) made the host throw: {e}");
                throw;
            }
            exits[exit] = exits.GetValueOrDefault(exit) + 1;
            if (exit == CpuExit.HypervisorCall && core.ExitImmediate == GuestMachine.VectorCurrentElSpxSync && (core.Sys.ESR_EL1 >> 26) == 0)
                undefined++;
        }
        output.WriteLine($"{count} random words in {clock.Elapsed.TotalSeconds:F1} s (seed {seed}); UNDEFINED {undefined}; exits: " +
            string.Join(", ", exits.OrderBy(e => e.Key).Select(e => $"{e.Key} {e.Value}")));
        Assert.True(exits.GetValueOrDefault(CpuExit.HypervisorCall) > count / 2);
        Assert.True(undefined > count / 10);
    }
}

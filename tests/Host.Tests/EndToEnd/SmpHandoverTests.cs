using System.Text.Json;

namespace Emulator.Host.Tests.EndToEnd;

/// <summary>
/// Guests/ticketlock.S: two CPUs take a ticket lock 3000 times each, waiting with SEVL/WFE/LDAXR,
/// so the lock changes hands on every acquisition. A WFE with no event yields the rest of its
/// slice to the other CPU (Cluster.TryYield), so a hand-over costs a slice, not a round: the run's
/// simulated time stays far below a round per hand-over (before yields it took 20.3 M cycles with
/// the default quantum; 6000 hand-overs at a 10,000-cycle round), and the same options give the
/// same report.
/// </summary>
public sealed class SmpHandoverTests
{
    [Theory]
    [InlineData("")]
    [InlineData("--interpret")]
    public void A_contended_ticket_lock_changes_hands_within_a_round(string options)
    {
        using var temp = new TempDirectory();
        string? elf = TestGuests.Build(temp, "ticketlock");
        if (elf is null)
            return;
        ulong? cycles = null;
        for (int run = 0; run < 2; run++)
        {
            string report = temp.File($"r{run}.json");
            ProcessResult ours = EmulatorProcess.Run(["run", elf, "--smp", "2", "--cache", "off", "--display", "headless", "--report", report, .. TestGuests.Options(options)]);
            Assert.True(ours.ExitCode == 0, $"exit {ours.ExitCode}: {ours.Stderr}\n{ours.Stdout}");
            Assert.Equal("counter 0x1770\n", ours.Stdout); // 2 x 3000 increments, none lost
            JsonElement r = EmulatorProcess.ReadReport(report);
            ulong total = r.GetProperty("cycles").GetUInt64();
            ulong instructions = r.GetProperty("instructions").GetUInt64();
            Assert.True(instructions > 100_000, $"{instructions} instructions");
            // 6000 hand-overs: a round (10,000 cycles) each would be 60 M cycles; a slice each, a
            // few hundred cycles of the waiter's own. Bounded well below a round per 4 hand-overs.
            Assert.True(total < 6000UL * 10_000 / 15, $"{total} cycles for 6000 hand-overs");
            if (cycles is null)
                cycles = total;
            else
                Assert.Equal(cycles, total); // deterministic
        }
    }
}

using System.Diagnostics;
using Xunit.Abstractions;

namespace Emulator.Host.Tests.Robustness;

/// <summary>
/// Seeded whole-machine fuzzing in process (issue 11): hostile guests on the real board, hypervisor,
/// cache model and display pipeline, under random policies and cache presets. Every run must end
/// with a defined outcome, with no host exception, no hang, and no RAM allocated outside the
/// memory slots. Seeds are printed; EMULATOR_ROBUST_SEED repeats one, EMULATOR_ROBUST_ITERATIONS
/// multiplies the number of cases.
/// </summary>
public sealed class MachineFuzzTests(ITestOutputHelper output)
{
    private const ulong MaxInstructions = 20_000;

    [Fact]
    public void Random_guests_under_random_policies_and_caches_always_end_with_a_defined_outcome()
    {
        int seed = FuzzMachine.Seed(0x11F022);
        int cases = FuzzMachine.Scaled(150);
        RunCases("random machine", seed, cases, random => (FuzzMachine.RandomConfiguration(random), FuzzGuests.RandomMachine(random)), refreshHz: 1000);
    }

    [Fact]
    public void Random_cache_maintenance_on_RAM_VRAM_and_MMIO_ends_cleanly_under_every_policy_and_cache()
    {
        int seed = FuzzMachine.Seed(0xCAC4E);
        var configurations = FuzzMachine.EveryPolicyAndCache().ToList();
        int rounds = FuzzMachine.Scaled(2);
        int cases = rounds * configurations.Count;
        int next = 0;
        // A refresh every 100 us of simulated time: the VMM's scanout (and its policy's maintenance)
        // runs between the guest's maintenance operations all the time.
        RunCases("cache maintenance", seed, cases, random => (configurations[next++ % configurations.Count], FuzzGuests.CacheMaintenance(random)), refreshHz: 10_000);
    }

    private void RunCases(string what, int seed, int cases, Func<Random, (FuzzConfiguration, byte[])> make, double refreshHz)
    {
        var clock = Stopwatch.StartNew();
        var runs = new List<FuzzRun>();
        var failures = new List<string>();
        ulong instructions = 0;
        int frames = 0;
        for (int i = 0; i < cases && failures.Count < 5; i++)
        {
            // One generator per case, seeded from the run's seed and the case number, so a case can be replayed alone.
            int caseSeed = (int)(((uint)seed * 2654435761u + (uint)i * 40503u) & int.MaxValue);
            var random = new Random(caseSeed);
            (FuzzConfiguration configuration, byte[] image) = make(random);
            FuzzRun run = FuzzMachine.Run(configuration, image, FuzzGuests.Entry, MaxInstructions, refreshHz);
            runs.Add(run);
            instructions += run.Instructions;
            frames += run.Frames;
            if (run.Problem is not null)
                failures.Add($"case {i} (case seed {caseSeed}, {configuration}): {run.Problem}");
        }
        output.WriteLine($"{what}: seed 0x{seed:x}, {runs.Count} cases, {instructions} instructions, {frames} frames in {clock.Elapsed.TotalSeconds:F1} s");
        output.WriteLine("outcomes: " + FuzzMachine.Summary(runs));
        foreach (var group in runs.GroupBy(r => r.Outcome.Reason))
        {
            foreach (FuzzRun run in group.Take(3))
                output.WriteLine($"e.g. {group.Key}: {run.Outcome.Message} (word at PC 0x{run.LastWord:x8})");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(cases, runs.Count);
        Assert.True(instructions > (ulong)cases * 50, $"the guests ran only {instructions} instructions in all: the generator is broken");
    }
}

using Emulator.Cpu.Core;
using Emulator.Host.Board;
using Emulator.Host.DeviceTree;
using Emulator.Host.Display;
using Emulator.Host.Hypervisor;
using Emulator.Host.Hypervisor.Policies;
using Emulator.Host.Loading;
using Emulator.Host.Reporting;
using Emulator.Host.Running;
using Emulator.Host.Vmm;
using Emulator.Mmu.Caches;
using Emulator.Mmu.Physical;

namespace Emulator.Host.Tests.Robustness;

/// <summary>How one fuzz machine is configured.</summary>
internal sealed record FuzzConfiguration(CoherencyPolicy Policy, string Cache, int GicVersion)
{
    public override string ToString() => $"policy {Policy.Name}, cache {Cache}, gic {GicVersion}";
}

/// <summary>What one fuzz run ended with.</summary>
internal sealed record FuzzRun(RunOutcome Outcome, ulong Instructions, int Frames, string? Problem)
{
    /// <summary>The instruction word at the final PC when it lies in RAM (for the test output).</summary>
    public uint? LastWord { get; init; }
}

/// <summary>
/// The whole machine as `emulator run` builds it (RunCommand.ExecuteLogged: a <see cref="VirtBoard"/>
/// with the CPU configuration, policy and cache preset, the generated device tree, a display
/// pipeline, the <see cref="Runner"/>), but in process, on a synthetic image, with a
/// <see cref="HeadlessDisplay"/> and in-memory consoles. <see cref="Run"/> returns the outcome and
/// any broken invariant: a host exception, an outcome that is not one of the defined reasons, a
/// wall-clock safety limit reached (a hang), or RAM allocated outside the memory slots.
/// </summary>
internal static class FuzzMachine
{
    public const ulong RamSize = 32UL << 20;
    public const ulong VramSize = 4UL << 20;
    public const ulong RamBase = VirtMemoryMap.RamBase;
    public const ulong RamEnd = RamBase + RamSize;

    /// <summary>The image is loaded here (2 MiB into RAM; the device tree takes the start of RAM).</summary>
    public const ulong ImageBase = RamBase + (2UL << 20);

    private static readonly string[] Caches = ["off", .. CachePresets.Names];
    private static readonly byte[] DeviceTree = VirtDeviceTree.Build(new VirtDeviceTreeConfig(RamSize, null, 2, VirtMemoryMap.DefaultCounterFrequencyHz,
        new FramebufferConfig(VramSize, VirtBoard.BootModeWidth, VirtBoard.BootModeHeight)));

    public static FuzzConfiguration RandomConfiguration(Random random) =>
        new(CoherencyPolicies.All[random.Next(CoherencyPolicies.All.Count)], Caches[random.Next(Caches.Length)], random.Next(2) == 0 ? 2 : 3);

    public static IEnumerable<FuzzConfiguration> EveryPolicyAndCache(int gicVersion = 2) =>
        from policy in CoherencyPolicies.All from cache in Caches select new FuzzConfiguration(policy, cache, gicVersion);

    /// <summary>
    /// Boots <paramref name="image"/> (at <see cref="ImageBase"/>, entered at <paramref name="entry"/>)
    /// and runs it for at most <paramref name="maxInstructions"/>, refreshing the display at
    /// <paramref name="refreshHz"/> of simulated time.
    /// </summary>
    public static FuzzRun Run(FuzzConfiguration configuration, byte[] image, ulong entry, ulong maxInstructions, double refreshHz = 1000)
    {
        VirtBoard? board = null;
        try
        {
            var cpu = new CpuConfiguration { CounterFrequencyHz = VirtMemoryMap.DefaultCounterFrequencyHz };
            CacheHierarchyConfig? cache = configuration.Cache == "off" ? null : CachePresets.Find(configuration.Cache);
            var uart = new MemoryStream();
            board = new VirtBoard(RamSize, uart.WriteByte, cpu, configuration.GicVersion, VirtBoard.DefaultRtcStartSeconds, cache,
                ncSnoop: false, configuration.Policy, VramSize);
            var loaded = new LoadedImage(ImageFormat.Raw, entry, [new LoadedSegment(ImageBase, image, (ulong)image.Length)], IsLinuxKernel: false);
            board.Boot(loaded, DeviceTree, "fuzz.bin");
            var display = new HeadlessDisplay();
            using var pipeline = new DisplayPipeline(board, refreshHz, cpu.CoreClockHz, display, recorder: null);
            using SerialInput input = SerialInput.None();
            var runner = new Runner(board, new PsciHandler(), new SemihostingHandler(new MemoryStream(), new MemoryStream()), input, uart, pipeline);
            // The wall-clock limit is only a safety net: a run that reaches it has hung.
            RunOutcome outcome = runner.Run(maxInstructions, CancellationToken.None, maxSeconds: 20);
            string? problem = Check(board, outcome, maxInstructions, display);
            ulong pc = board.Core.Pc;
            uint? word = board.RamSlot.Contains(pc, 4) ? (uint)board.Bus.ReadRam(pc, 4) : null;
            return new FuzzRun(outcome, board.Core.Instructions, (int)display.FramesPresented, problem) { LastWord = word };
        }
        catch (Exception e)
        {
            string where = board is null ? "" : $" at PC 0x{board.Core.Pc:x} after {board.Core.Instructions} instructions";
            return new FuzzRun(new RunOutcome(ExitReason.Error, -1, null), board?.Core.Instructions ?? 0, 0,
                $"host exception{where}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
        }
    }

    private static string? Check(VirtBoard board, RunOutcome outcome, ulong maxInstructions, HeadlessDisplay display)
    {
        if (!Enum.IsDefined(outcome.Reason))
            return $"undefined exit reason {(int)outcome.Reason}";
        if (outcome.Reason == ExitReason.MaxSeconds)
            return "hung: the wall-clock safety limit was reached";
        if (outcome.Reason is ExitReason.Interrupted or ExitReason.WindowClosed or ExitReason.Frames)
            return $"impossible exit reason {outcome.Reason} for a headless run without limits";
        if (outcome.Reason is not (ExitReason.SystemOff or ExitReason.SystemReset or ExitReason.SemihostingExit) && string.IsNullOrEmpty(outcome.Message))
            return $"exit {outcome.Reason} without a message";
        if (board.Core.Instructions > maxInstructions)
            return $"ran {board.Core.Instructions} instructions, more than the limit {maxInstructions}";
        Ram ram = board.Ram;
        int allocated = 0;
        for (ulong offset = 0; offset < ram.Size; offset += Ram.ChunkSize)
        {
            if (ram.ChunkForRead(offset) is null)
                continue;
            allocated++;
            if (ram.FindSlot(ram.BaseAddress + offset) is null)
                return $"RAM chunk at 0x{ram.BaseAddress + offset:x} allocated outside every memory slot";
        }
        if (allocated != ram.AllocatedChunks)
            return $"{allocated} chunks allocated but Ram.AllocatedChunks says {ram.AllocatedChunks}";
        if (display.LastFrame is { } frame)
        {
            int pixels = frame.Width * frame.Height;
            if (frame.Pixels.Length != pixels || frame.Oracle.Length != pixels || frame.PixelState.Length != pixels)
                return $"frame {frame.Number} of {frame.Width}x{frame.Height} has arrays of {frame.Pixels.Length}/{frame.Oracle.Length}/{frame.PixelState.Length}";
        }
        return null;
    }

    /// <summary>"reason count, ..." for the test output.</summary>
    public static string Summary(IEnumerable<FuzzRun> runs) =>
        string.Join(", ", runs.GroupBy(r => r.Outcome.Reason).OrderBy(g => g.Key).Select(g => $"{g.Key.ToReportName()} {g.Count()}"));

    /// <summary>Case counts are multiplied by EMULATOR_ROBUST_ITERATIONS (default 1).</summary>
    public static int Scaled(int count)
    {
        string? text = Environment.GetEnvironmentVariable("EMULATOR_ROBUST_ITERATIONS");
        return double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out double factor) && factor > 0
            ? Math.Max(1, (int)(count * factor))
            : count;
    }

    /// <summary>The seed: EMULATOR_ROBUST_SEED when set (to repeat a run), else <paramref name="fixedSeed"/>.</summary>
    public static int Seed(int fixedSeed) =>
        int.TryParse(Environment.GetEnvironmentVariable("EMULATOR_ROBUST_SEED"), out int seed) ? seed : fixedSeed;
}

using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Emulator.Cpu.Core;
using Emulator.Host.Board;
using Emulator.Host.Display;
using Emulator.Host.Hypervisor.Policies;
using Emulator.Host.Logging;
using Emulator.Host.Vmm;

namespace Emulator.Host.Cli;

/// <summary>The hypervisor and display options of `emulator run`: --policy, --vram, --refresh, --display, --record, --frames.</summary>
public static partial class RunCommand
{
    private static readonly Option<string> Policy = new("--policy")
    {
        Description = $"Hypervisor coherency policy: {CoherencyPolicies.Names}",
        HelpName = "NAME",
        DefaultValueFactory = _ => CoherencyPolicies.DefaultName,
        CustomParser = ParsePolicy,
    };

    private static readonly Option<ulong?> Vram = new("--vram")
    {
        Description = "VGA video memory size, a power of two from 4M to 256M (a bare number means MiB) [default: 16M]",
        HelpName = "SIZE",
        CustomParser = ParseVram,
    };

    private static readonly Option<double> Refresh = new("--refresh")
    {
        Description = "Display refreshes per second of simulated time (the VMM's scanout rate)",
        HelpName = "HZ",
        DefaultValueFactory = _ => RunOptions.DefaultRefreshHz,
        CustomParser = ParseRefresh,
    };

    private static readonly Option<string> DisplayMode = new("--display")
    {
        Description = "Display back end: auto (a window when a display is available, else headless), window, headless. Window keys: " + WindowKeys.Summary,
        HelpName = "auto|window|headless",
        DefaultValueFactory = _ => "auto",
        CustomParser = ParseDisplay,
    };

    private static readonly Option<string?> Record = new("--record")
    {
        Description = "Write every displayed frame to this directory as PNG (frame-N.png host view, -oracle.png, -diff.png) and frames.csv",
        HelpName = "DIR",
    };

    private static readonly Option<ulong?> Frames = new("--frames")
    {
        Description = "Stop after this many displayed frames (exit reason frames, status 0)",
        HelpName = "N",
        CustomParser = ParseFrames,
    };

    private static readonly Option<double> HostPrefetch = new("--host-prefetch")
    {
        Description = "Speculation model: probability (0 to 1) that each host access to VRAM prefetches the next line into the host's cache [default: 0]",
        HelpName = "RATE",
        CustomParser = ParseRate,
    };

    private static readonly Option<int> SpeculativeFills = new("--speculative-fills")
    {
        Description = "Speculation model: random VRAM lines the host's cacheable alias pulls into its cache at each scanout step [default: 0]",
        HelpName = "N",
        CustomParser = ParseFills,
    };

    private static readonly Option<ulong> Seed = new("--seed")
    {
        Description = "Seed of the speculation model's random generator (same seed, same run)",
        HelpName = "N",
        DefaultValueFactory = _ => 1,
        CustomParser = r => ParseCount(r, "--seed") ?? 1,
    };

    private static readonly Option<bool> ExplainOption = new("--explain")
    {
        Description = "Record stale-pixel provenance: the report's provenance section counts stale pixels by cause (on anyway with --record and with a window)",
    };

    private static void AddDisplayOptions(Command command)
    {
        command.Options.Add(ExplainOption);
        command.Options.Add(HostPrefetch);
        command.Options.Add(SpeculativeFills);
        command.Options.Add(Seed);
        command.Options.Add(Policy);
        command.Options.Add(Vram);
        command.Options.Add(Refresh);
        command.Options.Add(DisplayMode);
        command.Options.Add(Record);
        command.Options.Add(Frames);
    }

    /// <summary>The display pipeline: the back end --display asks for, the recorder for --record.</summary>
    private static DisplayPipeline CreateDisplay(RunOptions options, VirtBoard board, CpuConfiguration cpu)
    {
        Serilog.ILogger log = LogCategories.For(LogCategories.Display);
        IDisplay display = DisplayFactory.Create(options.Display, log);
        if (options.Display == "auto" && !Console.IsErrorRedirected && !(display is HeadlessDisplay && DisplayFactory.DisplayServer() is not null)) // else the factory said why already
            Console.Error.WriteLine($"emulator: display: {display.Name} (--display auto; --log-level information says why)"); // once, for a user at a terminal
        FrameRecorder? recorder = null;
        try
        {
            if (options.RecordDirectory is not null)
                recorder = new FrameRecorder(options.RecordDirectory, log);
        }
        catch
        {
            display.Dispose();
            throw;
        }
        if (board.Cache is not null && (options.HostPrefetch > 0 || options.SpeculativeFills > 0))
        {
            board.Cache.SetSpeculativeFills(new Mmu.Caches.SpeculativeFillConfig(options.Seed, options.HostPrefetch,
                [new Mmu.Caches.PhysicalRange(board.VramSlot.Base, board.VramSlot.Size)]));
        }
        Provenance.ProvenanceSession? provenance = null;
        if (board.Cache is not null && (options.Explain || options.RecordDirectory is not null || display.Name == "window"))
            provenance = new Provenance.ProvenanceSession(board, options.RecordDirectory) { KeepCauses = display is ICauseOverlayTarget };
        else if (options.Explain)
            log.Warning("--explain: no provenance with --cache off (no caches, nothing goes stale)");
        return new DisplayPipeline(board, options.RefreshHz, cpu.CoreClockHz, display, recorder) { SpeculativeFillsPerStep = options.SpeculativeFills, Provenance = provenance };
    }

    private static ulong? ParseFrames(ArgumentResult result)
    {
        ulong? frames = ParseCount(result, "--frames");
        if (frames == 0)
        {
            result.AddError("--frames: 0 is not a number of frames to show (at least 1)");
            return null;
        }
        return frames;
    }

    private static double ParseRate(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate) || !(rate >= 0 && rate <= 1))
        {
            result.AddError($"--host-prefetch: '{text}' is not a probability from 0 to 1");
            return 0;
        }
        return rate;
    }

    private static int ParseFills(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n > 1_000_000)
        {
            result.AddError($"--speculative-fills: '{text}' is not a number of lines from 0 to 1000000");
            return 0;
        }
        return n;
    }

    private static string ParsePolicy(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (CoherencyPolicies.Find(text) is null)
            result.AddError($"--policy: unknown policy '{text}' (known: {CoherencyPolicies.Names})");
        return text;
    }

    private static ulong? ParseVram(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (!SizeParser.TryParse(text, 1UL << 20, out ulong bytes))
        {
            result.AddError($"--vram: '{text}' is not a size (a number with an optional K, M or G suffix, e.g. 16M)");
            return VirtMemoryMap.VgaVramDefaultSize;
        }
        if (bytes < VirtMemoryMap.VgaVramMinSize || bytes > VirtMemoryMap.VgaVramMaxSize || (bytes & (bytes - 1)) != 0)
        {
            result.AddError($"--vram: {text} is not a power of two from 4M to 256M (the bochs-display limits)");
            return VirtMemoryMap.VgaVramDefaultSize;
        }
        return bytes;
    }

    private static double ParseRefresh(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double hz) || !double.IsFinite(hz) || hz < 1 || hz > 1000)
        {
            result.AddError($"--refresh: '{text}' is not a refresh rate from 1 to 1000 Hz");
            return RunOptions.DefaultRefreshHz;
        }
        return hz;
    }

    private static string ParseDisplay(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (!DisplayFactory.Modes.Contains(text))
            result.AddError($"--display: '{text}' is not one of {string.Join(", ", DisplayFactory.Modes)}");
        return text;
    }
}

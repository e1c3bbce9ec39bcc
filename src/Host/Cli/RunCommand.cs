using System.CommandLine;
using System.CommandLine.Parsing;
using Emulator.Cpu.Core;
using Emulator.Host.Board;
using Emulator.Host.DeviceTree;
using Emulator.Host.Display;
using Emulator.Host.Hypervisor;
using Emulator.Host.Hypervisor.Policies;
using Emulator.Host.Vmm;
using Emulator.Host.Loading;
using Emulator.Host.Logging;
using Emulator.Host.Reporting;
using Emulator.Host.Running;
using Emulator.Mmu.Caches;
using Serilog;
using Serilog.Events;

namespace Emulator.Host.Cli;

/// <summary>`emulator run IMAGE [options]`: boot an image on the virt board and run it to its end.</summary>
public static partial class RunCommand
{
    private static readonly Argument<string> Image = new("IMAGE")
    {
        Description = "Guest image: an ELF64 AArch64 executable, a Linux arm64 Image, or a raw binary (with --load-address); omitted with -bios or -drive if=pflash",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static readonly Option<ulong?> Memory = new("--memory", "-m")
    {
        Description = "RAM size, e.g. 256M or 1G (a bare number means MiB, as QEMU's -m) [default: 128M]",
        HelpName = "SIZE",
        CustomParser = ParseMemory,
    };

    private static readonly Option<string?> Append = new("--append")
    {
        Description = "Kernel command line, placed in the device tree's /chosen/bootargs",
        HelpName = "BOOTARGS",
    };

    private static readonly Option<string?> Initrd = new("--initrd")
    {
        Description = "Initial RAM disk for a Linux kernel, placed as QEMU's -initrd places it (RAM base + min(RAM/2, 128M)) and named in /chosen/linux,initrd-start/-end",
        HelpName = "FILE",
    };

    private static readonly Option<ulong?> MaxInstructions = new("--max-instructions")
    {
        Description = "Stop after this many instructions (exit status 3)",
        HelpName = "N",
        CustomParser = r => ParseCount(r, "--max-instructions"),
    };

    private static readonly Option<string?> Dtb = new("--dtb")
    {
        Description = "Give the guest this device tree blob instead of the generated one (checked before boot; not combinable with --append)",
        HelpName = "FILE.dtb",
    };

    private static readonly Option<double?> MaxSeconds = new("--max-seconds")
    {
        Description = "Stop after this many seconds of host (wall-clock) time, checked between slices; the simulation itself never reads the clock (exit status 3)",
        HelpName = "SECONDS",
        CustomParser = ParseMaxSeconds,
    };

    private static readonly Option<ulong?> LoadAddress = new("--load-address")
    {
        Description = "Physical address to load a raw binary at (and start it at), e.g. 0x40100000",
        HelpName = "ADDRESS",
        CustomParser = ParseLoadAddress,
    };

    private static readonly Option<string?> Report = new("--report")
    {
        Description = "Write a JSON report of the run to this file (also when the run fails)",
        HelpName = "FILE.json",
    };

    private static readonly Option<LogEventLevel> LogLevel = new("--log-level")
    {
        Description = "Least severe log messages shown: verbose, debug, information, warning, error, fatal",
        HelpName = "LEVEL",
        DefaultValueFactory = _ => LogEventLevel.Warning,
        CustomParser = ParseLogLevel,
    };

    private static readonly Option<string[]> Trace = new("--trace")
    {
        Description = $"Log categories to trace in full, comma separated: {string.Join(", ", LogCategories.All)}",
        HelpName = "CATEGORIES",
        CustomParser = ParseTrace,
    };

    private static readonly Option<string?> LogFile = new("--log-file")
    {
        Description = "Also write the log to this file",
        HelpName = "FILE",
    };

    private static readonly Option<int> Gic = new("--gic")
    {
        Description = "Interrupt controller: 2 (GICv2, QEMU virt's default) or 3 (GICv3, as -M virt,gic-version=3)",
        HelpName = "2|3",
        DefaultValueFactory = _ => 2,
        CustomParser = ParseGic,
    };

    private static readonly Option<uint> RtcTime = new("--rtc-time")
    {
        Description = $"Time the PL031 RTC shows at power-on, in seconds since 1970 (it then advances with simulated time)",
        HelpName = "UNIXSECONDS",
        DefaultValueFactory = _ => VirtBoard.DefaultRtcStartSeconds,
        CustomParser = ParseRtcTime,
    };

    private static readonly Option<CacheChoice?> Cache = new("--cache")
    {
        Description = $"Cache hierarchy model: a preset ({string.Join(", ", CachePresets.Names)}), a JSON file, or off (no model, fastest) [default: {CachePresets.DefaultName}]",
        HelpName = "PRESET|FILE|off",
        CustomParser = ParseCache,
    };

    private static readonly Option<bool> NcSnoop = new("--nc-snoop")
    {
        Description = "Non-cacheable and Device accesses snoop the caches (clean on read, clean+invalidate on write), as some interconnects do",
    };

    private static readonly Option<bool> Interpret = new("--interpret")
    {
        Description = "Interpret every instruction: no block translation (slower; the results are the same, for comparison and debugging)",
    };

    private static readonly Option<bool> Stats = new("--stats")
    {
        Description = "At the end, print cycles, instructions, IPC, each cache's hit rate, the hypervisor's and the display's figures as tables (standard error)",
    };

    public static Command Create()
    {
        var command = new Command("run", "Boot a guest image on the virt board and run it until it ends. " + QemuArguments.HelpLine);
        command.Arguments.Add(Image);
        command.Options.Add(Memory);
        command.Options.Add(Append);
        command.Options.Add(Dtb);
        command.Options.Add(Initrd);
        command.Options.Add(MaxInstructions);
        command.Options.Add(MaxSeconds);
        command.Options.Add(LoadAddress);
        command.Options.Add(Report);
        command.Options.Add(LogLevel);
        command.Options.Add(Trace);
        command.Options.Add(LogFile);
        command.Options.Add(Gic);
        command.Options.Add(RtcTime);
        command.Options.Add(Cache);
        command.Options.Add(NcSnoop);
        command.Options.Add(Stats);
        command.Options.Add(Interpret);
        command.Options.Add(Quiet);
        AddDisplayOptions(command);
        AddFirmwareOptions(command);
        command.Options.Add(Device);
        AddGdbOptions(command);
        AddSmpOptions(command);
        command.SetAction(parse => Execute(ToOptions(parse)));
        return command;
    }

    /// <summary>The --report path of a command line that failed to parse, so the failure can still be reported.</summary>
    public static string? ReportPathOf(ParseResult parse) =>
        parse.CommandResult.Command.Name == "run" && parse.GetResult(Report) is { } r && !r.Errors.Any() ? parse.GetValue(Report) : null;

    private static RunOptions ToOptions(ParseResult parse) => new()
    {
        ImagePath = parse.GetValue(Image) ?? FirmwareName(parse),
        KernelGiven = parse.GetValue(Image) is not null,
        BiosPath = parse.GetValue(Bios),
        Drives = parse.GetValue(Drive) ?? [],
        MemoryBytes = parse.GetValue(Memory) ?? RunOptions.DefaultMemoryBytes,
        Bootargs = parse.GetValue(Append),
        DtbPath = parse.GetValue(Dtb),
        InitrdPath = parse.GetValue(Initrd),
        MaxInstructions = parse.GetValue(MaxInstructions),
        MaxSeconds = parse.GetValue(MaxSeconds),
        LoadAddress = parse.GetValue(LoadAddress),
        ReportPath = parse.GetValue(Report),
        LogLevel = parse.GetValue(LogLevel),
        TraceCategories = parse.GetValue(Trace) ?? [],
        LogFile = parse.GetValue(LogFile),
        GicVersion = parse.GetValue(Gic),
        RtcTime = parse.GetValue(RtcTime),
        Cache = parse.GetValue(Cache) is { } cache ? cache.Config : CachePresets.Find(CachePresets.DefaultName),
        NcSnoop = parse.GetValue(NcSnoop),
        Stats = parse.GetValue(Stats),
        Interpret = parse.GetValue(Interpret),
        Quiet = parse.GetValue(Quiet),
        Policy = parse.GetValue(Policy)!,
        VramBytes = parse.GetValue(Vram) ?? VirtMemoryMap.VgaVramDefaultSize,
        RefreshHz = parse.GetValue(Refresh),
        Display = parse.GetValue(DisplayMode)!,
        RecordDirectory = parse.GetValue(Record),
        Explain = parse.GetValue(ExplainOption),
        Frames = parse.GetValue(Frames),
        HostPrefetch = parse.GetValue(HostPrefetch),
        SpeculativeFills = parse.GetValue(SpeculativeFills),
        Seed = parse.GetValue(Seed),
        DisplayDevice = parse.GetValue(Device),
        Gdb = GdbEndpointOf(parse),
        GdbWait = parse.GetValue(GdbWaitOption),
        Cpus = parse.GetValue(Smp),
        Quantum = parse.GetValue(Quantum),
    };

    public static int Execute(RunOptions options)
    {
        Cpu.Blocks.HandlerWarmUp.Start(); // the JIT compiles the instruction handlers on another thread while the board is built
        string? logProblem = CheckWritableFile("--log-file", options.LogFile, append: true);
        if (logProblem is not null)
        {
            if (CheckReportPath(options.ReportPath) is null)
                return Fail(options, ExitReason.Error, ExitStatus.Usage, logProblem);
            Console.Error.WriteLine($"emulator: error: {logProblem}");
            return ExitStatus.Usage;
        }
        ILogger logger = LazyLogger.ForRun(options); // built when first written to (start-up)
        Log.Logger = logger;
        try
        {
            return ExecuteLogged(options);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            string message = $"internal error: {e.GetType().Name}: {e.Message}";
            Console.Error.WriteLine($"emulator: {message}");
            Console.Error.WriteLine("This is a bug in the emulator, not in the guest. Please report it with the command line and the image.");
            Console.Error.WriteLine(e.StackTrace);
            TryWriteReport(options, new RunReport { Image = options.ImagePath, Reason = ExitReason.Error, Status = ExitStatus.Internal, Message = message });
            return ExitStatus.Internal;
        }
        finally
        {
            Log.CloseAndFlush();
        }
    }

    private static int ExecuteLogged(RunOptions options)
    {
        string? reportProblem = CheckReportPath(options.ReportPath);
        if (reportProblem is not null)
        {
            Console.Error.WriteLine($"emulator: error: {reportProblem}");
            return ExitStatus.Usage;
        }
        Stream stdout = Console.OpenStandardOutput();
        using var console = new BufferedStream(stdout, 1 << 16);
        using Stream stderr = Console.OpenStandardError();
        var cpu = new CpuConfiguration { CounterFrequencyHz = VirtMemoryMap.DefaultCounterFrequencyHz, BlockTranslation = !options.Interpret };
        VirtBoard board;
        try
        {
            FirmwareConfig? firmware = LoadFirmware(options);
            LoadedImage image = firmware?.ToImage(VirtMemoryMap.FlashBase, VirtMemoryMap.FlashBankSize)
                ?? ImageLoader.Load(options.ImagePath, VirtMemoryMap.RamBase, options.MemoryBytes, options.LoadAddress);
            board = new VirtBoard(options.MemoryBytes, console.WriteByte, cpu, options.GicVersion, options.RtcTime, options.Cache, options.NcSnoop,
                CoherencyPolicies.Find(options.Policy), options.VramBytes, firmware, options.DisplayDevice ?? Devices.Vga.DisplayModel.Vga, options.Cpus, options.Quantum);
            FramebufferConfig? framebuffer = board.DisplayAssignedByFirmware ? new FramebufferConfig(options.VramBytes, VirtBoard.BootModeWidth, VirtBoard.BootModeHeight) : null;
            byte[]? initrd = options.InitrdPath is null ? null : ImageLoader.ReadInitrd(options.InitrdPath);
            if (initrd is not null && options.DtbPath is not null)
                throw new ImageLoadException(options.InitrdPath!, "--initrd cannot be combined with --dtb: put linux,initrd-start/-end in the blob's /chosen node and load the initrd with the kernel's own means");
            // The DTB's size does not depend on the initrd's addresses (two 64-bit cells either way), so plan with a blob built for a placeholder range.
            byte[] BuildTree(BootLayout? layout) => options.DtbPath is null
                ? VirtDeviceTree.Build(new VirtDeviceTreeConfig(options.MemoryBytes, options.Bootargs, options.GicVersion, cpu.CounterFrequencyHz, framebuffer,
                    layout?.InitrdStart is ulong start ? (start, start + layout.InitrdSize) : initrd is null ? null : (0UL, 0UL), Pcie: options.DisplayDevice is not null, CpuCount: options.Cpus) { FirmwareDevices = firmware is not null })
                : LoadDeviceTree(options);
            byte[] dtb = BuildTree(null);
            BootLayout plan = BootLayout.Plan(image, options.ImagePath, (ulong?)initrd?.LongLength, options.InitrdPath, (ulong)dtb.Length, VirtMemoryMap.RamBase, options.MemoryBytes);
            if (initrd is not null)
                dtb = BuildTree(plan);
            board.Boot(image, plan, dtb, initrd, options.ImagePath);
        }
        catch (ImageLoadException e)
        {
            return Fail(options, ExitReason.Error, ExitStatus.Usage, e.Message);
        }

        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        using var sigterm = new TerminationSignal(cancel);
        try
        {
            using SerialInput input = SerialInput.FromStandardInput();
            DisplayPipeline display;
            try
            {
                display = CreateDisplay(options, board, cpu);
            }
            catch (Exception e) when (e is DisplayUnavailableException or IOException or UnauthorizedAccessException)
            {
                return Fail(options, ExitReason.Error, ExitStatus.Usage, e.Message);
            }
            using DisplayPipeline displayScope = display;
            Gdb.GdbStub? gdb;
            try
            {
                gdb = CreateGdb(options, board, display, cancel.Token);
            }
            catch (IOException e)
            {
                return Fail(options, ExitReason.Error, ExitStatus.Usage, e.Message);
            }
            using Gdb.GdbStub? gdbScope = gdb;
            var runner = new Runner(board, new PsciHandler(), new SemihostingHandler(console, stderr), input, console, display, options.Frames, gdb);
            RunOutcome outcome = runner.Run(options.MaxInstructions, cancel.Token, options.MaxSeconds);
            if (sigterm.Received)
                outcome = Terminated(outcome);
            gdb?.RunEnded(outcome.Status);
            display.Dispose(); // finishes the recording before the report says the run is over
            if (outcome.Message is not null && outcome.Reason != ExitReason.SemihostingExit)
            {
                LogEventLevel level = outcome.Status == ExitStatus.Success ? LogEventLevel.Information : LogEventLevel.Error;
                if (level == LogEventLevel.Error)
                    Console.Error.WriteLine($"emulator: {outcome.Reason.ToReportName()}: {outcome.Message}");
            }
            var report = new RunReport
            {
                Image = options.ImagePath,
                Reason = outcome.Reason,
                Status = outcome.Status,
                Message = outcome.Message,
                Instructions = board.Cluster.Instructions,
                Cycles = board.Cluster.Cycles,
                WallSeconds = outcome.WallSeconds,
                Fault = outcome.Fault,
                FaultChain = outcome.Explanation,
                Core = board.Core,
                Cluster = board.Cluster,
                Cache = board.Cache,
                Hypervisor = board.Hypervisor,
                Display = display.Statistics,
                Provenance = display.Provenance?.Statistics,
            };
            WriteReport(options, report);
            if (options.Stats)
                RunStatistics.Print(Console.Error, report, board.Cache, board.Hypervisor, display.Statistics);
            PrintSummary(options, report);
            return outcome.Status;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Reads and checks the --dtb file; every problem is an ImageLoadException naming the file.</summary>
    private static byte[] LoadDeviceTree(RunOptions options)
    {
        string path = options.DtbPath!;
        if (options.Bootargs is not null)
            throw new ImageLoadException(path, "--append cannot be combined with --dtb: put the bootargs in the blob's /chosen node");
        byte[] blob;
        try
        {
            blob = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageLoadException(path, $"cannot read the device tree: {e.Message}");
        }
        if (blob.Length > 2 << 20)
            throw new ImageLoadException(path, $"device tree of {blob.Length} bytes is larger than the 2 MiB Linux accepts");
        try
        {
            FdtReader.Parse(blob);
        }
        catch (FormatException e)
        {
            throw new ImageLoadException(path, $"not a valid device tree blob: {e.Message}");
        }
        return blob;
    }

    /// <summary>Reports a run that could not start: one line on stderr, the report, the status.</summary>
    public static int Fail(RunOptions options, ExitReason reason, int status, string message)
    {
        Console.Error.WriteLine($"emulator: error: {message}");
        WriteReport(options, new RunReport { Image = options.ImagePath, Reason = reason, Status = status, Message = message });
        return status;
    }

    public static void WriteReport(RunOptions options, RunReport report)
    {
        if (options.ReportPath is not null)
            report.WriteTo(options.ReportPath);
    }

    private static void TryWriteReport(RunOptions options, RunReport report)
    {
        try
        {
            WriteReport(options, report);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"emulator: could not write the report {options.ReportPath}: {e.Message}");
        }
    }

    private static string? CheckReportPath(string? path) => CheckWritableFile("--report", path, append: false);

    /// <summary>
    /// Checks before the run that <paramref name="path"/> can be written (the report's temporary
    /// file beside it, or the log file itself), so that a run never ends with nowhere to write.
    /// </summary>
    private static string? CheckWritableFile(string option, string? path, bool append)
    {
        if (path is null)
            return null;
        string full = Path.GetFullPath(path);
        string? directory = Path.GetDirectoryName(full);
        if (directory is not null && !Directory.Exists(directory))
            return $"{option} {path}: directory {directory} does not exist";
        if (Directory.Exists(full))
            return $"{option} {path}: is a directory";
        string probe = append ? full : full + ".tmp";
        bool existed = File.Exists(probe);
        try
        {
            using (new FileStream(probe, append ? FileMode.Append : FileMode.Create, FileAccess.Write))
            {
            }
            if (!existed)
                File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{option} {path}: cannot be written: {e.Message}";
        }
        return null;
    }

    private static ulong? ParseMemory(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (!SizeParser.TryParse(text, 1UL << 20, out ulong bytes))
        {
            result.AddError($"--memory: '{text}' is not a size (a number with an optional K, M, G or T suffix, e.g. 256M)");
            return 0;
        }
        if (bytes < 1UL << 20 || bytes % (64UL << 10) != 0)
        {
            result.AddError($"--memory: {text} is too small or not a multiple of 64K (at least 1M)");
            return 0;
        }
        if (bytes > VirtMemoryMap.RamMaxSize)
        {
            result.AddError($"--memory: {text} is more than the {SizeParser.Format(VirtMemoryMap.RamMaxSize)} the virt board's RAM window holds");
            return 0;
        }
        return bytes;
    }

    private static ulong? ParseCount(ArgumentResult result, string option)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (!SizeParser.TryParseAddress(text, out ulong value))
        {
            result.AddError($"{option}: '{text}' is not a whole number");
            return null;
        }
        return value;
    }

    private static double? ParseMaxSeconds(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (!double.TryParse(text, global::System.Globalization.NumberStyles.Float, global::System.Globalization.CultureInfo.InvariantCulture, out double seconds)
            || !double.IsFinite(seconds) || seconds <= 0)
        {
            result.AddError($"--max-seconds: '{text}' is not a positive number of seconds");
            return null;
        }
        return seconds;
    }

    private static ulong? ParseLoadAddress(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (!SizeParser.TryParseAddress(text, out ulong value))
        {
            result.AddError($"--load-address: '{text}' is not an address (e.g. 0x40100000)");
            return null;
        }
        return value;
    }

    /// <summary>The parsed --cache value (null Config: off); a wrapper because the parser may not return null.</summary>
    private sealed record CacheChoice(CacheHierarchyConfig? Config);

    private static CacheChoice? ParseCache(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        try
        {
            return new CacheChoice(CacheOption.Parse(text));
        }
        catch (CacheConfigException e)
        {
            result.AddError(e.Message.StartsWith("--cache", StringComparison.Ordinal) ? e.Message : $"--cache: {e.Message}");
            return new CacheChoice(null);
        }
    }

    private static int ParseGic(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (text is not ("2" or "3"))
        {
            result.AddError($"--gic: '{text}' is not a GIC version this board has (2 or 3)");
            return 2;
        }
        return text[0] - '0';
    }

    private static uint ParseRtcTime(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (!uint.TryParse(text, global::System.Globalization.NumberStyles.None, global::System.Globalization.CultureInfo.InvariantCulture, out uint seconds))
        {
            result.AddError($"--rtc-time: '{text}' is not a number of seconds since 1970 (0 to {uint.MaxValue}; the PL031 counter is 32 bits)");
            return VirtBoard.DefaultRtcStartSeconds;
        }
        return seconds;
    }

    private static LogEventLevel ParseLogLevel(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (!Enum.TryParse(text, ignoreCase: true, out LogEventLevel level) || int.TryParse(text, out _))
        {
            result.AddError($"--log-level: '{text}' is not one of verbose, debug, information, warning, error, fatal");
            return LogEventLevel.Warning;
        }
        return level;
    }

    private static string[] ParseTrace(ArgumentResult result)
    {
        var categories = new List<string>();
        foreach (Token token in result.Tokens)
        {
            foreach (string part in token.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (part == "all")
                {
                    categories.AddRange(LogCategories.All);
                }
                else if (LogCategories.All.Contains(part))
                {
                    categories.Add(part);
                }
                else
                {
                    result.AddError($"--trace: unknown category '{part}' (known: {string.Join(", ", LogCategories.All)}, all)");
                }
            }
        }
        return [.. categories.Distinct()];
    }
}

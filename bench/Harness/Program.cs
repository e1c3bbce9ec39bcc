using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Emulator.Bench.Harness;

/// <summary>
/// Runs every benchmark guest on this emulator (each cache configuration it supports) and on
/// qemu-system-aarch64 (TCG) with the same image, and prints guest MIPS and the ratios from one
/// run. Instruction counts come from the emulator's report (the guests are deterministic and print
/// the same checksum on both machines, which the harness checks); QEMU's time is its wall time
/// minus the wall time of an almost empty guest (start-up and shutdown), best of N runs. The
/// emulator's figure covers its run loop, so it includes the .NET JIT's warm-up (handlers and
/// translated blocks being compiled); the "warm" columns give the speed once warm: the
/// instructions of the second half of the run over the time the second half added (a run to
/// half the instructions, best of N, subtracted from the whole run).
/// A guest of <see cref="GuestCpus"/> runs on several CPUs (the emulator's --smp N, QEMU's -smp N):
/// its MIPS are the aggregate (the instructions of every CPU over the wall time), QEMU's with
/// round-robin TCG (one host thread, as this emulator has), and a line under the table gives
/// QEMU's multi-threaded TCG figure too.
/// Usage: bench-harness [--emulator PATH] [--qemu PATH] [--repeat N] [--append BOOTARGS] [GUEST...]
/// (--append gives both machines the guests' bootargs, e.g. sieve's rounds=40 or mmu=off).
/// (bench-harness scaling ...: the cost sweeps of <see cref="Scaling"/> instead).
/// </summary>
public static class Program
{
    private static readonly string[] DefaultGuests = ["crc", "sort", "strings", "interp", "fbdraw", "memwalk", "sieve", "fpsimd", "smpcrc"];

    /// <summary>The guests that run on several CPUs, and how many.</summary>
    private static readonly Dictionary<string, int> GuestCpus = new() { ["smpcrc"] = 4 };

    public static int Main(string[] args)
    {
        string root = FindRoot();
        if (args.Length > 0 && args[0] == "scaling")
            return Scaling.Run(root, args[1..]);
        string emulator = Path.Combine(root, "src/Host/bin/Release/net10.0/emulator");
        string qemu = "qemu-system-aarch64";
        int repeat = 3;
        string? append = null;
        var guests = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--emulator": emulator = args[++i]; break;
                case "--qemu": qemu = args[++i]; break;
                case "--repeat": repeat = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--append": append = args[++i]; break;
                default: guests.Add(args[i]); break;
            }
        }
        if (guests.Count == 0)
            guests.AddRange(DefaultGuests);
        if (!File.Exists(emulator))
        {
            Console.Error.WriteLine($"bench-harness: {emulator} not found; build it first: dotnet build src/Host -c Release");
            return 2;
        }

        string[] cacheConfigurations = SupportsCache(emulator) ? ["off", "default"] : ["(no cache model)"];
        if (!SupportsSmp(emulator) && guests.RemoveAll(GuestCpus.ContainsKey) > 0)
            Console.Error.WriteLine($"bench-harness: {emulator} has no --smp option: the guests on several CPUs are left out");
        string hello = Path.Combine(root, "samples/bin/hello.elf");
        double qemuBaseline = BestOf(repeat, () => TimeQemu(qemu, hello).Seconds);
        var multiThreadedLines = new List<string>();

        var table = new Table().AddColumn("guest").AddColumn(new TableColumn("instructions").RightAligned());
        foreach (string c in cacheConfigurations)
            table.AddColumn(new TableColumn($"MIPS cache {c}").RightAligned());
        foreach (string c in cacheConfigurations)
            table.AddColumn(new TableColumn($"warm MIPS {c}").RightAligned());
        table.AddColumn(new TableColumn("MIPS QEMU").RightAligned());
        foreach (string c in cacheConfigurations)
            table.AddColumn(new TableColumn($"cache {c} / QEMU").RightAligned());

        foreach (string guest in guests)
        {
            string image = Path.Combine(root, "bench/bin", guest + ".elf");
            int cpus = GuestCpus.GetValueOrDefault(guest, 1);
            string[] smp = cpus > 1 ? ["--smp", cpus.ToString(CultureInfo.InvariantCulture)] : [];
            var cells = new List<string> { cpus > 1 ? $"{guest} ({cpus} CPUs)" : guest };
            ulong instructions = 0;
            string? output = null;
            var mips = new List<double>();
            var mipsCells = new List<string>();
            var warmCells = new List<string>();
            foreach (string c in cacheConfigurations)
            {
                string[] extra = c is "off" or "default" ? [.. smp, "--cache", c == "off" ? "off" : "cortex-a72"] : smp;
                if (append is not null)
                    extra = [.. extra, "--append", append];
                (ulong n, double run, string text) = BestRun(repeat, () => RunEmulator(emulator, image, extra));
                instructions = n;
                output ??= text;
                mips.Add(run);
                mipsCells.Add(run.ToString("F1", CultureInfo.InvariantCulture));
                ulong half = n / 2;
                double whole = n / run / 1e6;
                double firstHalf = BestOf(repeat, () => RunEmulatorSeconds(emulator, image, [.. extra, "--max-instructions", half.ToString(CultureInfo.InvariantCulture)]));
                warmCells.Add(whole > firstHalf ? ((n - half) / (whole - firstHalf) / 1e6).ToString("F1", CultureInfo.InvariantCulture) : "-");
            }
            double baseline = cpus > 1 ? BestOf(repeat, () => TimeQemu(qemu, hello, cpus).Seconds) : qemuBaseline;
            (double qemuSeconds, string qemuText) = BestOfRun(repeat, () => TimeQemu(qemu, image, cpus, append: append));
            if (qemuText != output)
                throw new InvalidOperationException($"{guest}: QEMU printed {qemuText.Trim()} but the emulator printed {output?.Trim()}");
            double qemuMips = QemuMips(instructions, qemuSeconds, baseline);
            if (cpus > 1)
            {
                (double mtSeconds, string mtText) = BestOfRun(repeat, () => TimeQemu(qemu, image, cpus, multiThreaded: true, append: append));
                if (mtText != output)
                    throw new InvalidOperationException($"{guest}: QEMU (multi-threaded TCG) printed {mtText.Trim()} but the emulator printed {output?.Trim()}");
                double mtMips = QemuMips(instructions, mtSeconds, baseline);
                multiThreadedLines.Add($"{guest} ({cpus} CPUs) on QEMU with multi-threaded TCG (-accel tcg,thread=multi: {cpus} vCPU threads on " +
                    $"{Environment.ProcessorCount} host cores): {(double.IsNaN(mtMips) ? "-" : mtMips.ToString("F1", CultureInfo.InvariantCulture))} MIPS " +
                    $"aggregate (the table's QEMU figure is round-robin TCG, -accel tcg,thread=single: one host thread, as here)");
            }
            cells.Add(instructions.ToString("N0", CultureInfo.InvariantCulture));
            cells.AddRange(mipsCells);
            cells.AddRange(warmCells);
            cells.Add(double.IsNaN(qemuMips) ? "-" : qemuMips.ToString("F1", CultureInfo.InvariantCulture));
            foreach (double m in mips)
                cells.Add(double.IsNaN(qemuMips) ? "-" : (m / qemuMips).ToString("F3", CultureInfo.InvariantCulture));
            table.AddRow(cells.ToArray());
        }
        if (Console.IsOutputRedirected)
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200); // a log file: one row per line
        AnsiConsole.Write(table);
        foreach (string line in multiThreadedLines)
            Console.WriteLine(line);
        Console.WriteLine($"QEMU start-up baseline: {qemuBaseline:F3} s (subtracted; \"-\": QEMU's run exceeded it by less than a fifth of it, too little to measure); best of {repeat} runs; {Environment.ProcessorCount} host cores");
        return 0;
    }

    private static bool SupportsCache(string emulator) => Run(emulator, ["run", "--help"]).Stdout.Contains("--cache", StringComparison.Ordinal);

    private static bool SupportsSmp(string emulator) => Run(emulator, ["run", "--help"]).Stdout.Contains("-smp", StringComparison.Ordinal); // help shows QEMU's spelling, -smp

    private static (ulong Instructions, double Mips, string Output) RunEmulator(string emulator, string image, string[] extra)
    {
        string report = Path.Combine(Path.GetTempPath(), $"bench-{Environment.ProcessId}.json");
        (int code, string stdout, _) = Run(emulator, ["run", image, "--report", report, .. extra]);
        if (code != 0)
            throw new InvalidOperationException($"emulator run {image} exited with {code}");
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(report));
        File.Delete(report);
        return (json.RootElement.GetProperty("instructions").GetUInt64(), json.RootElement.GetProperty("mips").GetDouble(), stdout);
    }

    /// <summary>The run loop's wall seconds of a run that may stop at --max-instructions (exit status 3).</summary>
    private static double RunEmulatorSeconds(string emulator, string image, string[] extra)
    {
        string report = Path.Combine(Path.GetTempPath(), $"bench-{Environment.ProcessId}.json");
        (int code, _, _) = Run(emulator, ["run", image, "--report", report, .. extra]);
        if (code is not (0 or 3))
            throw new InvalidOperationException($"emulator run {image} exited with {code}");
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(report));
        File.Delete(report);
        return json.RootElement.GetProperty("wall_seconds").GetDouble();
    }

    /// <summary>
    /// QEMU's MIPS: the emulator's instruction count over QEMU's wall time less the start-up
    /// baseline; when noise leaves less than a fifth of the baseline, that difference says
    /// nothing: no figure (NaN) rather than a wild one.
    /// </summary>
    private static double QemuMips(ulong instructions, double seconds, double baseline)
    {
        double run = seconds - baseline;
        return run >= baseline / 5 ? instructions / run / 1e6 : double.NaN;
    }

    private static (double Seconds, string Output) TimeQemu(string qemu, string image, int cpus = 1, bool multiThreaded = false, string? append = null)
    {
        string[] smp = cpus > 1
            ? ["-smp", cpus.ToString(CultureInfo.InvariantCulture), "-accel", multiThreaded ? "tcg,thread=multi" : "tcg,thread=single"]
            : [];
        string[] bootargs = append is null ? [] : ["-append", append];
        var clock = Stopwatch.StartNew();
        (int code, string stdout, string stderr) = Run(qemu, ["-M", "virt", "-cpu", "cortex-a57", "-m", "128M", "-nographic", "-nic", "none", "-monitor", "none", .. smp, "-kernel", image, .. bootargs]);
        double seconds = clock.Elapsed.TotalSeconds;
        if (code != 0)
            throw new InvalidOperationException($"{qemu} exited with {code}: {stderr}");
        return (seconds, stdout);
    }

    private static (ulong, double, string) BestRun(int repeat, Func<(ulong, double, string)> run)
    {
        (ulong, double, string) best = run();
        for (int i = 1; i < repeat; i++)
        {
            var next = run();
            if (next.Item2 > best.Item2)
                best = next;
        }
        return best;
    }

    private static (double, string) BestOfRun(int repeat, Func<(double, string)> run)
    {
        (double, string) best = run();
        for (int i = 1; i < repeat; i++)
        {
            var next = run();
            if (next.Item1 < best.Item1)
                best = next;
        }
        return best;
    }

    private static double BestOf(int repeat, Func<double> run)
    {
        double best = double.MaxValue;
        for (int i = 0; i < repeat; i++)
            best = Math.Min(best, run());
        return best;
    }

    private static (int Code, string Stdout, string Stderr) Run(string file, string[] args)
    {
        (int code, string stdout, string stderr, _) = Scaling.RunMeasured(file, args);
        return (code, stdout, stderr);
    }

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Emulator.sln")))
                return d.FullName;
        }
        return Directory.GetCurrentDirectory();
    }
}

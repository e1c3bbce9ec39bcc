using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Emulator.Bench.Harness;

/// <summary>
/// `bench-harness scaling`: how the emulator's cost grows with the configuration. Two sweeps, each
/// over the Release emulator's own report (instructions, MIPS, the "cache" section's hit counts):
/// <list type="number">
/// <item>cache size and associativity: the cortex-a72 hierarchy written to temporary JSON files
/// with one thing changed at a time (L1D size, L1D ways, L2 size, L2 ways), plus `--cache off` and
/// the preset itself; MIPS should not depend on the geometry (a set lookup costs the same in a big
/// cache as in a small one);</item>
/// <item>guest RAM size (`--memory` 128M to 8G, with the cache off and with the default cache):
/// MIPS and the peak resident memory of the emulator process, which should stay flat because RAM
/// is allocated in chunks on first touch.</item>
/// </list>
/// Peak memory is the largest VmHWM (else VmRSS) read from /proc/PID/status every 20 ms while the
/// child runs. Each point is the best (highest MIPS) of --repeat runs, default 1; its peak memory is
/// the largest of those runs. Each sweep ends with one line giving max/min MIPS, so "flat" is a number.
/// Usage: bench-harness scaling [--emulator PATH] [--repeat N] [cache] [memory]
/// </summary>
public static class Scaling
{
    private static readonly string[] Guests = ["memwalk", "crc"];

    private static readonly string[] MemorySizes = ["128M", "512M", "1G", "2G", "4G", "8G"];

    private const int PollMilliseconds = 20;

    private const int Attempts = 10;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(15);

    /// <summary>A cache hierarchy of the sweep: the cortex-a72 preset with some fields changed.</summary>
    private sealed record CacheShape(string L1DSize = "32K", int L1DWays = 2, string L2Size = "1M", int L2Ways = 16)
    {
        public string Json(string name) =>
            "{\n" +
            $"  \"name\": \"{name}\",\n" +
            "  \"memory_latency\": 180,\n" +
            $"  \"l1d\": {{ \"size\": \"{L1DSize}\", \"ways\": {L1DWays}, \"replacement\": \"lru\", \"latency\": 4, \"line_size\": 64 }},\n" +
            "  \"l1i\": { \"size\": \"48K\", \"ways\": 3, \"replacement\": \"lru\", \"latency\": 4, \"line_size\": 64 },\n" +
            $"  \"l2\":  {{ \"size\": \"{L2Size}\", \"ways\": {L2Ways}, \"replacement\": \"plru\", \"latency\": 21, \"line_size\": 64 }}\n" +
            "}\n";
    }

    /// <summary>One row of the cache sweep: its group (for the per-group ratios), label and options.</summary>
    private sealed record CacheRow(string Group, string Label, CacheShape? Shape, string[] Options);

    /// <summary>The best run of one point: the report's figures and the process's peak memory.</summary>
    private sealed record Sample(ulong Instructions, double Mips, double PeakMiB, string Output, double? L1DHitRate, double? L2HitRate);

    /// <summary>A point that did not run: the emulator rejected its options (exit status 2).</summary>
    private sealed class RejectedException(string message) : Exception(message);

    public static int Run(string root, string[] args)
    {
        string emulator = Path.Combine(root, "src/Host/bin/Release/net10.0/emulator");
        int repeat = 1;
        var sections = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--emulator": emulator = args[++i]; break;
                case "--repeat": repeat = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "cache" or "memory": sections.Add(args[i]); break;
                default:
                    Console.Error.WriteLine($"bench-harness scaling: unknown argument '{args[i]}' (usage: scaling [--emulator PATH] [--repeat N] [cache] [memory])");
                    return 2;
            }
        }
        if (sections.Count == 0)
            sections.UnionWith(["cache", "memory"]);
        if (!WaitForFile(emulator))
        {
            Console.Error.WriteLine($"bench-harness: {emulator} not found; build it first: dotnet build src/Host -c Release");
            return 2;
        }
        if (AnsiConsole.Profile.Width < 140)
            AnsiConsole.Profile.Width = 140;

        var outputs = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        DirectoryInfo temporary = Directory.CreateTempSubdirectory("bench-scaling-");
        try
        {
            var sweep = new Sweep(emulator, root, repeat, temporary.FullName, outputs);
            if (sections.Contains("cache"))
                CacheSweep(sweep);
            if (sections.Contains("memory"))
                MemorySweep(sweep);
        }
        finally
        {
            temporary.Delete(recursive: true);
        }

        Console.WriteLine($"best of {repeat} run(s) per point (highest MIPS; peak RSS the largest of them); {Environment.ProcessorCount} host cores");
        int status = 0;
        foreach ((string guest, HashSet<string> printed) in outputs)
        {
            if (printed.Count > 1)
            {
                Console.WriteLine($"ERROR: {guest} printed different output under different configurations: {string.Join(" | ", printed.Select(o => o.Trim()))}");
                status = 1;
            }
        }
        return status;
    }

    private static void CacheSweep(Sweep sweep)
    {
        var rows = new List<CacheRow>
        {
            new("off", "--cache off", null, ["--cache", "off"]),
            new("preset", "cortex-a72 preset", null, ["--cache", "cortex-a72"]),
        };
        foreach (string size in new[] { "16K", "32K", "64K", "128K" })
            rows.Add(new("L1D size", $"L1D {size} 2-way", new CacheShape(L1DSize: size), []));
        foreach (int ways in new[] { 1, 2, 4, 8 })
            rows.Add(new("L1D ways", $"L1D 32K {ways}-way", new CacheShape(L1DWays: ways), []));
        foreach (string size in new[] { "256K", "512K", "1M", "2M", "4M", "8M" })
            rows.Add(new("L2 size", $"L2 {size} 16-way", new CacheShape(L2Size: size), []));
        foreach (int ways in new[] { 4, 8, 16, 32 })
            rows.Add(new("L2 ways", $"L2 1M {ways}-way", new CacheShape(L2Ways: ways), []));

        var table = new Table().Title("MIPS against cache geometry (cortex-a72 with one change; * = the preset's value)", Style.Plain).AddColumn("group").AddColumn("configuration");
        foreach (string guest in Guests)
            table.AddColumn(new TableColumn($"MIPS {guest}").RightAligned());
        foreach (string guest in Guests)
        {
            table.AddColumn(new TableColumn($"L1D hit {guest}").RightAligned());
            table.AddColumn(new TableColumn($"L2 hit {guest}").RightAligned());
        }
        table.AddColumn(new TableColumn("peak RSS MiB").RightAligned());

        var byGroup = new Dictionary<string, Dictionary<string, List<double>>>(StringComparer.Ordinal);
        foreach (CacheRow row in rows)
        {
            string[] options = row.Options;
            if (row.Shape is not null)
                options = ["--cache", sweep.CacheFile(row.Shape)];
            var samples = new Sample?[Guests.Length];
            var errors = new string?[Guests.Length];
            for (int g = 0; g < Guests.Length; g++)
            {
                try
                {
                    samples[g] = sweep.Measure(Guests[g], row.Label, options);
                }
                catch (RejectedException e)
                {
                    errors[g] = e.Message;
                }
            }

            bool isPreset = row.Shape == new CacheShape();
            var cells = new List<string> { row.Group, isPreset ? row.Label + " *" : row.Label };
            for (int g = 0; g < Guests.Length; g++)
            {
                cells.Add(samples[g] is { } s ? Mips(s.Mips) : "rejected: " + Markup.Escape(errors[g] ?? ""));
                if (samples[g] is { } ok && row.Group != "off")
                {
                    var groups = new[] { row.Group, "all" };
                    foreach (string group in groups)
                    {
                        if (!byGroup.TryGetValue(group, out Dictionary<string, List<double>>? perGuest))
                            byGroup[group] = perGuest = new Dictionary<string, List<double>>(StringComparer.Ordinal);
                        if (!perGuest.TryGetValue(Guests[g], out List<double>? list))
                            perGuest[Guests[g]] = list = [];
                        list.Add(ok.Mips);
                    }
                }
            }
            foreach (Sample? s in samples)
            {
                cells.Add(Percent(s?.L1DHitRate));
                cells.Add(Percent(s?.L2HitRate));
            }
            cells.Add(Mib(samples.Max(s => s?.PeakMiB ?? 0)));
            table.AddRow(cells.ToArray());
        }
        AnsiConsole.Write(table);

        var summary = new List<string>();
        foreach (string guest in Guests)
        {
            var parts = new List<string>();
            foreach ((string group, Dictionary<string, List<double>> perGuest) in byGroup)
            {
                if (group != "all" && perGuest.TryGetValue(guest, out List<double>? list) && list.Count > 1)
                    parts.Add($"{group} {Ratio(list)}");
            }
            string all = byGroup.TryGetValue("all", out var a) && a.TryGetValue(guest, out List<double>? l) ? Ratio(l) : "-";
            summary.Add($"{guest} {all} ({string.Join(", ", parts)})");
        }
        Console.WriteLine($"cache sweep, max/min MIPS over every cache configuration (--cache off excluded): {string.Join("; ", summary)}");
        Console.WriteLine();
    }

    private static void MemorySweep(Sweep sweep)
    {
        string[] caches = ["off", "cortex-a72"];
        var table = new Table().Title("MIPS and peak RSS against guest RAM size", Style.Plain).AddColumn("--memory").AddColumn("--cache");
        foreach (string guest in Guests)
        {
            table.AddColumn(new TableColumn($"MIPS {guest}").RightAligned());
            table.AddColumn(new TableColumn($"peak RSS MiB {guest}").RightAligned());
        }

        var mips = new Dictionary<(string Guest, string Cache), List<double>>();
        var rss = new Dictionary<(string Guest, string Cache), List<double>>();
        var at4G = new List<string>();
        foreach (string size in MemorySizes)
        {
            foreach (string cache in caches)
            {
                var cells = new List<string> { size, cache };
                foreach (string guest in Guests)
                {
                    Sample s;
                    try
                    {
                        s = sweep.Measure(guest, $"--memory {size} --cache {cache}", ["--memory", size, "--cache", cache]);
                    }
                    catch (RejectedException e)
                    {
                        cells.Add("rejected: " + Markup.Escape(e.Message));
                        cells.Add("-");
                        continue;
                    }
                    cells.Add(Mips(s.Mips));
                    cells.Add(Mib(s.PeakMiB));
                    Add(mips, (guest, cache), s.Mips);
                    Add(rss, (guest, cache), s.PeakMiB);
                    if (size == "4G")
                        at4G.Add($"{guest} cache {cache} {Mib(s.PeakMiB)} MiB");
                }
                table.AddRow(cells.ToArray());
            }
        }
        AnsiConsole.Write(table);

        var summary = new List<string>();
        foreach (((string guest, string cache), List<double> list) in mips)
            summary.Add($"{guest} cache {cache} {Ratio(list)} (RSS {Mib(rss[(guest, cache)].Min())}-{Mib(rss[(guest, cache)].Max())} MiB)");
        Console.WriteLine($"memory sweep, max/min MIPS over {MemorySizes[0]}-{MemorySizes[^1]}: {string.Join("; ", summary)}");
        Console.WriteLine($"peak RSS with 4 GiB of guest RAM: {(at4G.Count == 0 ? "-" : string.Join("; ", at4G))}");
        Console.WriteLine();
    }

    /// <summary>The runs of one sweep: the emulator, the cache files written so far and the results so far.</summary>
    private sealed class Sweep(string emulator, string root, int repeat, string directory, Dictionary<string, HashSet<string>> outputs)
    {
        private readonly Dictionary<string, string> _cacheFiles = new(StringComparer.Ordinal);

        private readonly Dictionary<string, Sample> _done = new(StringComparer.Ordinal);

        /// <summary>A JSON file describing <paramref name="shape"/> (one per distinct shape).</summary>
        public string CacheFile(CacheShape shape)
        {
            string name = $"a72-l1d{shape.L1DSize}x{shape.L1DWays}-l2{shape.L2Size}x{shape.L2Ways}".ToLowerInvariant();
            if (!_cacheFiles.TryGetValue(name, out string? path))
            {
                path = Path.Combine(directory, name + ".json");
                File.WriteAllText(path, shape.Json(name));
                _cacheFiles[name] = path;
            }
            return path;
        }

        /// <summary>The best of <c>repeat</c> runs of <paramref name="guest"/> with these options (a point seen before is not run again).</summary>
        public Sample Measure(string guest, string label, string[] options)
        {
            string key = guest + " " + string.Join(" ", options);
            if (_done.TryGetValue(key, out Sample? known))
                return known;
            string image = Path.Combine(root, "bench/bin", guest + ".elf");
            Sample? best = null;
            double peak = 0;
            for (int i = 0; i < repeat; i++)
            {
                Sample s = RunEmulator(emulator, image, directory, options);
                peak = Math.Max(peak, s.PeakMiB);
                if (best is null || s.Mips > best.Mips)
                    best = s;
            }
            best = best! with { PeakMiB = peak };
            if (!outputs.TryGetValue(guest, out HashSet<string>? printed))
                outputs[guest] = printed = new HashSet<string>(StringComparer.Ordinal);
            printed.Add(best.Output);
            Console.Error.WriteLine($"  {guest,-8} {label,-32} {Mips(best.Mips),8} MIPS {Mib(best.PeakMiB),8} MiB");
            _done[key] = best;
            return best;
        }
    }

    /// <summary>
    /// One run with --report. A missing or busy binary, or a failure other than a usage error, is
    /// retried after a pause (the emulator may be being rebuilt); a usage error (status 2) means the
    /// emulator rejected the options.
    /// </summary>
    private static Sample RunEmulator(string emulator, string image, string directory, string[] options)
    {
        string report = Path.Combine(directory, "report.json");
        string[] args = ["run", image, "--report", report, "--display", "headless", .. options];
        for (int attempt = 1; ; attempt++)
        {
            string problem;
            try
            {
                File.Delete(report);
                (int code, string stdout, string stderr, double peakMiB) = RunMeasured(emulator, args);
                if (code == 2)
                    throw new RejectedException(FirstLine(stderr));
                if (code == 0 && File.Exists(report))
                    return Parse(report, stdout, peakMiB);
                problem = $"exit status {code}: {FirstLine(stderr)}";
            }
            catch (Exception e) when (e is Win32Exception or IOException or InvalidOperationException or JsonException or KeyNotFoundException)
            {
                problem = e.Message;
            }
            if (attempt == Attempts)
                throw new InvalidOperationException($"{emulator} {string.Join(" ", args)}: {problem}");
            Console.Error.WriteLine($"bench-harness: {problem}; retrying in {RetryDelay.TotalSeconds:F0} s (attempt {attempt} of {Attempts})");
            Thread.Sleep(RetryDelay);
            WaitForFile(emulator);
        }
    }

    private static Sample Parse(string report, string stdout, double peakMiB)
    {
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(report));
        JsonElement root = json.RootElement;
        double? l1d = null, l2 = null;
        if (root.TryGetProperty("cache", out JsonElement cache))
        {
            l1d = HitRate(cache, "cpu0.l1d");
            l2 = HitRate(cache, "l2");
        }
        return new Sample(root.GetProperty("instructions").GetUInt64(), root.GetProperty("mips").GetDouble(), peakMiB, stdout, l1d, l2);
    }

    private static double? HitRate(JsonElement cache, string name)
    {
        if (!cache.TryGetProperty(name, out JsonElement c))
            return null;
        double hits = c.GetProperty("hits").GetDouble();
        double lookups = hits + c.GetProperty("misses").GetDouble();
        return lookups == 0 ? null : hits / lookups;
    }

    /// <summary>Runs a process to its end, reading its peak resident memory from /proc every <see cref="PollMilliseconds"/> ms.</summary>
    internal static (int Code, string Stdout, string Stderr, double PeakMiB) RunMeasured(string file, string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (string a in args)
            start.ArgumentList.Add(a);
        using var p = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        p.StandardInput.Close();
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        string status = $"/proc/{p.Id}/status";
        long peakKiB = 0;
        do
        {
            peakKiB = Math.Max(peakKiB, PeakKiB(status));
        }
        while (!p.WaitForExit(PollMilliseconds));
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result, peakKiB / 1024.0);
    }

    /// <summary>The larger of VmHWM and VmRSS in /proc/PID/status, in KiB (0 once the process is gone).</summary>
    private static long PeakKiB(string status)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(status);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
        long peak = 0;
        foreach (string line in lines)
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal) || line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                string[] fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length >= 2 && long.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out long kib))
                    peak = Math.Max(peak, kib);
            }
        }
        return peak;
    }

    /// <summary>Waits (up to <see cref="Attempts"/> pauses) for the emulator binary to exist: it may be being rebuilt.</summary>
    private static bool WaitForFile(string path)
    {
        for (int i = 0; i < Attempts && !File.Exists(path); i++)
        {
            Console.Error.WriteLine($"bench-harness: {path} missing; waiting {RetryDelay.TotalSeconds:F0} s (it may be being rebuilt)");
            Thread.Sleep(RetryDelay);
        }
        return File.Exists(path);
    }

    private static void Add(Dictionary<(string, string), List<double>> lists, (string, string) key, double value)
    {
        if (!lists.TryGetValue(key, out List<double>? list))
            lists[key] = list = [];
        list.Add(value);
    }

    private static string Ratio(List<double> values) =>
        values.Min() > 0 ? (values.Max() / values.Min()).ToString("F2", CultureInfo.InvariantCulture) : "-";

    private static string Mips(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    private static string Mib(double value) => value.ToString("F0", CultureInfo.InvariantCulture);

    private static string Percent(double? rate) => rate is double r ? (100 * r).ToString("F2", CultureInfo.InvariantCulture) + " %" : "-";

    private static string FirstLine(string text)
    {
        string trimmed = text.Trim();
        int end = trimmed.IndexOf('\n');
        return end < 0 ? trimmed : trimmed[..end].Trim();
    }
}

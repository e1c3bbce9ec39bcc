using Emulator.Host.Tests.EndToEnd;

namespace Emulator.Host.Tests.Golden;

/// <summary>
/// Every bench guest, sample and scenario gives the same report (every field but wall_seconds and
/// mips) as when the digests were committed: a speed change must not move a cycle. The digests are
/// regenerated on purpose when the timing model or a guest changes (README.md beside this file).
/// </summary>
public sealed class ReportDigestTests
{
    private static readonly string[][] CacheOptions = [["--cache", "off"], ["--cache", "cortex-a72"]];

    /// <summary>Samples that run until stopped: how each is stopped (no input is given: standard input is empty).</summary>
    private static string[] SampleLimit(string name) => name switch
    {
        "demo" => ["--frames", "10"],
        "echo" => ["--max-instructions", "3000000"],
        _ => ["--max-instructions", "500000000"],
    };

    [Fact]
    public void Bench_guest_reports_match_the_committed_digests()
    {
        if (BenchGuests.Directory is not { } directory)
            return; // no cross toolchain on this developer machine; scripts/test.sh makes it required
        var rows = new List<GoldenRow>();
        using var temp = new TempDirectory();
        foreach (string image in Directory.GetFiles(directory, "*.elf").Order(StringComparer.Ordinal))
        {
            foreach (string[] cache in CacheOptions)
                rows.Add(RunRow(temp, $"bench/{Path.GetFileNameWithoutExtension(image)} {string.Join(' ', cache)}", [image, .. cache]));
        }
        GoldenReports.Check("bench.tsv", rows);
    }

    [Fact]
    public void Sample_reports_match_the_committed_digests()
    {
        var rows = new List<GoldenRow>();
        using var temp = new TempDirectory();
        foreach (string image in Directory.GetFiles(Path.Combine(EmulatorProcess.RepositoryRoot, "samples", "bin"), "*.elf").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileNameWithoutExtension(image);
            foreach (string[] cache in CacheOptions)
                rows.Add(RunRow(temp, $"samples/{name} {string.Join(' ', cache)}", [image, .. SampleLimit(name), .. cache]));
        }
        GoldenReports.Check("samples.tsv", rows);
    }

    [Fact]
    public void Scenario_reports_match_the_committed_digests()
    {
        using var temp = new TempDirectory();
        string summary = temp.File("check.json");
        ProcessResult r = EmulatorProcess.Run("check", Path.Combine(EmulatorProcess.RepositoryRoot, "scenarios"), "--report", summary);
        Assert.True(File.Exists(summary), "emulator check wrote no summary: " + r.Stderr);
        var rows = new List<GoldenRow>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (System.Text.Json.JsonElement s in EmulatorProcess.ReadReport(summary).GetProperty("scenarios").EnumerateArray())
        {
            string file = Path.GetFileName(s.GetProperty("file").GetString()!);
            Assert.True(s.TryGetProperty("run", out System.Text.Json.JsonElement run) && run.ValueKind == System.Text.Json.JsonValueKind.Object,
                $"scenario {file} has no run report");
            if (seen.Add(file))
                rows.Add(GoldenReports.Row("scenarios/" + file, run));
        }
        GoldenReports.Check("scenarios.tsv", rows);
    }

    private static GoldenRow RunRow(TempDirectory temp, string name, string[] args)
    {
        string report = temp.File("report.json");
        File.Delete(report);
        ProcessResult r = EmulatorProcess.Run(["run", .. args, "--display", "headless", "--quiet", "--report", report]);
        Assert.True(File.Exists(report), $"{name}: no report (exit {r.ExitCode}): {r.Stderr}");
        return GoldenReports.Row(name, EmulatorProcess.ReadReport(report));
    }
}

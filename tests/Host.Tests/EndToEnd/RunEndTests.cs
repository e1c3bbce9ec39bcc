using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Emulator.Host.Tests.EndToEnd;

/// <summary>The end of a run: SIGTERM handled as SIGINT is (status 143), and the summary on standard error.</summary>
public sealed class RunEndTests
{
    [Fact]
    public void Sigterm_ends_the_run_with_status_143_a_complete_report_and_recordings_and_the_summary()
    {
        using var temp = new TempDirectory();
        string report = temp.File("report.json");
        string record = temp.File("frames");
        using EmulatorChild child = EmulatorChild.Start(new Dictionary<string, string?>(),
            "run", EmulatorProcess.Sample("demo.elf"), "--display", "headless", "--record", record, "--report", report);
        string csv = Path.Combine(record, "frames.csv");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!(File.Exists(csv) && File.ReadAllLines(csv).Length >= 3))
        {
            Assert.False(child.HasExited, "the demo ended before it was terminated");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "no frames recorded within a minute");
            Thread.Sleep(50);
        }
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", child.ProcessId.ToString(CultureInfo.InvariantCulture)]))
            kill.WaitForExit();
        ProcessResult r = child.WaitForExit(TimeSpan.FromSeconds(30));

        Assert.Equal(143, r.ExitCode);
        JsonElement json = EmulatorProcess.ReadReport(report);
        Assert.Equal("interrupted", json.GetProperty("exit").GetProperty("reason").GetString());
        Assert.Equal(143, json.GetProperty("exit").GetProperty("status").GetInt32());
        Assert.Equal("terminated by SIGTERM", json.GetProperty("exit").GetProperty("message").GetString());
        long frames = json.GetProperty("display").GetProperty("frames").GetInt64();
        Assert.Equal(frames + 1, File.ReadAllLines(csv).Length);
        Assert.Equal(frames * 3, Directory.GetFiles(record, "*.png").Length);
        Assert.Empty(Directory.GetFiles(record, "*.tmp"));
        Assert.Contains("emulator: summary: exit interrupted (status 143)", r.Stderr);
        Assert.Contains($"every figure in {report}; --stats for tables", r.Stderr);
    }

    [Fact]
    public void Sigterm_ends_emulator_check_with_status_143_and_stops_its_runs()
    {
        using var temp = new TempDirectory();
        // A scenario that would run for minutes: the demo for a million frames.
        string scenario = temp.Write("long.json", global::System.Text.Encoding.UTF8.GetBytes($$"""
            {
              "name": "long-demo",
              "description": "the demo for a million frames: long enough to be terminated",
              "image": "{{EmulatorProcess.Sample("demo.elf").Replace("\\", "/", StringComparison.Ordinal)}}",
              "frames": 1000000,
              "expect": { "exit": { "reason": "frames", "status": 0 } }
            }
            """));
        using EmulatorChild child = EmulatorChild.Start(new Dictionary<string, string?>(), "check", scenario);
        Thread.Sleep(TimeSpan.FromSeconds(3)); // the scenario's run has started
        Assert.False(child.HasExited, "emulator check ended before it was terminated");
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", child.ProcessId.ToString(CultureInfo.InvariantCulture)]))
            kill.WaitForExit();
        ProcessResult r = child.WaitForExit(TimeSpan.FromSeconds(30));

        Assert.Equal(143, r.ExitCode);
        Assert.Contains("emulator: check: terminated by SIGTERM", r.Stderr);
    }

    [Fact]
    public void The_summary_names_the_stale_pixels_of_the_demo()
    {
        // Scenario 1: guest VRAM Non-cacheable, the kvm policy: the VMM sees stale pixels.
        ProcessResult r = EmulatorProcess.Run("run", EmulatorProcess.Sample("demo.elf"), "--display", "headless", "--append", "fb=nc",
            "--policy", "kvm", "--frames", "20");

        Assert.Equal(0, r.ExitCode);
        string[] lines = [.. r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("emulator: summary: ", StringComparison.Ordinal))];
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^emulator: summary: exit frames \(status 0\), [\d,]+ instructions in \d+\.\d\d s \(\d+\.\d MIPS\)$", lines[0]);
        Match m = Regex.Match(lines[1], @"^emulator: summary: 20 frames, ([\d,]+) stale pixels \(\d+ frames with stale pixels, worst [\d,]+\), policy kvm; --report FILE / --stats for more$");
        Assert.True(m.Success, lines[1]);
        Assert.True(long.Parse(m.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) > 0, lines[1]);
    }

    [Fact]
    public void Quiet_prints_no_summary()
    {
        ProcessResult r = EmulatorProcess.Run("run", EmulatorProcess.Sample("hello.elf"), "--quiet");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(string.Empty, r.Stderr);
        ProcessResult loud = EmulatorProcess.Run("run", EmulatorProcess.Sample("hello.elf"));
        Assert.Contains("emulator: summary: exit system-off (status 0)", loud.Stderr);
    }
}

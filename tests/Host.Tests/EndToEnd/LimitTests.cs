using System.Text.Json;

namespace Emulator.Host.Tests.EndToEnd;

/// <summary>The run limits end a run cleanly with a complete report and recordings (issue 11).</summary>
public sealed class LimitTests
{
    [Fact]
    public void Max_seconds_stops_an_endless_guest_with_status_3_and_complete_recordings()
    {
        using var temp = new TempDirectory();
        string report = temp.File("report.json");
        string record = temp.File("frames");
        ProcessResult r = EmulatorProcess.Run("run", EmulatorProcess.Sample("demo.elf"), "--display", "headless",
            "--max-seconds", "2", "--record", record, "--report", report);

        Assert.Equal(3, r.ExitCode);
        Assert.Contains("--max-seconds 2", r.Stderr);
        JsonElement json = EmulatorProcess.ReadReport(report);
        Assert.Equal("max-seconds", json.GetProperty("exit").GetProperty("reason").GetString());
        long frames = json.GetProperty("display").GetProperty("frames").GetInt64();
        Assert.True(frames > 0, "the demo displays frames within two seconds");
        // Every frame the report counts is on disk, complete, with its csv line; nothing half-written.
        string[] csv = File.ReadAllLines(Path.Combine(record, "frames.csv"));
        Assert.Equal(frames + 1, csv.Length);
        Assert.Equal(frames * 3, Directory.GetFiles(record, "*.png").Length);
        Assert.Empty(Directory.GetFiles(record, "*.tmp"));
    }

    [Fact]
    public void Frames_stops_after_exactly_that_many_displayed_frames()
    {
        using var temp = new TempDirectory();
        string report = temp.File("report.json");
        ProcessResult r = EmulatorProcess.Run("run", EmulatorProcess.Sample("demo.elf"), "--display", "headless", "--frames", "3", "--report", report);
        Assert.Equal(0, r.ExitCode);
        JsonElement json = EmulatorProcess.ReadReport(report);
        Assert.Equal("frames", json.GetProperty("exit").GetProperty("reason").GetString());
        Assert.Equal(3, json.GetProperty("display").GetProperty("frames").GetInt32());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("soon")]
    [InlineData("NaN")]
    public void Bad_max_seconds_is_a_usage_error_naming_the_option(string value)
    {
        using var temp = new TempDirectory();
        string report = temp.File("report.json");
        ProcessResult r = EmulatorProcess.Run("run", EmulatorProcess.Sample("hello.elf"), "--max-seconds", value, "--report", report);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--max-seconds", r.Stderr);
        Assert.Equal("error", EmulatorProcess.ReadReport(report).GetProperty("exit").GetProperty("reason").GetString());
    }
}

/// <summary>Ctrl-C (SIGINT) ends a run cleanly: status 130, the report and every recorded frame complete.</summary>
public sealed class InterruptTests
{
    [Fact]
    public void Sigint_ends_the_run_with_status_130_and_complete_report_and_recordings()
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
            Assert.False(child.HasExited, "the demo ended before it was interrupted");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "no frames recorded within a minute");
            Thread.Sleep(50);
        }
        using (var kill = System.Diagnostics.Process.Start("kill", ["-INT", child.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            kill.WaitForExit();
        ProcessResult r = child.WaitForExit(TimeSpan.FromSeconds(30));

        Assert.Equal(130, r.ExitCode);
        JsonElement json = EmulatorProcess.ReadReport(report);
        Assert.Equal("interrupted", json.GetProperty("exit").GetProperty("reason").GetString());
        long frames = json.GetProperty("display").GetProperty("frames").GetInt64();
        Assert.Equal(frames + 1, File.ReadAllLines(csv).Length);
        Assert.Equal(frames * 3, Directory.GetFiles(record, "*.png").Length);
        Assert.Empty(Directory.GetFiles(record, "*.tmp"));
    }
}

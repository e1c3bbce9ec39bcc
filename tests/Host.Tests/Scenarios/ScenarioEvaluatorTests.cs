using System.Text.Json;
using Emulator.Host.Scenarios;

namespace Emulator.Host.Tests.Scenarios;

/// <summary>The expectation rules on made-up run reports: what passes, what fails, and the figure each prints.</summary>
public sealed class ScenarioEvaluatorTests
{
    private static Scenario Make(ScenarioExpectations expect, ulong? frames = 20, string file = "/s/a.json") => new()
    {
        Name = Path.GetFileNameWithoutExtension(file),
        Description = "d",
        FilePath = file,
        DisplayPath = file,
        ImagePath = "/i.elf",
        Frames = frames,
        Expect = expect,
    };

    private static string Report(long total = 0, long max = 0, long frames = 20, string reason = "frames", int status = 0,
        string hash = "0x00000000000000ab", long hostMisses = 10) => $$"""
        {
          "exit": { "reason": "{{reason}}", "status": {{status}}, "message": "why" },
          "instructions": 100, "cycles": 200,
          "cache": { "host.l1d": { "misses": {{hostMisses}} }, "stale_reads": 0 },
          "display": { "frames": {{frames}}, "frames_with_stale": {{(total > 0 ? 3 : 0)}}, "stale_pixels_total": {{total}},
                       "stale_pixels_max": {{max}}, "last_frame_hash": "{{hash}}", "mode": "640x480x32" }
        }
        """;

    private static ScenarioRun Run(Scenario s, string? report, string stdout = "", int exitCode = 0, string stderr = "") => new()
    {
        Scenario = s,
        ExitCode = exitCode,
        Stdout = stdout,
        Stderr = stderr,
        Report = report is null ? null : JsonDocument.Parse(report).RootElement.Clone(),
        CommandLine = "emulator run",
    };

    private static ScenarioVerdict Judge(ScenarioExpectations expect, string? report, Func<string, ScenarioRun?>? references = null, ulong? frames = 20, string stdout = "") =>
        ScenarioEvaluator.Evaluate(Run(Make(expect, frames), report, stdout), references ?? (_ => null));

    private static ScenarioExpectations Stale(PerFrameStaleKind kind, long n = 0) =>
        new() { StalePixels = new StalePixelsExpectation { PerFrame = new PerFrameStale(kind, n) } };

    [Fact]
    public void Zero_passes_only_without_stale_pixels()
    {
        ScenarioVerdict clean = Judge(Stale(PerFrameStaleKind.Zero), Report());
        ScenarioVerdict stale = Judge(Stale(PerFrameStaleKind.Zero), Report(total: 7, max: 5));
        Assert.True(clean.Passed);
        Assert.Equal("stale_pixels_total 0 over 20 frames", clean.Figure);
        Assert.False(stale.Passed);
        Assert.Equal("stale_pixels_total 7, expected 0 over 20 frames (worst frame 5)", stale.Figure);
    }

    [Theory]
    [InlineData(PerFrameStaleKind.Max, 100, 100, true)]
    [InlineData(PerFrameStaleKind.Max, 100, 101, false)]
    [InlineData(PerFrameStaleKind.AtLeastOnSomeFrame, 50, 50, true)]
    [InlineData(PerFrameStaleKind.AtLeastOnSomeFrame, 50, 49, false)]
    public void Per_frame_bounds_compare_with_the_worst_frame(PerFrameStaleKind kind, long n, long worst, bool passes)
    {
        ScenarioVerdict v = Judge(Stale(kind, n), Report(total: 1000, max: worst));
        Assert.Equal(passes, v.Passed);
        Assert.StartsWith($"stale_pixels_max {worst} ", v.Figure);
        Assert.Contains("(total 1000 over 20 frames)", v.Figure);
    }

    [Fact]
    public void A_run_that_showed_fewer_frames_than_asked_fails_even_with_zero_stale_pixels()
    {
        ScenarioVerdict v = Judge(Stale(PerFrameStaleKind.Zero), Report(frames: 3, reason: "guest-fault", status: 4));
        Assert.False(v.Passed);
        Assert.Equal("3 of 20 frames shown (exit guest-fault)", v.Figure);
    }

    [Fact]
    public void A_run_that_ended_in_an_error_fails_unless_the_exit_is_expected()
    {
        ScenarioVerdict error = Judge(Stale(PerFrameStaleKind.Zero), Report(reason: "error", status: 70));
        Assert.False(error.Passed);
        Assert.Equal("exit error status 70: why", error.Figure);

        ScenarioVerdict expected = Judge(new ScenarioExpectations { Exit = new ExitExpectation("error", 70) }, Report(reason: "error", status: 70));
        Assert.True(expected.Passed);
        Assert.Equal("exit error status 70", expected.Figure);
    }

    [Fact]
    public void A_run_without_a_report_fails_with_its_exit_status_and_last_error_line()
    {
        Scenario s = Make(Stale(PerFrameStaleKind.Zero));
        ScenarioVerdict v = ScenarioEvaluator.Evaluate(Run(s, null, exitCode: 134, stderr: "first\nAborted (core dumped)\n"), _ => null);
        Assert.False(v.Passed);
        Assert.Equal("no report: exit status 134: Aborted (core dumped)", v.Figure);
    }

    [Theory]
    [InlineData("guest-fault", 4, "guest-fault", 4, true)]
    [InlineData("system-off", 0, "guest-fault", 4, false)]
    [InlineData("system-off", 0, null, 0, true)]
    [InlineData("system-off", 0, "system-off", 1, false)]
    public void Exit_expectation_compares_reason_and_status(string reason, int status, string? wantReason, int? wantStatus, bool passes)
    {
        ScenarioVerdict v = Judge(new ScenarioExpectations { Exit = new ExitExpectation(wantReason, wantStatus) }, Report(reason: reason, status: status), frames: null);
        Assert.Equal(passes, v.Passed);
        Assert.StartsWith($"exit {reason} status {status}", v.Figure);
    }

    [Fact]
    public void Uart_and_hash_expectations()
    {
        var expect = new ScenarioExpectations { UartContains = "Hello", FinalFrameHash = 0xab };
        Assert.True(Judge(expect, Report(), stdout: "x\nHello there\n").Passed);
        ScenarioVerdict noHello = Judge(expect, Report(), stdout: "Goodbye\n");
        Assert.Equal("uart lacks \"Hello\" (8 bytes of output, first line \"Goodbye\")", noHello.Figure);
        ScenarioVerdict otherHash = Judge(expect, Report(hash: "0x00000000000000ac"), stdout: "Hello");
        Assert.Equal("final_frame_hash 0x00000000000000ac, expected 0x00000000000000ab", otherHash.Figure);
    }

    [Fact]
    public void Report_paths_find_names_that_contain_dots()
    {
        var expect = new ScenarioExpectations { Report = [new ReportFieldExpectation("cache.host.l1d.misses", new NumberBound { Max = 10 })] };
        Assert.True(Judge(expect, Report(hostMisses: 10), frames: null).Passed);
        ScenarioVerdict v = Judge(expect, Report(hostMisses: 11), frames: null);
        Assert.False(v.Passed);
        Assert.Equal("cache.host.l1d.misses 11 is not <= 10", v.Figure);
        var missing = new ScenarioExpectations { Report = [new ReportFieldExpectation("cache.l9.misses", new NumberBound { Min = 0 })] };
        Assert.Equal("the report has no number at cache.l9.misses", Judge(missing, Report(), frames: null).Figure);
    }

    [Fact]
    public void Bounds_relative_to_another_scenario_compare_the_same_figure()
    {
        Scenario other = Make(Stale(PerFrameStaleKind.Zero), file: "/s/other.json");
        ScenarioRun otherRun = Run(other, Report(total: 500, max: 60));
        ScenarioRun? Lookup(string f) => f == "/s/other.json" ? otherRun : null;
        var below = new ScenarioExpectations { StalePixels = new StalePixelsExpectation { Total = new NumberBound { Min = 1, BelowScenario = "/s/other.json" } } };
        var above = new ScenarioExpectations { StalePixels = new StalePixelsExpectation { Total = new NumberBound { AboveScenario = "/s/other.json" } } };

        ScenarioVerdict fewer = Judge(below, Report(total: 20, max: 5), Lookup);
        Assert.True(fewer.Passed);
        Assert.Equal("stale_pixels_total 20 >= 1, < 500 of other (over 20 frames)", fewer.Figure);
        Assert.False(Judge(below, Report(total: 500, max: 60), Lookup).Passed);
        Assert.Equal("stale_pixels_total 0 is not >= 1 (over 20 frames)", Judge(below, Report(), Lookup).Figure);
        Assert.True(Judge(above, Report(total: 501, max: 60), Lookup).Passed);
        Assert.False(Judge(above, Report(total: 500, max: 60), Lookup).Passed);

        ScenarioVerdict unknown = Judge(below, Report(total: 20, max: 5), _ => null);
        Assert.False(unknown.Passed);
        Assert.Contains("other.json has no display.stale_pixels_total", unknown.Figure);
    }
}

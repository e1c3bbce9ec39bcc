using System.Text.Json;
using System.Text.Json.Nodes;

namespace Emulator.Host.Tests.EndToEnd;

/// <summary>
/// Block translation (the default) and <c>--interpret</c> give the same run: every report field
/// but the host's wall time and MIPS (instructions, cycles, branch predictions, every cache
/// counter, the hypervisor's and the display's figures down to the last frame's hash).
/// </summary>
public sealed class TranslationTests
{
    private static readonly string[] HostFields = ["wall_seconds", "mips"];

    private static string GuestFigures(string reportPath)
    {
        JsonObject report = JsonNode.Parse(File.ReadAllText(reportPath))!.AsObject();
        foreach (string field in HostFields)
            Assert.True(report.Remove(field), $"report has no {field}");
        return report.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static (string Translated, string Interpreted) RunBothWays(string image, params string[] options)
    {
        using var temp = new TempDirectory();
        string translated = temp.File("translated.json"), interpreted = temp.File("interpreted.json");
        ProcessResult a = EmulatorProcess.Run(["run", image, "--display", "headless", "--report", translated, .. options]);
        ProcessResult b = EmulatorProcess.Run(["run", image, "--display", "headless", "--report", interpreted, "--interpret", .. options]);
        Assert.True(a.ExitCode == b.ExitCode, $"exit {a.ExitCode} translated, {b.ExitCode} interpreted: {a.Stderr} {b.Stderr}");
        Assert.Equal(b.Stdout, a.Stdout);
        return (GuestFigures(translated), GuestFigures(interpreted));
    }

    [Theory]
    [InlineData("crc", "off")]
    [InlineData("crc", "cortex-a72")]
    [InlineData("sort", "off")]
    [InlineData("sort", "cortex-a53")]
    [InlineData("memwalk", "cortex-a72")]
    [InlineData("fbdraw", "off")]
    [InlineData("sieve", "off")]
    public void A_bench_guest_runs_the_same_translated_and_interpreted(string guest, string cache)
    {
        if (BenchGuests.Directory is not { } directory)
            return; // no cross toolchain (scripts/test.sh requires it)
        (string translated, string interpreted) = RunBothWays(Path.Combine(directory, guest + ".elf"), "--cache", cache);
        Assert.Equal(interpreted, translated);
    }

    [Theory]
    [InlineData("demo.elf")]
    [InlineData("echo.elf")]
    [InlineData("faults.elf")]
    [InlineData("mmu.elf")]
    [InlineData("novectors.elf")]
    [InlineData("semihosting-exit.elf")]
    [InlineData("stage2.elf")]
    [InlineData("svc.elf")]
    [InlineData("timer.elf")]
    [InlineData("uart-irq.elf")]
    [InlineData("undef.elf")]
    [InlineData("wfi-halt.elf")]
    [InlineData("wfi.elf")]
    public void Every_sample_runs_the_same_translated_and_interpreted(string sample)
    {
        (string translated, string interpreted) = RunBothWays(EmulatorProcess.Sample(sample), "--max-instructions", "3000000");
        Assert.Equal(interpreted, translated);
    }

    [Fact]
    public void The_demo_under_the_hypervisor_shows_the_same_stale_pixels_translated_and_interpreted()
    {
        (string translated, string interpreted) = RunBothWays(EmulatorProcess.Sample("demo.elf"), "--frames", "12");
        Assert.Contains("\"stale_pixels_total\"", translated);
        Assert.Equal(interpreted, translated);
    }

    [Fact]
    public void Stats_say_how_many_blocks_were_translated_or_that_translation_is_off()
    {
        ProcessResult on = EmulatorProcess.Run(["run", EmulatorProcess.Sample("hello.elf"), "--stats"]);
        ProcessResult off = EmulatorProcess.Run(["run", EmulatorProcess.Sample("hello.elf"), "--stats", "--interpret"]);
        Assert.Equal(0, on.ExitCode);
        Assert.Equal(0, off.ExitCode);
        Assert.Contains("translated blocks (host)", on.Stderr);
        Assert.DoesNotContain("off (--interpret)", on.Stderr);
        Assert.Contains("off (--interpret)", off.Stderr);
        Assert.Equal(on.Stdout, off.Stdout);
    }
}

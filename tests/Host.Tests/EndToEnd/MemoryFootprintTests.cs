using System.Diagnostics;
using System.Globalization;

namespace Emulator.Host.Tests.EndToEnd;

/// <summary>
/// Guest RAM is host memory only where the guest touches it: a run with --memory 4G keeps its
/// peak resident set under 100 MiB plus what the guest touched (hello touches a few pages, the
/// sieve bench guest 8 MiB), with and without the cache model. Measured with /usr/bin/time
/// (GNU time's %M, the peak RSS in KiB); skipped where it is not installed.
/// </summary>
public sealed class MemoryFootprintTests
{
    private const string Time = "/usr/bin/time";

    [Theory]
    [InlineData("off")]
    [InlineData("cortex-a72")]
    public void A_4G_guest_that_touches_little_stays_under_100_MiB(string cache)
    {
        if (!File.Exists(Time))
            return; // no GNU time on this developer machine
        long kib = PeakKib(EmulatorProcess.Sample("hello.elf"), cache);
        Assert.True(kib < 100 * 1024, $"peak RSS {kib} KiB with --memory 4G --cache {cache}");
    }

    [Fact]
    public void A_4G_guest_sweeping_8_MiB_stays_under_108_MiB()
    {
        if (!File.Exists(Time) || BenchGuests.Directory is not { } bench)
            return; // no GNU time or no cross toolchain (scripts/test.sh requires the toolchain)
        long kib = PeakKib(Path.Combine(bench, "sieve.elf"), "cortex-a72");
        Assert.True(kib < 108 * 1024, $"peak RSS {kib} KiB running the sieve with --memory 4G");
    }

    private static long PeakKib(string image, string cache)
    {
        using var temp = new TempDirectory();
        string output = temp.File("rss.txt");
        var start = new ProcessStartInfo(Time)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = EmulatorProcess.RepositoryRoot,
        };
        foreach (string a in new[] { "-f", "%M", "-o", output, "dotnet", Path.Combine(AppContext.BaseDirectory, "emulator.dll"),
            "run", image, "--memory", "4G", "--cache", cache, "--display", "headless", "--quiet" })
            start.ArgumentList.Add(a);
        ProcessResult r = EmulatorProcess.Execute(start, null, TimeSpan.FromMinutes(2));
        Assert.True(r.ExitCode == 0, r.Stderr);
        return long.Parse(File.ReadAllLines(output)[^1].Trim(), CultureInfo.InvariantCulture);
    }
}

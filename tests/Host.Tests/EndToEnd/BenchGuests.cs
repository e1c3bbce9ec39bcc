using System.Diagnostics;

namespace Emulator.Host.Tests.EndToEnd;

/// <summary>
/// The benchmark guests, built once per test run from bench/ into a temporary directory (they are
/// not committed: bench/run.sh builds them too). Null when the cross toolchain is missing, which
/// scripts/test.sh (EMULATOR_REQUIRE_TOOLS=1) turns into a failure.
/// </summary>
public static class BenchGuests
{
    private static readonly Lazy<string?> Built = new(Build);

    /// <summary>The directory holding NAME.elf for every bench guest, or null without a toolchain.</summary>
    public static string? Directory => Built.Value;

    private static string? Build()
    {
        if (EmulatorProcess.FindTool("aarch64-linux-gnu-gcc") is null || EmulatorProcess.FindTool("make") is null)
        {
            Assert.False(EmulatorProcess.ToolsRequired, "EMULATOR_REQUIRE_TOOLS=1 but the AArch64 cross toolchain or make is missing");
            return null;
        }
        string output = Path.Combine(Path.GetTempPath(), $"emulator-bench-guests-{Environment.ProcessId}");
        var start = new ProcessStartInfo("make") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (string a in new[] { "-C", Path.Combine(EmulatorProcess.RepositoryRoot, "bench"), $"BUILD={output}", "all" })
            start.ArgumentList.Add(a);
        ProcessResult r = EmulatorProcess.Execute(start, null, TimeSpan.FromMinutes(5));
        Assert.True(r.ExitCode == 0, "bench guests do not build: " + r.Stderr);
        return output;
    }
}

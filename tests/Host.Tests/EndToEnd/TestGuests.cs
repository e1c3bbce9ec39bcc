using System.Diagnostics;

namespace Emulator.Host.Tests.EndToEnd;

/// <summary>
/// The assembly-language test guests of EndToEnd/Guests (NAME.S with common.inc, linked at
/// 0x40100000 by link.ld), built with the cross toolchain when a test needs them. Null when the
/// toolchain is absent and EMULATOR_REQUIRE_TOOLS is not 1 (then a missing tool fails the test).
/// </summary>
internal static class TestGuests
{
    public static string SourceDirectory => Path.Combine(EmulatorProcess.RepositoryRoot, "tests", "Host.Tests", "EndToEnd", "Guests");

    public static string? Build(TempDirectory temp, string name)
    {
        string? assembler = EmulatorProcess.FindTool("aarch64-linux-gnu-as");
        string? linker = EmulatorProcess.FindTool("aarch64-linux-gnu-ld");
        if (assembler is null || linker is null)
            return null;
        string obj = temp.File(name + ".o");
        string elf = temp.File(name + ".elf");
        Tool(assembler, "-I", SourceDirectory, "-o", obj, Path.Combine(SourceDirectory, name + ".S"));
        Tool(linker, "-T", Path.Combine(SourceDirectory, "link.ld"), "-o", elf, obj);
        return elf;
    }

    /// <summary>Builds guest NAME and runs it here, headless, with OPTIONS; its UART output (exit 0 asserted), or null without the toolchain.</summary>
    public static string? RunHere(TempDirectory temp, string name, params string[] options)
    {
        if (Build(temp, name) is not { } elf)
            return null;
        ProcessResult ours = EmulatorProcess.Run(["run", elf, "--display", "headless", .. options]);
        Assert.True(ours.ExitCode == 0, $"exit {ours.ExitCode}: {ours.Stderr}\n{ours.Stdout}");
        return ours.Stdout;
    }

    /// <summary>Builds guest NAME and runs it on qemu-system-aarch64; its UART output (exit 0 asserted), or null without the tools.</summary>
    public static string? RunOnQemu(TempDirectory temp, string name)
    {
        if (Build(temp, name) is not { } elf || EmulatorProcess.RunQemu(elf) is not { } reference)
            return null;
        Assert.Equal(0, reference.ExitCode);
        return reference.Stdout;
    }

    /// <summary>"--interpret", "--cache off", "": a test's InlineData options as arguments.</summary>
    public static string[] Options(string options) => options.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static void Tool(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
            start.ArgumentList.Add(a);
        ProcessResult r = EmulatorProcess.Execute(start, null, TimeSpan.FromSeconds(60));
        Assert.True(r.ExitCode == 0, $"{Path.GetFileName(tool)} failed: {r.Stderr}");
    }
}

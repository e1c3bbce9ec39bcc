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

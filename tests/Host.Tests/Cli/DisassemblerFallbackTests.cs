using System.Diagnostics;
using Emulator.Host.Tests.EndToEnd;

namespace Emulator.Host.Tests.Cli;

/// <summary>Without a loadable libcapstone the fault message names instructions by the decode table, and a warning says why.</summary>
public sealed class DisassemblerFallbackTests
{
    [Fact]
    public void Without_libcapstone_the_decode_table_names_the_instruction_and_a_warning_says_why()
    {
        using var temp = new TempDirectory();
        string app = temp.File("app");
        Directory.CreateDirectory(app);
        foreach (string file in Directory.GetFiles(AppContext.BaseDirectory))
        {
            string name = Path.GetFileName(file);
            if (name.EndsWith(".dll", StringComparison.Ordinal) || name.EndsWith(".json", StringComparison.Ordinal))
                File.Copy(file, Path.Combine(app, name));
        }
        // The program's own libcapstone, replaced by a file the loader cannot load.
        foreach (string native in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "runtimes"), "libcapstone*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(app, Path.GetRelativePath(AppContext.BaseDirectory, native));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, "not a shared library");
        }
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = EmulatorProcess.RepositoryRoot,
        };
        foreach (string a in new[] { Path.Combine(app, "emulator.dll"), "run", EmulatorProcess.Sample("hello.elf"), "--policy", "no-clean", "--quiet" })
            start.ArgumentList.Add(a);
        ProcessResult r = EmulatorProcess.Execute(start, null, TimeSpan.FromSeconds(60));

        Assert.Equal(4, r.ExitCode);
        Assert.Contains("disassembly: the Capstone disassembler's native library (libcapstone) could not be loaded", r.Stderr);
        // UDF by its encoding; the newest word (mov x19, x0 = ORR (shifted register)) by its decode-table row.
        string fault = r.Stderr.Split('\n').Single(l => l.StartsWith("emulator: guest-fault: ", StringComparison.Ordinal));
        Assert.StartsWith("emulator: guest-fault: UNDEFINED instruction `udf #0` at 0x40100000", fault);
        Assert.Matches("is 0xaa0003f3 `[A-Z]", fault);
        Assert.DoesNotContain("mov x19, x0", fault);
    }
}

using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;

namespace Emulator.Host.Tests.EndToEnd;

/// <summary>
/// A Release build of src/Host puts ahead-of-time compiled (ReadyToRun) images of the program's
/// assemblies in its output folder (the README's `dotnet run -c Release` and
/// src/Host/bin/Release/net10.0/emulator), so that a run does not spend its first tenth of a second
/// JIT-compiling start-up and host code. These tests check what that build produced, and that the
/// program built that way runs a guest.
/// </summary>
public sealed class ReadyToRunBuildTests
{
    private static readonly string Output = Path.Combine(EmulatorProcess.RepositoryRoot, "src", "Host", "bin", "Release", "net10.0");

    private static bool ReleaseBuildOnLinuxX64 =>
#if DEBUG
        false;
#else
        OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64;
#endif

    [Theory]
    [InlineData("emulator.dll")]
    [InlineData("Emulator.Cpu.dll")]
    [InlineData("Emulator.Mmu.dll")]
    [InlineData("Emulator.Devices.dll")]
    [InlineData("System.CommandLine.dll")]
    public void ReleaseOutputHoldsReadyToRunImages(string assembly)
    {
        if (!ReleaseBuildOnLinuxX64)
            return; // the ReadyToRun step runs for Release builds on linux-x64 only
        string path = Path.Combine(Output, assembly);
        Assert.True(File.Exists(path), $"{path} is missing: build src/Host in Release first");
        using var pe = new PEReader(File.OpenRead(path));
        CorHeader? cor = pe.PEHeaders.CorHeader;
        Assert.NotNull(cor);
        Assert.True(cor.ManagedNativeHeaderDirectory.Size > 0, $"{path} is IL only: the ReadyToRun step of src/Host/Emulator.Host.csproj did not replace it");
    }

    [Fact]
    public void ReleaseProgramRunsAGuest()
    {
        if (!ReleaseBuildOnLinuxX64)
            return;
        var start = new System.Diagnostics.ProcessStartInfo(Path.Combine(Output, "emulator"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = EmulatorProcess.RepositoryRoot,
        };
        foreach (string a in new[] { "run", EmulatorProcess.Sample("echo.elf"), "--display", "headless", "--max-instructions", "200000" })
            start.ArgumentList.Add(a);
        ProcessResult r = EmulatorProcess.Execute(start, "", TimeSpan.FromSeconds(60));
        Assert.True(r.ExitCode is 0 or 3, $"exit {r.ExitCode}: {r.Stderr}");
        Assert.DoesNotContain("error", r.Stderr, StringComparison.OrdinalIgnoreCase);
    }
}

using System.Diagnostics;

namespace Emulator.Host.Tests.EndToEnd;

/// <summary>The committed prebuilt images (samples/bin) are exactly what their Makefile builds from the sources.</summary>
public sealed class SampleReproducibilityTests
{
    [Theory]
    [InlineData("samples")]
    public void Rebuilding_reproduces_the_committed_images_byte_for_byte(string folder)
    {
        if (EmulatorProcess.FindTool("aarch64-linux-gnu-gcc") is null || EmulatorProcess.FindTool("make") is null)
            return; // no cross toolchain on this developer machine; scripts/test.sh makes it required

        using var temp = new TempDirectory();
        var start = new ProcessStartInfo("make")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "-C", Path.Combine(EmulatorProcess.RepositoryRoot, folder), $"BUILD={temp.Path}", "all" })
            start.ArgumentList.Add(a);
        ProcessResult r = EmulatorProcess.Execute(start, null, TimeSpan.FromMinutes(5));
        Assert.True(r.ExitCode == 0, r.Stderr);

        string[] committed = Directory.GetFiles(Path.Combine(EmulatorProcess.RepositoryRoot, folder, "bin"), "*.elf");
        Assert.NotEmpty(committed);
        foreach (string image in committed)
        {
            string rebuilt = Path.Combine(temp.Path, Path.GetFileName(image));
            Assert.True(File.Exists(rebuilt), $"{folder}/Makefile does not build {Path.GetFileName(image)}");
            Assert.True(File.ReadAllBytes(image).AsSpan().SequenceEqual(File.ReadAllBytes(rebuilt)),
                $"{Path.GetFileName(image)} differs from what {folder}/Makefile builds: rebuild with `make -C {folder} install` and commit");
        }
    }
}

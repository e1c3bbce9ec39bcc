using System.Diagnostics;

namespace Emulator.Host.Tests.EndToEnd;

/// <summary>
/// Boots the Linux sample (samples/linux/build.sh: Debian's linux-source-6.1, tinyconfig plus
/// samples/linux/kernel.config, and a busybox-static initramfs; built once and cached outside the
/// repository) to its busybox shell, types commands over the PL011 from a file (deterministic
/// input), and powers off through PSCI: the run must end with status 0. Skipped when the build
/// tools are missing, unless EMULATOR_REQUIRE_TOOLS=1 (CI), where a failed build fails the test.
/// </summary>
public sealed class LinuxBootTests
{
    private static readonly Lazy<string?> Build = new(BuildSample);

    [Theory]
    [InlineData("2")]
    [InlineData("3")]
    public void Busybox_shell_answers_over_the_uart_and_powers_off(string gic)
    {
        if (Build.Value is not { } dir)
            return;
        using var temp = new TempDirectory();
        // Linux's PL011 driver discards what is in the receive FIFO when it starts (pl011_enable_interrupts
        // reads out up to twice the FIFO's depth), as on hardware and on QEMU: blank lines come first.
        string typed = new string('\n', 64) + "uname -a\ncat /proc/cpuinfo\necho shell-$((6*7))\npoweroff -f\n";
        string input = temp.Write("typed.txt", global::System.Text.Encoding.ASCII.GetBytes(typed));
        ProcessResult r = RunEmulator(input, Path.Combine(dir, "Image"), "--initrd", Path.Combine(dir, "initramfs.cpio.gz"),
            "--append", "console=ttyAMA0", "--gic", gic, "--cache", "off", "--display", "headless", "--max-instructions", "4000000000");

        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}\n--- stderr\n{r.Stderr}\n--- uart (tail)\n{Tail(r.Stdout)}");
        Assert.Contains("Run /init as init process", r.Stdout);
        Assert.Contains("init: userspace up: Linux 6.1", r.Stdout);
        Assert.Contains("Linux (none) 6.1.", r.Stdout);                   // uname -a
        Assert.Contains("#1 SMP 2026-01-01 00:00:00 UTC aarch64 GNU/Linux", r.Stdout); // a reproducible build (KBUILD_BUILD_TIMESTAMP)
        Assert.Contains("CPU implementer\t: 0x41", r.Stdout);            // /proc/cpuinfo
        Assert.Contains("CPU part\t: 0xd07", r.Stdout);
        Assert.Contains("Features\t: fp asimd", r.Stdout);
        Assert.Contains("shell-42", r.Stdout);                          // the shell's own arithmetic
        Assert.Contains("reboot: Power down", r.Stdout);
    }

    [Theory]
    [InlineData("2", "2")]
    [InlineData("4", "3")]
    public void Linux_brings_up_every_CPU_with_psci_and_counts_them(string cpus, string gic)
    {
        if (Build.Value is not { } dir)
            return;
        using var temp = new TempDirectory();
        string typed = new string('\n', 64) + "grep -c ^processor /proc/cpuinfo\npoweroff -f\n";
        string input = temp.Write("typed.txt", global::System.Text.Encoding.ASCII.GetBytes(typed));
        ProcessResult r = RunEmulator(input, Path.Combine(dir, "Image"), "--initrd", Path.Combine(dir, "initramfs.cpio.gz"),
            "--append", "console=ttyAMA0", "--smp", cpus, "--gic", gic, "--cache", "off", "--display", "headless", "--max-instructions", "4000000000");

        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}\n--- stderr\n{r.Stderr}\n--- uart (tail)\n{Tail(r.Stdout)}");
        Assert.Contains("CPU1: Booted secondary processor 0x0000000001", r.Stdout); // PSCI CPU_ON, MPIDR Aff0 = 1
        Assert.Contains($"SMP: Total of {cpus} processors activated.", r.Stdout);
        Assert.Contains($"\n{cpus}\r\n", r.Stdout.Replace("\r\r\n", "\r\n", StringComparison.Ordinal)); // grep -c ^processor
        Assert.Contains("reboot: Power down", r.Stdout);
    }

    [Fact]
    public void Debians_generic_kernel_boots_the_same_initramfs_to_the_shell()
    {
        if (Build.Value is not { } dir)
            return;
        ProcessResult fetch = RunScript("samples/linux/debian-kernel.sh", TimeSpan.FromMinutes(10));
        Assert.True(fetch.ExitCode == 0, $"samples/linux/debian-kernel.sh failed ({fetch.ExitCode}):\n{fetch.Stderr}");
        string kernel = fetch.Stdout.Trim().Split('\n')[^1];
        using var temp = new TempDirectory();
        string typed = new string('\n', 64) + "uname -a\necho shell-$((6*7))\npoweroff -f\n";
        string input = temp.Write("typed.txt", global::System.Text.Encoding.ASCII.GetBytes(typed));
        ProcessResult r = RunEmulator(input, kernel, "--initrd", Path.Combine(dir, "initramfs.cpio.gz"), "-m", "512M",
            "--append", "console=ttyAMA0", "--cache", "off", "--display", "headless", "--max-instructions", "6000000000");

        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}\n--- stderr\n{r.Stderr}\n--- uart (tail)\n{Tail(r.Stdout)}");
        Assert.Contains("Run /init as init process", r.Stdout);
        Assert.Contains("-arm64 #1 SMP Debian 6.1.", r.Stdout);  // uname -a of Debian's build
        Assert.Contains("shell-42", r.Stdout);
        Assert.Contains("reboot: Power down", r.Stdout);
        Assert.DoesNotContain("Oops", r.Stdout);
        Assert.DoesNotContain("WARNING:", r.Stdout);
    }

    [Fact]
    public void Framebuffer_console_scenarios_pass_emulator_check()
    {
        if (Build.Value is not { } dir)
            return;
        LinuxSampleBuild.Build("bochs-wb"); // into dir/bochs-wb, for 05-bochs-drm-wb-kvm
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = EmulatorProcess.RepositoryRoot,
        };
        start.Environment["EMULATOR_LINUX"] = dir;
        foreach (string a in new[] { Path.Combine(AppContext.BaseDirectory, "emulator.dll"), "check", "scenarios/linux", "--jobs", "2" })
            start.ArgumentList.Add(a);
        ProcessResult r = EmulatorProcess.Execute(start, null, TimeSpan.FromMinutes(10));

        Assert.True(r.ExitCode == 0, $"emulator check scenarios/linux: exit {r.ExitCode}\n{r.Stdout}\n{r.Stderr}");
        Assert.Contains("PASS  linux-fbcon-kvm-stale", r.Stdout);
        Assert.Contains("PASS  linux-fbcon-s2fwb-clean", r.Stdout);
        Assert.Contains("PASS  linux-bochs-drm-kvm-stale", r.Stdout);
        Assert.Contains("PASS  linux-bochs-drm-s2fwb-clean", r.Stdout);
        Assert.Contains("PASS  linux-bochs-drm-wb-kvm-clean", r.Stdout);
    }

    private static string Tail(string s) => s.Length > 4000 ? s[^4000..] : s;

    private static ProcessResult RunEmulator(string inputFile, params string[] args)
    {
        var start = new ProcessStartInfo("sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = EmulatorProcess.RepositoryRoot,
        };
        string dll = Path.Combine(AppContext.BaseDirectory, "emulator.dll");
        string quoted = string.Join(' ', args.Select(a => "'" + a.Replace("'", "'\\''") + "'"));
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec dotnet '{dll}' run {quoted} < '{inputFile}'");
        return EmulatorProcess.Execute(start, null, TimeSpan.FromMinutes(5));
    }

    private static ProcessResult RunScript(string script, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = EmulatorProcess.RepositoryRoot,
        };
        start.ArgumentList.Add(script);
        return EmulatorProcess.Execute(start, null, timeout);
    }

    /// <summary>Runs samples/linux/build.sh (a cache hit after the first build); its last line is the output directory.</summary>
    private static string? BuildSample()
    {
        if (!EmulatorProcess.ToolsRequired && (EmulatorProcess.FindTool("aarch64-linux-gnu-gcc") is null || !File.Exists("/usr/src/linux-source-6.1.tar.xz")))
            return null;
        ProcessResult r = RunScript("samples/linux/build.sh", TimeSpan.FromMinutes(25));
        Assert.True(r.ExitCode == 0, $"samples/linux/build.sh failed ({r.ExitCode}):\n{r.Stderr}");
        string dir = r.Stdout.Trim().Split('\n')[^1];
        Assert.True(File.Exists(Path.Combine(dir, "Image")), $"no Image in {dir}");
        return dir;
    }
}

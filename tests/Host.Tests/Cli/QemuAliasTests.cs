using System.Text.Json;
using Emulator.Host.Cli;
using Emulator.Host.Tests.EndToEnd;

namespace Emulator.Host.Tests.Cli;

/// <summary>QEMU's spellings of the run options: each runs guest code or is checked in the parsed options; bad values are one-line usage errors.</summary>
public sealed class QemuAliasTests
{
    private static RunOptions Parse(params string[] args)
    {
        RunOptions? options = RunCommand.ParseRunOptions(args, out string? error);
        Assert.True(options is not null, error);
        return options!;
    }

    private static string ParseError(params string[] args)
    {
        RunOptions? options = RunCommand.ParseRunOptions(args, out string? error);
        Assert.Null(options);
        return error!;
    }

    /// <summary>A usage error on the real program: status 2, nothing on stdout, the first line of stderr names <paramref name="expected"/>.</summary>
    private static void AssertUsageError(string expected, params string[] args)
    {
        ProcessResult r = EmulatorProcess.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(string.Empty, r.Stdout);
        Assert.StartsWith("emulator: error: ", r.Stderr);
        Assert.Contains(expected, r.Stderr.Split('\n')[0]);
    }

    private static string Hello => EmulatorProcess.Sample("hello.elf");

    [Fact]
    public void Kernel_runs_the_image()
    {
        ProcessResult r = EmulatorProcess.Run("-kernel", Hello, "--quiet");
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("Hello from the guest!", r.Stdout);
    }

    [Fact]
    public void Run_with_kernel_runs_the_image_and_does_not_blame_the_image_path()
    {
        ProcessResult r = EmulatorProcess.Run("run", "-kernel", Hello, "--quiet");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.StartsWith("Hello from the guest!", r.Stdout);
        AssertUsageError("-kernel: missing the image file", "run", "-kernel");
    }

    [Fact]
    public void An_image_without_run_is_run()
    {
        ProcessResult r = EmulatorProcess.Run(Hello, "--quiet");
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("Hello from the guest!", r.Stdout);
    }

    [Fact]
    public void Append_reaches_the_guest()
    {
        ProcessResult r = EmulatorProcess.Run("-kernel", Hello, "-append", "fb=nc console=ttyAMA0", "--quiet");
        Assert.Equal(0, r.ExitCode);
        Assert.EndsWith("bootargs: fb=nc console=ttyAMA0\n", r.Stdout);
    }

    [Fact]
    public void Initrd_is_the_initrd_option()
    {
        Assert.Equal("disk.cpio", Parse("-kernel", "Image", "-initrd", "disk.cpio").InitrdPath);
        Assert.Contains("-initrd: missing its value", ParseError("-kernel", "Image", "-initrd"));
    }

    [Fact]
    public void Dtb_is_the_dtb_option()
    {
        Assert.Equal("board.dtb", Parse("-kernel", "Image", "-dtb", "board.dtb").DtbPath);
        AssertUsageError("no-such.dtb", "-kernel", Hello, "-dtb", "no-such.dtb");
    }

    [Fact]
    public void M_is_the_memory_size_with_qemus_size_form_too()
    {
        Assert.Equal(256UL << 20, Parse("-kernel", "x.elf", "-m", "256M").MemoryBytes);
        Assert.Equal(512UL << 20, Parse("-kernel", "x.elf", "-m", "size=512M").MemoryBytes);
        Assert.Equal(64UL << 20, Parse("-kernel", "x.elf", "-m", "64").MemoryBytes); // a bare number is MiB, as QEMU's
        AssertUsageError("--memory: 'lots' is not a size", "-kernel", Hello, "-m", "lots");
    }

    [Fact]
    public void Smp_is_the_smp_option_with_qemus_cpus_form_too_and_help_names_both_spellings()
    {
        Assert.Equal(2, Parse("-kernel", "x.elf", "-smp", "2").Cpus);
        Assert.Equal(4, Parse("-kernel", "x.elf", "-smp", "cpus=4").Cpus);
        Assert.Equal(3, Parse("run", "x.elf", "--smp", "3").Cpus);
        AssertUsageError("--smp: '9' is not a number of CPUs", "-kernel", Hello, "-smp", "9");
        AssertUsageError("-smp: missing the number of CPUs", "-kernel", Hello, "-smp");
        ProcessResult help = EmulatorProcess.Run("run", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--smp <N>", help.Stdout);
        Assert.Contains("-smp N", help.Stdout);
        string quantum = help.Stdout.Split('\n').Single(l => l.Contains("--quantum", StringComparison.Ordinal));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(quantum, @"\[default: "));
    }

    [Fact]
    public void Machine_virt_is_accepted_with_its_gic_version_and_other_machines_are_named()
    {
        Assert.Equal(2, Parse("-M", "virt", "-kernel", "x.elf").GicVersion);
        Assert.Equal(3, Parse("-M", "virt,gic-version=3", "-kernel", "x.elf").GicVersion);
        Assert.Equal(3, Parse("-machine", "virt,gic-version=3", "-kernel", "x.elf").GicVersion);
        AssertUsageError("-M raspi3b: not a machine this emulator has; supported: virt", "-M", "raspi3b", "-kernel", Hello);
        AssertUsageError("property 'secure=on' is not supported", "-M", "virt,secure=on", "-kernel", Hello);
        ProcessResult r = EmulatorProcess.Run("-M", "virt", "-kernel", Hello, "--quiet");
        Assert.Equal(0, r.ExitCode);
    }

    [Fact]
    public void Cpu_accepts_the_modelled_cortex_a57_and_names_what_else_is_not()
    {
        ProcessResult r = EmulatorProcess.Run("-cpu", "cortex-a57", "-kernel", Hello, "--quiet");
        Assert.Equal(0, r.ExitCode);
        AssertUsageError("-cpu max: not a CPU model this emulator has; supported: cortex-a57", "-cpu", "max", "-kernel", Hello);
        AssertUsageError("-cpu cortex-a72", "-cpu", "cortex-a72", "-kernel", Hello);
    }

    [Fact]
    public void Nographic_is_headless_with_the_uart_on_stdio()
    {
        Assert.Equal("headless", Parse("-kernel", "x.elf", "-nographic").Display);
        ProcessResult r = EmulatorProcess.Run("-nographic", "-kernel", Hello, "--quiet");
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("Hello from the guest!", r.Stdout); // the UART on standard output
    }

    [Fact]
    public void Serial_stdio_is_the_default_and_other_back_ends_are_named()
    {
        RunOptions plain = Parse("-kernel", "x.elf"), stdio = Parse("-kernel", "x.elf", "-serial", "stdio");
        Assert.Empty(plain.TraceCategories);
        Assert.Empty(stdio.TraceCategories);
        string[] none = [];
        Assert.Equal(plain with { TraceCategories = none, Drives = none }, stdio with { TraceCategories = none, Drives = none }); // the same run
        AssertUsageError("-serial pty: the only serial back end is stdio", "-kernel", Hello, "-serial", "pty");
    }

    [Fact]
    public void Semihosting_is_accepted_and_semihosting_works()
    {
        using var temp = new TempDirectory();
        string report = temp.File("report.json");
        ProcessResult r = EmulatorProcess.Run("-semihosting", "-kernel", EmulatorProcess.Sample("semihosting-exit.elf"), "--report", report, "--quiet");
        Assert.Equal(7, r.ExitCode);
        Assert.Equal("semihosting exit 7\n", r.Stdout);
        Assert.Equal("semihosting-exit", EmulatorProcess.ReadReport(report).GetProperty("exit").GetProperty("reason").GetString());
    }

    [Fact]
    public void D_maps_log_items_onto_trace_categories_and_names_unknown_ones()
    {
        Assert.Equal(["cpu", "hyp"], Parse("-kernel", "x.elf", "-d", "int,mmu").TraceCategories);
        AssertUsageError("-d int,in_asm,exec: unknown log items 'in_asm', 'exec'", "-kernel", Hello, "-d", "int,in_asm,exec");
        ProcessResult r = EmulatorProcess.Run("-kernel", EmulatorProcess.Sample("undef.elf"), "-d", "int", "--quiet");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("cpu: cpu0: exception Synchronous", r.Stderr); // the exception entry, as QEMU's -d int logs it
    }

    [Fact]
    public void D_log_file_is_the_log_file_option()
    {
        Assert.Equal("emu.log", Parse("-kernel", "x.elf", "-D", "emu.log").LogFile);
    }

    [Fact]
    public void Unknown_options_name_themselves()
    {
        AssertUsageError("'-frobnicate'", "-kernel", Hello, "-frobnicate");
        AssertUsageError("'--frobnicate'", "run", Hello, "--frobnicate");
    }

    [Fact]
    public void Run_help_lists_the_qemu_spellings()
    {
        ProcessResult r = EmulatorProcess.Run("run", "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains(QemuArguments.HelpLine, r.Stdout.ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_alias_value_is_reported_in_the_report_too()
    {
        using var temp = new TempDirectory();
        string report = temp.File("report.json");
        ProcessResult r = EmulatorProcess.Run("-M", "sbsa-ref", "-kernel", Hello, "--report", report);
        Assert.Equal(2, r.ExitCode);
        JsonElement json = EmulatorProcess.ReadReport(report);
        Assert.Equal("error", json.GetProperty("exit").GetProperty("reason").GetString());
        Assert.Contains("sbsa-ref", json.GetProperty("exit").GetProperty("message").GetString());
    }
}

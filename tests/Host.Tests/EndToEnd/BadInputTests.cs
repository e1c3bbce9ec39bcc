using System.Text.Json;
using Emulator.Host.Tests.Loading;

namespace Emulator.Host.Tests.EndToEnd;

/// <summary>
/// Every bad input ends the same way: one line on standard error that names the file or option
/// and what is wrong, exit status 2, nothing on standard output, and (with --report) a report
/// that says so rather than one that looks like a run.
/// </summary>
public sealed class BadInputTests
{
    private static readonly byte[] Code = [0x1F, 0x20, 0x03, 0xD5]; // NOP

    public static TheoryData<string, string> BadImages => new()
    {
        { "missing", "no such file" },
        { "empty", "empty" },
        { "arm32", "32-bit" },
        { "x86-64", "x86-64" },
        { "truncated", "truncated" },
        { "outside-ram", "outside RAM" },
        { "overlapping", "overlap" },
    };

    [Theory]
    [MemberData(nameof(BadImages))]
    public void Bad_image_is_rejected_with_one_line_naming_the_file_and_status_2(string kind, string expected)
    {
        using var temp = new TempDirectory();
        string image = MakeImage(temp, kind);
        string report = temp.File("report.json");

        ProcessResult r = EmulatorProcess.Run("run", image, "--report", report);

        Assert.Equal(2, r.ExitCode);
        Assert.Equal(string.Empty, r.Stdout);
        string line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(image, line);
        Assert.Contains(expected, line, StringComparison.OrdinalIgnoreCase);
        JsonElement json = EmulatorProcess.ReadReport(report);
        Assert.Equal("error", json.GetProperty("exit").GetProperty("reason").GetString());
        Assert.Equal(2, json.GetProperty("exit").GetProperty("status").GetInt32());
        Assert.Equal(0UL, json.GetProperty("instructions").GetUInt64());
    }

    [Theory]
    [InlineData("--memory", "12Q", "--memory")]
    [InlineData("--memory", "0", "--memory")]
    [InlineData("--memory", "1T", "--memory")]
    [InlineData("--max-instructions", "lots", "--max-instructions")]
    [InlineData("--log-level", "loud", "--log-level")]
    [InlineData("--trace", "everything", "--trace")]
    [InlineData("--load-address", "here", "--load-address")]
    public void Malformed_option_value_names_the_option_and_exits_2(string option, string value, string named)
    {
        ProcessResult r = EmulatorProcess.Run("run", EmulatorProcess.Sample("hello.elf"), option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(string.Empty, r.Stdout);
        Assert.Contains(named, r.Stderr.Split('\n')[0]);
        Assert.Contains(value, r.Stderr.Split('\n')[0]);
    }

    [Fact]
    public void Unknown_option_is_a_usage_error_with_status_2()
    {
        ProcessResult r = EmulatorProcess.Run("run", EmulatorProcess.Sample("hello.elf"), "--frobnicate");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--frobnicate", r.Stderr.Split('\n')[0]);
    }

    [Fact]
    public void Usage_error_still_writes_a_report_that_says_error()
    {
        using var temp = new TempDirectory();
        string report = temp.File("report.json");
        ProcessResult r = EmulatorProcess.Run("run", EmulatorProcess.Sample("hello.elf"), "--report", report, "--memory", "12Q");
        Assert.Equal(2, r.ExitCode);
        JsonElement json = EmulatorProcess.ReadReport(report);
        Assert.Equal("error", json.GetProperty("exit").GetProperty("reason").GetString());
        Assert.Contains("--memory", json.GetProperty("exit").GetProperty("message").GetString());
    }

    [Fact]
    public void Missing_image_argument_is_a_usage_error()
    {
        ProcessResult r = EmulatorProcess.Run("run");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("IMAGE", r.Stderr);
    }

    [Fact]
    public void Report_in_a_missing_directory_is_refused_before_running()
    {
        ProcessResult r = EmulatorProcess.Run("run", EmulatorProcess.Sample("hello.elf"), "--report", "/nonexistent-dir/r.json");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(string.Empty, r.Stdout);
        Assert.Contains("--report", r.Stderr);
    }

    [Fact]
    public void Raw_binary_without_load_address_boots_as_a_linux_kernel_at_qemus_address()
    {
        // QEMU's -kernel: a raw file is a Linux kernel at RAM base + 0x80000, entered through the
        // boot stub with x0 = the DTB at RAM base + 64 MiB (128 MiB of RAM, no initrd).
        byte[] systemOff = [0x00, 0x01, 0x80, 0xD2, 0x00, 0x80, 0xB0, 0xF2, 0x02, 0x00, 0x00, 0xD4]; // mov x0, #0x84000008; hvc #0
        using var temp = new TempDirectory();
        string image = temp.Write("code.bin", systemOff);
        ProcessResult r = EmulatorProcess.Run("run", image, "--log-level", "information");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Raw image, entry 0x40080000, x0 = 0x44000000", r.Stderr);
    }

    [Fact]
    public void Raw_binary_that_looks_like_a_damaged_elf_is_refused()
    {
        using var temp = new TempDirectory();
        string image = temp.Write("code.elf", [0x7f, (byte)'E', (byte)'L', (byte)'G', .. Code]);
        ProcessResult r = EmulatorProcess.Run("run", image);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("damaged identification", r.Stderr);
        Assert.Contains("--load-address", r.Stderr);
    }

    private static string MakeImage(TempDirectory temp, string kind)
    {
        const ulong load = 0x4010_0000;
        switch (kind)
        {
            case "missing":
                return temp.File("does-not-exist.elf");
            case "empty":
                return temp.Write("empty.elf", []);
            case "arm32":
                return temp.Write("arm32.elf", new ElfBuilder { Class = 1, Machine = 40, Entry = load }.AddLoad(load, Code).Build());
            case "x86-64":
                return temp.Write("x86.elf", new ElfBuilder { Machine = 62, Entry = load }.AddLoad(load, Code).Build());
            case "truncated":
                byte[] whole = new ElfBuilder { Entry = load }.AddLoad(load, Code).Build();
                return temp.Write("truncated.elf", whole[..40]);
            case "outside-ram":
                return temp.Write("outside.elf", new ElfBuilder { Entry = 0x1000 }.AddLoad(0x1000, Code).Build());
            case "overlapping":
                return temp.Write("overlap.elf", new ElfBuilder { Entry = load }
                    .AddLoad(load, new byte[0x2000])
                    .AddLoad(load + 0x1000, Code)
                    .Build());
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }
}

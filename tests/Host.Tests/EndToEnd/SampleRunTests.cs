using System.Text.Json;

namespace Emulator.Host.Tests.EndToEnd;

/// <summary>The committed sample guests run to their documented ends, with the documented output and report.</summary>
public sealed class SampleRunTests
{
    [Fact]
    public void Hello_prints_its_greeting_and_powers_off_with_status_0()
    {
        using var temp = new TempDirectory();
        string report = temp.File("report.json");
        ProcessResult r = EmulatorProcess.Run("run", EmulatorProcess.Sample("hello.elf"), "--report", report, "--quiet");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("Hello from the guest!\nPSCI version 1.1\n", r.Stdout);
        Assert.Equal(string.Empty, r.Stderr);
        JsonElement json = EmulatorProcess.ReadReport(report);
        Assert.Equal("system-off", json.GetProperty("exit").GetProperty("reason").GetString());
        Assert.Equal(0, json.GetProperty("exit").GetProperty("status").GetInt32());
        ulong instructions = json.GetProperty("instructions").GetUInt64();
        Assert.True(instructions > 1000, $"hello ran only {instructions} instructions");
        Assert.True(json.GetProperty("cycles").GetUInt64() > instructions, "the default cache model adds memory cycles");
        Assert.True(json.GetProperty("wall_seconds").GetDouble() > 0);
        Assert.True(json.GetProperty("mips").GetDouble() > 0);
    }

    [Fact]
    public void Append_reaches_the_guest_through_the_device_tree()
    {
        ProcessResult r = EmulatorProcess.Run("run", EmulatorProcess.Sample("hello.elf"), "--append", "fb=nc console=ttyAMA0");
        Assert.Equal(0, r.ExitCode);
        Assert.EndsWith("bootargs: fb=nc console=ttyAMA0\n", r.Stdout);
    }

    [Fact]
    public void Undefined_instruction_is_taken_to_the_guest_vector_and_the_guest_resumes()
    {
        ProcessResult r = EmulatorProcess.Run("run", EmulatorProcess.Sample("undef.elf"));
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("UNDEFINED caught: ESR=0x02000000 EC=0x00 ELR-offset ok\nresumed after UNDEFINED\n", r.Stdout);
    }

    [Fact]
    public void Guest_without_working_vectors_stops_with_guest_fault_and_a_report_of_the_fault()
    {
        using var temp = new TempDirectory();
        string report = temp.File("report.json");
        ProcessResult r = EmulatorProcess.Run("run", EmulatorProcess.Sample("novectors.elf"), "--report", report, "--quiet");

        Assert.Equal(4, r.ExitCode);
        Assert.Equal("novectors: about to fault\n", r.Stdout);
        string error = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("guest fault", error);
        Assert.Contains("PC 0x40200200", error);
        JsonElement json = EmulatorProcess.ReadReport(report);
        Assert.Equal("guest-fault", json.GetProperty("exit").GetProperty("reason").GetString());
        Assert.Equal(4, json.GetProperty("exit").GetProperty("status").GetInt32());
        JsonElement fault = json.GetProperty("fault");
        Assert.Equal("0x40200200", fault.GetProperty("pc").GetString()); // VBAR + 0x200: current EL, SPx, synchronous
        Assert.Equal("0x2000000", fault.GetProperty("esr").GetString()); // EC 0 (unknown), IL 1
        Assert.Equal("0x00000000", fault.GetProperty("instruction").GetString());
        Assert.StartsWith("0x401", fault.GetProperty("elr").GetString()); // the UDF in the guest's code
    }

    [Fact]
    public void Semihosting_exit_status_becomes_the_exit_status()
    {
        using var temp = new TempDirectory();
        string report = temp.File("report.json");
        ProcessResult r = EmulatorProcess.Run("run", EmulatorProcess.Sample("semihosting-exit.elf"), "--report", report);
        Assert.Equal(7, r.ExitCode);
        Assert.Equal("semihosting exit 7\n", r.Stdout);
        JsonElement json = EmulatorProcess.ReadReport(report);
        Assert.Equal("semihosting-exit", json.GetProperty("exit").GetProperty("reason").GetString());
        Assert.Equal(7, json.GetProperty("exit").GetProperty("status").GetInt32());
    }

    [Fact]
    public void Max_instructions_stops_the_run_exactly_there_with_status_3()
    {
        using var temp = new TempDirectory();
        string report = temp.File("report.json");
        ProcessResult r = EmulatorProcess.Run("run", EmulatorProcess.Sample("hello.elf"), "--max-instructions", "1000", "--report", report);
        Assert.Equal(3, r.ExitCode);
        JsonElement json = EmulatorProcess.ReadReport(report);
        Assert.Equal("max-instructions", json.GetProperty("exit").GetProperty("reason").GetString());
        Assert.Equal(1000UL, json.GetProperty("instructions").GetUInt64());
    }

    [Fact]
    public void The_same_run_twice_executes_the_same_instructions()
    {
        using var temp = new TempDirectory();
        ulong Instructions(string name)
        {
            string report = temp.File(name);
            EmulatorProcess.Run("run", EmulatorProcess.Sample("hello.elf"), "--append", "x=1", "--report", report);
            return EmulatorProcess.ReadReport(report).GetProperty("instructions").GetUInt64();
        }

        Assert.Equal(Instructions("a.json"), Instructions("b.json"));
    }

    [Fact]
    public void Memory_option_accepts_qemu_style_sizes()
    {
        Assert.Equal(0, EmulatorProcess.Run("run", EmulatorProcess.Sample("hello.elf"), "--memory", "1G").ExitCode);
        Assert.Equal(0, EmulatorProcess.Run("run", EmulatorProcess.Sample("hello.elf"), "-m", "64").ExitCode);
    }

    [Fact]
    public void Help_and_version_answer_and_exit_0()
    {
        ProcessResult help = EmulatorProcess.Run("--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("run", help.Stdout);
        ProcessResult runHelp = EmulatorProcess.Run("run", "--help");
        Assert.Equal(0, runHelp.ExitCode);
        foreach (string option in new[] { "--memory", "--append", "--max-instructions", "--report", "--log-level", "--trace", "--load-address" })
            Assert.Contains(option, runHelp.Stdout);
        ProcessResult version = EmulatorProcess.Run("--version");
        Assert.Equal(0, version.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", version.Stdout);
    }

    [Fact]
    public void Trace_category_logs_to_stderr_and_leaves_the_guest_output_alone()
    {
        ProcessResult r = EmulatorProcess.Run("run", EmulatorProcess.Sample("hello.elf"), "--trace", "psci");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("Hello from the guest!\nPSCI version 1.1\n", r.Stdout);
        Assert.Contains("SYSTEM_OFF", r.Stderr);
        Assert.Contains("psci", r.Stderr);
    }

    [Fact]
    public void Trace_cpu_logs_each_exception_with_its_syndrome()
    {
        ProcessResult r = EmulatorProcess.Run("run", EmulatorProcess.Sample("undef.elf"), "--trace", "cpu");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("exception Synchronous from EL1", r.Stderr);
        Assert.Contains("ESR 0x2000000", r.Stderr);
    }

    [Fact]
    public void Uart_receives_standard_input_from_a_pipe()
    {
        ProcessResult r = EmulatorProcess.RunWithInput("one\ntwo\nquit\n", "run", EmulatorProcess.Sample("echo.elf"));
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("echo: type lines, 'quit' ends\ngot: one\ngot: two\nbye\n", r.Stdout);
    }

    [Fact]
    public void Uart_input_from_a_file_gives_the_same_instruction_count_every_run()
    {
        using var temp = new TempDirectory();
        string input = temp.Write("input.txt", "alpha\nbeta\nquit\n"u8.ToArray());
        ulong Run(string name)
        {
            string report = temp.File(name);
            ProcessResult r = EmulatorProcess.RunWithInputFile(input, "run", "samples/bin/echo.elf", "--report", report);
            Assert.Equal(0, r.ExitCode);
            Assert.Equal("echo: type lines, 'quit' ends\ngot: alpha\ngot: beta\nbye\n", r.Stdout);
            return EmulatorProcess.ReadReport(report).GetProperty("instructions").GetUInt64();
        }

        Assert.Equal(Run("a.json"), Run("b.json"));
    }
}

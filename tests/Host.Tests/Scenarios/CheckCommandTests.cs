using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Emulator.Host.Tests.EndToEnd;

namespace Emulator.Host.Tests.Scenarios;

/// <summary>`emulator check` as a user runs it: output lines, their order, the summary line, exit status, --report.</summary>
public sealed class CheckCommandTests
{
    private static string WriteScenario(TempDirectory temp, string file, string name, string uartText, string policy = "kvm")
    {
        var s = new JsonObject
        {
            ["name"] = name,
            ["description"] = "the hello sample, looking for a line of its output",
            ["image"] = EmulatorProcess.Sample("hello.elf"),
            ["policy"] = policy,
            ["max_instructions"] = 1_000_000,
            ["expect"] = new JsonObject
            {
                ["exit"] = new JsonObject { ["reason"] = "system-off", ["status"] = 0 },
                ["uart_contains"] = uartText,
            },
        };
        return temp.Write(file, Encoding.UTF8.GetBytes(s.ToJsonString()));
    }

    [Fact]
    public void Prints_one_line_per_scenario_in_the_order_given_then_the_counts_and_exits_1_on_a_failure()
    {
        using var temp = new TempDirectory();
        string failing = WriteScenario(temp, "b.json", "greets-wrongly", "Bonjour");
        string passing = WriteScenario(temp, "a.json", "greets", "Hello from the guest!");
        string faulting = WriteScenario(temp, "c.json", "no-clean-greets", "Hello from the guest!", policy: "no-clean");
        string report = temp.File("summary.json");

        ProcessResult r = EmulatorProcess.Run("check", failing, passing, faulting, "--jobs", "2", "--report", report);

        Assert.Equal(1, r.ExitCode);
        string[] lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("FAIL  greets-wrongly   uart lacks \"Bonjour\" (", lines[0]);
        Assert.EndsWith("bytes of output, first line \"Hello from the guest!\")", lines[0]);
        Assert.Equal("PASS  " + "greets".PadRight(15) + "  exit system-off status 0", lines[1]);
        Assert.Equal("FAIL  no-clean-greets  exit guest-fault status 4, expected system-off status 0", lines[2]);
        Assert.Equal("1 passed, 2 failed", lines[3]);

        JsonElement summary = EmulatorProcess.ReadReport(report);
        Assert.Equal(1, summary.GetProperty("passed").GetInt32());
        Assert.Equal(2, summary.GetProperty("failed").GetInt32());
        JsonElement[] scenarios = [.. summary.GetProperty("scenarios").EnumerateArray()];
        Assert.Equal(["greets-wrongly", "greets", "no-clean-greets"], scenarios.Select(s => s.GetProperty("name").GetString()));
        Assert.True(scenarios[1].GetProperty("passed").GetBoolean());
        Assert.Equal("system-off", scenarios[1].GetProperty("run").GetProperty("exit").GetProperty("reason").GetString());
        Assert.Contains(scenarios[0].GetProperty("checks").EnumerateArray(), c => c.GetProperty("check").GetString() == "uart_contains" && !c.GetProperty("passed").GetBoolean());
    }

    [Fact]
    public void All_passing_exits_0()
    {
        using var temp = new TempDirectory();
        string passing = WriteScenario(temp, "a.json", "greets", "PSCI version 1.1");

        ProcessResult r = EmulatorProcess.Run("check", passing);

        Assert.Equal(0, r.ExitCode);
        Assert.EndsWith("1 passed, 0 failed\n", r.Stdout);
    }

    [Fact]
    public void A_bad_scenario_file_is_one_line_naming_file_and_field_status_2_and_nothing_runs()
    {
        using var temp = new TempDirectory();
        string good = WriteScenario(temp, "a.json", "greets", "Hello");
        string bad = temp.Write("bad.json", Encoding.UTF8.GetBytes("""{ "name": "x", "description": "d", "image": "nope.elf", "frames": 1, "expect": { "exit": { "status": 0 } } }"""));

        ProcessResult r = EmulatorProcess.Run("check", good, bad);

        Assert.Equal(2, r.ExitCode);
        Assert.Equal(string.Empty, r.Stdout);
        string line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"emulator: error: {bad}: image: nope.elf: no such file", line);
    }

    [Theory]
    [InlineData("no scenario files given")]
    [InlineData("--jobs")]
    public void Usage_errors_exit_2(string expected)
    {
        string[] args = expected == "--jobs" ? ["check", "x.json", "--jobs", "0"] : ["check"];
        ProcessResult r = EmulatorProcess.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Stderr.Split('\n')[0]);
    }
}

using System.Text.Json;
using Emulator.Host.Tests.EndToEnd;

namespace Emulator.Host.Tests.Robustness;

/// <summary>
/// Runs every case of <see cref="MalformedInputs"/> through the real program, as a user would,
/// with --report and --record: exit status 2, nothing on standard output, exactly one error line
/// on standard error naming the file or option at fault and what is wrong (System.CommandLine's
/// "Try 'emulator --help'" hint may follow it), the report written with exit.reason "error", and
/// nothing else left behind that could pass for output: no recording directory, no stray or
/// temporary files. Every case fails before the guest runs, so each run is short.
/// </summary>
public sealed class MalformedInputCorpusTests
{
    private const string HelpHint = "Try 'emulator --help'";

    public static TheoryData<string> Cases => [.. MalformedInputs.All.Keys.Order(StringComparer.Ordinal)];

    [Fact]
    public void Corpus_has_at_least_50_cases_with_those_of_BadInputTests()
    {
        const int badInputTestsCases = 19; // 7 images, 7 option values and 5 single cases there
        Assert.True(MalformedInputs.All.Count + badInputTestsCases >= 50, $"{MalformedInputs.All.Count} + {badInputTestsCases}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_input_is_one_error_line_status_2_an_error_report_and_no_output_files(string name)
    {
        using var temp = new TempDirectory();
        MalformedInput input = MalformedInputs.All[name](temp);
        string report = temp.File("report.json");
        string record = temp.File("recording");
        var before = Directory.GetFileSystemEntries(temp.Path).ToHashSet();

        var args = new List<string> { "run" };
        if (input.WritesReport)
            args.AddRange(["--report", report]);
        if (input.AddsRecord)
            args.AddRange(["--record", record]);
        args.AddRange(input.Args.Skip(1));
        ProcessResult r;
        try
        {
            r = EmulatorProcess.Run([.. args]);
        }
        finally
        {
            foreach (string entry in before.Where(e => File.Exists(e) && new FileInfo(e).LinkTarget is null))
            {
                if (!OperatingSystem.IsWindows())
                    File.SetUnixFileMode(entry, UnixFileMode.UserRead | UnixFileMode.UserWrite); // so the scratch directory can go
            }
        }

        string[] lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string[] errors = [.. lines.Where(l => !l.StartsWith(HelpHint, StringComparison.Ordinal))];
        string context = $"{name}: {string.Join(' ', args)}\nstatus {r.ExitCode}\nstderr:\n{r.Stderr}";
        Assert.True(r.ExitCode == 2, context);
        Assert.True(r.Stdout.Length == 0, context);
        Assert.True(errors.Length == 1, context);
        Assert.True(errors[0].StartsWith("emulator: error: ", StringComparison.Ordinal), context);
        Assert.True(errors[0].Contains(input.Names, StringComparison.Ordinal), $"the line does not name '{input.Names}'\n{context}");
        Assert.True(errors[0].Contains(input.What, StringComparison.OrdinalIgnoreCase), $"the line does not say '{input.What}'\n{context}");
        Assert.True(lines.Length == errors.Length || lines.Length == 2, context);

        var after = Directory.GetFileSystemEntries(temp.Path).ToHashSet();
        after.ExceptWith(before);
        if (input.WritesReport)
        {
            Assert.True(after.SetEquals([report]), $"left behind: {string.Join(", ", after)}\n{context}");
            JsonElement json = EmulatorProcess.ReadReport(report);
            JsonElement exit = json.GetProperty("exit");
            Assert.Equal("error", exit.GetProperty("reason").GetString());
            Assert.Equal(2, exit.GetProperty("status").GetInt32());
            Assert.Equal(0UL, json.GetProperty("instructions").GetUInt64());
            Assert.False(string.IsNullOrEmpty(exit.GetProperty("message").GetString()));
        }
        else
        {
            Assert.True(after.Count == 0, $"left behind: {string.Join(", ", after)}\n{context}");
        }
    }
}

using System.CommandLine;
using System.Globalization;
using Emulator.Host.Cli;

namespace Emulator.Host.Scenarios;

/// <summary>The `emulator run` command line a scenario stands for.</summary>
public static class ScenarioCommandLine
{
    /// <summary>
    /// <c>run IMAGE --display headless --policy P [--cache C] [--append A] [--initrd F] [--frames N]
    /// [--max-instructions N] OPTIONS... --report REPORT</c>.
    /// </summary>
    public static IReadOnlyList<string> Arguments(Scenario scenario, string reportPath)
    {
        var args = new List<string> { "run", scenario.ImagePath, "--display", "headless", "--policy", scenario.Policy };
        if (scenario.Cache is not null)
            args.AddRange(["--cache", scenario.Cache]);
        if (scenario.Append is not null)
            args.AddRange(["--append", scenario.Append]);
        if (scenario.InitrdPath is not null)
            args.AddRange(["--initrd", scenario.InitrdPath]);
        if (scenario.Frames is ulong frames)
            args.AddRange(["--frames", frames.ToString(CultureInfo.InvariantCulture)]);
        if (scenario.MaxInstructions is ulong max)
            args.AddRange(["--max-instructions", max.ToString(CultureInfo.InvariantCulture)]);
        args.AddRange(scenario.Options);
        if (scenario.Expect.DominantCause is not null && !scenario.Options.Contains("--explain"))
            args.Add("--explain");
        args.AddRange(["--quiet", "--report", reportPath]); // no summary: the last line of stderr stays the error
        return args;
    }

    /// <summary>The first error `emulator run`'s parser finds in <paramref name="args"/>, or null.</summary>
    public static string? FirstParseError(IReadOnlyList<string> args)
    {
        var root = new RootCommand { RunCommand.Create() };
        ParseResult parse = root.Parse([.. args]);
        return parse.Errors.Count == 0 ? null : ScenarioLoader.FirstLine(parse.Errors[0].Message);
    }

    /// <summary>The command line as a shell would take it (for messages and the summary report).</summary>
    public static string Quote(IEnumerable<string> args) =>
        string.Join(' ', args.Select(a => a.Length > 0 && a.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@".Contains(c)) ? a : "'" + a.Replace("'", "'\\''") + "'"));
}

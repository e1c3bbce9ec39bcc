using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Emulator.Host.Reporting;
using Emulator.Host.Scenarios;

namespace Emulator.Host.Cli;

/// <summary>
/// `emulator check FILE... [--jobs N] [--report FILE]`: runs scenario files (README, "Scenarios and
/// `emulator check`") as child `emulator run` processes in parallel, prints one line per scenario
/// with the figure that decided it, in the order given, then "N passed, N failed". Exit status 0
/// when all pass, 1 when any fails, 2 for bad usage or a bad scenario file (nothing is run then).
/// </summary>
public static class CheckCommand
{
    private static readonly Argument<string[]> Files = new("FILE")
    {
        Description = "Scenario files (JSON), or directories standing for the *.json files in them",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static readonly Option<int> Jobs = new("--jobs", "-j")
    {
        Description = "Scenarios run at the same time (default: the number of cores)",
        HelpName = "N",
        DefaultValueFactory = _ => Environment.ProcessorCount,
        CustomParser = ParseJobs,
    };

    private static readonly Option<string?> Report = new("--report")
    {
        Description = "Write a JSON summary: every scenario's verdict, its figures and its run report",
        HelpName = "FILE.json",
    };

    public static Command Create()
    {
        var command = new Command("check", "Run scenario files and check their expectations (stale pixels, exit, UART output, frame hash, report figures)");
        command.Arguments.Add(Files);
        command.Options.Add(Jobs);
        command.Options.Add(Report);
        command.SetAction(parse => Execute(parse.GetValue(Files) ?? [], parse.GetValue(Jobs), parse.GetValue(Report)));
        return command;
    }

    /// <summary>Runs the check; the launcher defaults to this very program.</summary>
    public static int Execute(IReadOnlyList<string> files, int jobs, string? reportPath, EmulatorLauncher? launcher = null, TextWriter? output = null)
    {
        output ??= Console.Out;
        if (files.Count == 0)
            return Usage("check: no scenario files given (usage: emulator check FILE... [--jobs N] [--report FILE.json])");
        if (reportPath is not null && Path.GetDirectoryName(Path.GetFullPath(reportPath)) is { } dir && !Directory.Exists(dir))
            return Usage($"--report {reportPath}: directory {dir} does not exist");
        var errors = new List<string>();
        ScenarioBatch? batch = ScenarioBatch.Load(files, errors);
        if (batch is null)
        {
            foreach (string e in errors)
                Console.Error.WriteLine($"emulator: error: {e}");
            return ExitStatus.Usage;
        }

        int width = batch.Given.Max(s => s.Name.Length);
        var runner = new ScenarioRunner(launcher ?? EmulatorLauncher.ForCurrentProcess(), jobs);
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        using var sigterm = new TerminationSignal(cancel); // SIGTERM (timeout, kill, CI cancellation) as Ctrl-C
        IReadOnlyList<ScenarioVerdict> verdicts;
        try
        {
            verdicts = batch.RunAsync(runner, v =>
            {
                output.WriteLine($"{(v.Passed ? "PASS" : "FAIL")}  {v.Scenario.Name.PadRight(width)}  {v.Figure}");
                output.Flush();
            }, cancel.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine(sigterm.Received ? "emulator: check: terminated by SIGTERM" : "emulator: check: interrupted");
            return sigterm.Received ? ExitStatus.Terminated : ExitStatus.Interrupted;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
        int passed = verdicts.Count(v => v.Passed);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{passed} passed, {verdicts.Count - passed} failed"));
        if (reportPath is not null)
            CheckSummary.WriteTo(reportPath, verdicts);
        return passed == verdicts.Count ? ExitStatus.Success : ExitStatus.GuestError;
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine($"emulator: error: {message}");
        return ExitStatus.Usage;
    }

    private static int ParseJobs(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1 || n > 256)
        {
            result.AddError($"--jobs: '{text}' is not a number of parallel runs from 1 to 256");
            return 1;
        }
        return n;
    }
}

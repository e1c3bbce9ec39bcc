using System.CommandLine;
using System.Reflection;
using Emulator.Host.Cli;
using Emulator.Host.Reporting;

namespace Emulator.Host;

public static class Program
{
    public static string Version { get; } =
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>System.CommandLine's messages, with the missing-argument one made to say what is missing.</summary>
    private static string Describe(System.CommandLine.Parsing.ParseError error) =>
        error.Message.StartsWith("Required argument missing", StringComparison.Ordinal)
            ? $"{error.Message.TrimEnd('.')}: IMAGE, the guest image to run"
            : error.Message;

    public static int Main(string[] args)
    {
        var root = new RootCommand(
            "A full-system AArch64 emulator that models caches, stage-1/stage-2 memory attributes and a VGA " +
            "framebuffer, so that cache-coherency bugs between a guest and its VMM become visible.");
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(ExplainCommand.Create());
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError error in parse.Errors)
                Console.Error.WriteLine($"emulator: error: {Describe(error)}");
            Console.Error.WriteLine("Try 'emulator --help' or 'emulator run --help' for more information.");
            string? report = RunCommand.ReportPathOf(parse);
            if (report is not null)
            {
                new RunReport { Image = string.Empty, Reason = ExitReason.Error, Status = ExitStatus.Usage, Message = Describe(parse.Errors[0]) }
                    .WriteTo(report);
            }
            return ExitStatus.Usage;
        }
        try
        {
            return parse.Invoke();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"emulator: internal error: {e.GetType().Name}: {e.Message}");
            Console.Error.WriteLine("This is a bug in the emulator, not in the guest. Please report it with the command line and the image.");
            Console.Error.WriteLine(e.StackTrace);
            return ExitStatus.Internal;
        }
    }
}

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

    /// <summary>A QEMU option with no equivalent here: one line, the report if --report was given, status 2.</summary>
    private static int QemuAliasError(string[] args, string message)
    {
        Console.Error.WriteLine($"emulator: error: {message}");
        Console.Error.WriteLine("Try 'emulator run --help' for more information (docs/cli.md lists the QEMU spellings accepted).");
        int report = Array.IndexOf(args, "--report");
        if (report >= 0 && report + 1 < args.Length)
        {
            try
            {
                new RunReport { Image = string.Empty, Reason = ExitReason.Error, Status = ExitStatus.Usage, Message = message }.WriteTo(args[report + 1]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"emulator: could not write the report {args[report + 1]}: {e.Message}");
            }
        }
        return ExitStatus.Usage;
    }

    public static int Main(string[] args)
    {
        var root = new RootCommand(
            "A full-system AArch64 emulator that models caches, stage-1/stage-2 memory attributes and a VGA " +
            "framebuffer, so that cache-coherency bugs between a guest and its VMM become visible.");
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(ExplainCommand.Create());
        if (!QemuArguments.TryRewrite(args, out string[] rewritten, out string? qemuError))
            return QemuAliasError(args, qemuError!);
        ParseResult parse = root.Parse(rewritten);
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

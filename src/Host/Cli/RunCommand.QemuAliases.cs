using System.CommandLine;

namespace Emulator.Host.Cli;

/// <summary>The options a command line (QEMU spellings included) stands for, as `emulator` would run it; for tests and tools.</summary>
public static partial class RunCommand
{
    /// <summary>
    /// Rewrites QEMU spellings (<see cref="QemuArguments"/>) and parses <paramref name="args"/> as
    /// `emulator` does; the options of the run, or null and the first error.
    /// </summary>
    internal static RunOptions? ParseRunOptions(IReadOnlyList<string> args, out string? error)
    {
        if (!QemuArguments.TryRewrite(args, out string[] rewritten, out error))
            return null;
        var root = new RootCommand { Create() };
        ParseResult parse = root.Parse(rewritten);
        if (parse.Errors.Count > 0)
        {
            error = parse.Errors[0].Message;
            return null;
        }
        return ToOptions(parse);
    }
}

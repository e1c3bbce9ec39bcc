using System.CommandLine;
using System.CommandLine.Parsing;
using Emulator.Cpu.Core;
using Emulator.Host.Board;

namespace Emulator.Host.Cli;

/// <summary>The run command's SMP options: --smp (QEMU's -smp) and --quantum. See docs/smp.md.</summary>
public static partial class RunCommand
{
    private static readonly Option<int> Smp = new("--smp")  // QEMU's -smp is rewritten to it (QemuArguments): as an alias, help would show only "-smp"
    {
        Description = $"Number of CPUs, 1 to {SmpBoard.MaxCpus} (QEMU's -smp N): CPU 0 boots, the others wait for PSCI CPU_ON",
        HelpName = "N",
        DefaultValueFactory = _ => 1,
        CustomParser = ParseSmp,
    };

    private static readonly Option<ulong> Quantum = new("--quantum")
    {
        Description = $"With several CPUs: instructions (and cycles) each CPU runs before the next one's turn",
        HelpName = "N",
        DefaultValueFactory = _ => Cluster.DefaultQuantum,
        CustomParser = ParseQuantum,
    };

    private static void AddSmpOptions(Command command)
    {
        command.Options.Add(Smp);
        command.Options.Add(Quantum);
    }

    /// <summary>N, or QEMU's "cpus=N" (other -smp topology keys are not modelled).</summary>
    private static int ParseSmp(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        string number = text.StartsWith("cpus=", StringComparison.Ordinal) ? text[5..] : text;
        if (!int.TryParse(number, global::System.Globalization.NumberStyles.None, global::System.Globalization.CultureInfo.InvariantCulture, out int cpus)
            || cpus < 1 || cpus > SmpBoard.MaxCpus)
        {
            result.AddError($"--smp: '{text}' is not a number of CPUs this board can have (1 to {SmpBoard.MaxCpus})");
            return 1;
        }
        return cpus;
    }

    private static ulong ParseQuantum(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (!ulong.TryParse(text.Replace("_", "", StringComparison.Ordinal), global::System.Globalization.NumberStyles.None, global::System.Globalization.CultureInfo.InvariantCulture, out ulong quantum)
            || quantum is 0 or > 1UL << 32)
        {
            result.AddError($"--quantum: '{text}' is not a number of instructions from 1 to {1UL << 32}");
            return Cluster.DefaultQuantum;
        }
        return quantum;
    }
}

using System.CommandLine;
using System.Globalization;
using Emulator.Host.Provenance;
using Emulator.Host.Reporting;

namespace Emulator.Host.Cli;

/// <summary>
/// `emulator explain RUN --frame N --x X --y Y`: why pixel (X, Y) of frame N of a run recorded with
/// `emulator run --record RUN` shows what it shows (docs/provenance.md). Prints the pixel's state
/// and, for a stale pixel, its cause and the chain of events. Exit status 0; 2 for a missing or
/// old recording, a frame or a pixel out of range.
/// </summary>
public static class ExplainCommand
{
    private static readonly Argument<string> Run = new("RUN") { Description = "The directory a run was recorded into (emulator run --record RUN)" };

    private static readonly Option<long> Frame = new("--frame") { Description = "Frame number (as in frames.csv, from 1)", HelpName = "N", Required = true };

    private static readonly Option<int> X = new("--x") { Description = "Pixel column, from 0", HelpName = "X", Required = true };

    private static readonly Option<int> Y = new("--y") { Description = "Pixel row, from 0", HelpName = "Y", Required = true };

    public static Command Create()
    {
        var command = new Command("explain", "Explain why a pixel of a recorded run differs from the coherent oracle (run with --record first)");
        command.Arguments.Add(Run);
        command.Options.Add(Frame);
        command.Options.Add(X);
        command.Options.Add(Y);
        command.SetAction(parse => Execute(parse.GetValue(Run)!, parse.GetValue(Frame), parse.GetValue(X), parse.GetValue(Y), Console.Out));
        return command;
    }

    public static int Execute(string run, long frame, int x, int y, TextWriter output)
    {
        if (!Directory.Exists(run))
            return Usage($"explain: {run}: no such directory (record a run with: emulator run IMAGE --record {run})");
        string directory = Path.Combine(run, ProvenanceFile.DirectoryName);
        string[] files = Directory.Exists(directory) ? Directory.GetFiles(directory, "frame-*.prov") : [];
        if (files.Length == 0)
        {
            return Usage(File.Exists(Path.Combine(run, "frames.csv"))
                ? $"explain: {run} holds frames but no provenance (recorded by an older emulator, or with --cache off): record the run again"
                : $"explain: {run} is not a recording (no {ProvenanceFile.DirectoryName}/frame-*.prov): record a run with --record {run}");
        }
        string path = ProvenanceFile.PathOf(run, frame);
        if (frame < 1 || !File.Exists(path))
        {
            Array.Sort(files, StringComparer.Ordinal);
            return Usage($"explain: --frame {frame}: not in the recording (frames {Number(files[0])} to {Number(files[^1])})");
        }
        ProvenanceFile file;
        try
        {
            file = ProvenanceFile.Read(path);
        }
        catch (InvalidDataException e)
        {
            return Usage($"explain: {e.Message}");
        }
        ProvenanceFrame f = file.Frame;
        if (x < 0 || y < 0 || x >= f.Width || y >= f.Height)
            return Usage($"explain: pixel ({x}, {y}) is outside frame {frame}, which is {f.Width}x{f.Height}");
        int i = y * f.Width + x;
        (uint shown, uint oracle) = file.Differences.TryGetValue(i, out (uint, uint) d) ? d : (0u, 0u);
        byte state = file.PixelState[i];
        PixelExplanation explanation = ProvenanceExplainer.Explain(file.History, f, x, y, state, shown, oracle);
        if (state == Devices.Vga.VgaFrame.Same)
            explanation = explanation with { Summary = explanation.Summary.Replace("shows 0x00000000, as", "shows the same value as", StringComparison.Ordinal) };
        output.WriteLine(explanation.ToString());
        return ExitStatus.Success;
    }

    private static string Number(string file) =>
        long.Parse(Path.GetFileNameWithoutExtension(file).AsSpan("frame-".Length), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);

    private static int Usage(string message)
    {
        Console.Error.WriteLine($"emulator: error: {message}");
        return ExitStatus.Usage;
    }
}

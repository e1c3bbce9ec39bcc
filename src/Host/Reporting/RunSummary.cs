using System.Globalization;

namespace Emulator.Host.Reporting;

/// <summary>
/// The short summary every run that ran prints on standard error at its end (unless --quiet):
/// how it ended, how much it ran and how fast, what the display showed, the policy, and where to
/// see more. Two lines, so that a user at a terminal sees whether the bug showed.
/// </summary>
public static class RunSummary
{
    public static void Print(TextWriter output, RunReport report, string? reportPath)
    {
        foreach (string line in Lines(report, reportPath))
            output.WriteLine(line);
        output.Flush();
    }

    /// <param name="reportPath">The --report file written, or null.</param>
    public static IReadOnlyList<string> Lines(RunReport report, string? reportPath)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        string run = string.Create(c,
            $"emulator: summary: exit {report.Reason.ToReportName()} (status {report.Status}), {report.Instructions:N0} instructions in {report.WallSeconds:F2} s ({report.Mips:F1} MIPS)");
        string policy = report.Hypervisor is { } h ? $"policy {h.Policy.Name}" : "no hypervisor";
        string display = report.Display is { } d
            ? string.Create(c, $"{d.Frames:N0} frames, {d.StalePixelsTotal:N0} stale pixels ({d.FramesWithStale:N0} frames with stale pixels, worst {d.StalePixelsMax:N0})")
            : "no display";
        string more = reportPath is not null ? $"every figure in {reportPath}; --stats for tables" : "--report FILE / --stats for more";
        return [run, $"emulator: summary: {display}, {policy}; {more}"];
    }
}

using System.Globalization;
using System.Text.Json;

namespace Emulator.Host.Scenarios;

/// <summary>
/// Judges a scenario's run against its expectations, from the run report and the captured
/// standard output alone. Before the file's own checks come two preconditions, so that a broken
/// run cannot pass by showing nothing: the run wrote a report and did not end in an error (unless
/// the file expects a particular exit), and a scenario that judges the display saw every frame it asked for.
/// </summary>
public static class ScenarioEvaluator
{
    private const string StaleTotal = "display.stale_pixels_total";
    private const string StaleMax = "display.stale_pixels_max";
    private const string FramesWithStale = "display.frames_with_stale";

    /// <param name="run">The run to judge.</param>
    /// <param name="referenceRun">The run of another scenario file (absolute path) that a below_scenario/above_scenario bound names, or null if it was not run.</param>
    public static ScenarioVerdict Evaluate(ScenarioRun run, Func<string, ScenarioRun?> referenceRun)
    {
        var checks = new List<ScenarioCheck>();
        Scenario s = run.Scenario;
        ScenarioExpectations expect = s.Expect;
        if (!RunEnded(run, checks))
            return new ScenarioVerdict(run, checks);
        JsonElement report = run.Report!.Value;

        if (expect.StalePixels is { } stale && FramesShown(run, report, checks))
        {
            string over = $"over {Figure(report, "display.frames")} frames";
            if (stale.PerFrame is { } perFrame)
                checks.Add(PerFrame(report, perFrame, over));
            if (stale.Total is { } total)
                checks.Add(Bound("stale_pixels.total", StaleTotal, total, run, referenceRun, over));
            if (stale.FramesWithStale is { } frames)
                checks.Add(Bound("stale_pixels.frames_with_stale", FramesWithStale, frames, run, referenceRun, over));
        }
        if (expect.Exit is { } exit)
            checks.Add(Exit(report, exit));
        if (expect.UartContains is { } text)
            checks.Add(Uart(run, text));
        if (expect.FinalFrameHash is ulong hash)
            checks.Add(Hash(report, hash));
        if (expect.DominantCause is { } cause)
            checks.Add(Dominant(report, cause));
        foreach (ReportFieldExpectation field in expect.Report)
            checks.Add(Bound("report." + field.Path, field.Path, field.Bound, run, referenceRun, null));
        return new ScenarioVerdict(run, checks);
    }

    /// <summary>The run wrote a report; without an exit expectation it must not have ended in an error.</summary>
    private static bool RunEnded(ScenarioRun run, List<ScenarioCheck> checks)
    {
        if (run.TimedOut)
        {
            checks.Add(new ScenarioCheck("run", false, $"timed out after {run.Scenario.TimeoutSeconds} s (wall clock; timeout_seconds)", Implicit: true));
            return false;
        }
        if (run.Report is not { } report)
        {
            checks.Add(new ScenarioCheck("run", false, $"no report: exit status {run.ExitCode}{Detail(run.LastErrorLine)}", Implicit: true));
            return false;
        }
        string reason = ReportPath.Find(report, "exit.reason")?.ToString() ?? "?";
        bool ok = run.Scenario.Expect.Exit is not null || reason != "error";
        string message = ReportPath.Find(report, "exit.message") is { ValueKind: JsonValueKind.String } m ? m.GetString()! : run.LastErrorLine ?? "";
        string status = ReportPath.Number(report, "exit.status") is double st ? Format(st) : run.ExitCode.ToString(CultureInfo.InvariantCulture);
        checks.Add(new ScenarioCheck("run", ok, $"exit {reason} status {status}{(ok ? "" : Detail(message))}", Implicit: true));
        return ok;
    }

    /// <summary>A scenario judging stale pixels must have shown frames: all it asked for with "frames", at least one otherwise.</summary>
    private static bool FramesShown(ScenarioRun run, JsonElement report, List<ScenarioCheck> checks)
    {
        double shown = ReportPath.Number(report, "display.frames") ?? 0;
        ulong wanted = run.Scenario.Frames ?? 1;
        bool ok = shown >= wanted;
        string reason = ReportPath.Find(report, "exit.reason")?.ToString() ?? "?";
        string figure = run.Scenario.Frames is null
            ? $"{Format(shown)} frames shown (at least 1 needed; exit {reason})"
            : $"{Format(shown)} of {wanted} frames shown (exit {reason})";
        checks.Add(new ScenarioCheck("display.frames", ok, figure, Implicit: true));
        return ok;
    }

    private static ScenarioCheck PerFrame(JsonElement report, PerFrameStale rule, string over)
    {
        const string Name = "stale_pixels.per_frame";
        double total = ReportPath.Number(report, StaleTotal) ?? double.NaN;
        double max = ReportPath.Number(report, StaleMax) ?? double.NaN;
        if (double.IsNaN(total) || double.IsNaN(max))
            return new ScenarioCheck(Name, false, "the report has no display.stale_pixels_total / stale_pixels_max");
        return rule.Kind switch
        {
            PerFrameStaleKind.Zero => new ScenarioCheck(Name, total == 0,
                total == 0 ? $"stale_pixels_total 0 {over}" : $"stale_pixels_total {Format(total)}, expected 0 {over} (worst frame {Format(max)})"),
            PerFrameStaleKind.Max => new ScenarioCheck(Name, max <= rule.Value,
                $"stale_pixels_max {Format(max)} {(max <= rule.Value ? "<=" : "is above")} {rule.Value} (total {Format(total)} {over})"),
            _ => new ScenarioCheck(Name, max >= rule.Value,
                $"stale_pixels_max {Format(max)} {(max >= rule.Value ? ">=" : "is below")} {rule.Value} on some frame (total {Format(total)} {over})"),
        };
    }

    /// <summary>Checks one figure against min/max/equals and the same figure of other scenarios' runs.</summary>
    private static ScenarioCheck Bound(string name, string path, NumberBound bound, ScenarioRun run, Func<string, ScenarioRun?> referenceRun, string? over)
    {
        string label = path.StartsWith("display.", StringComparison.Ordinal) ? path["display.".Length..] : path;
        string suffix = over is null ? "" : $" ({over})";
        if (ReportPath.Number(run.Report!.Value, path) is not double value)
            return new ScenarioCheck(name, false, $"the report has no number at {path}");
        var held = new List<string>();
        string? failed = null;
        void Rule(bool ok, string rule)
        {
            if (ok)
                held.Add(rule);
            else
                failed ??= rule;
        }
        if (bound.Min is double min)
            Rule(value >= min, $">= {Format(min)}");
        if (bound.Max is double max)
            Rule(value <= max, $"<= {Format(max)}");
        if (bound.EqualTo is double equal)
            Rule(value == equal, $"== {Format(equal)}");
        foreach ((string? file, bool below) in new[] { (bound.BelowScenario, true), (bound.AboveScenario, false) })
        {
            if (file is null)
                continue;
            ScenarioRun? other = referenceRun(file);
            double? theirs = other?.Report is { } r ? ReportPath.Number(r, path) : null;
            string who = other?.Scenario.Name ?? Path.GetFileName(file);
            if (theirs is not double t)
            {
                failed ??= $"comparable: {who} has no {path}{Detail(other?.LastErrorLine)}";
                continue;
            }
            Rule(below ? value < t : value > t, $"{(below ? "<" : ">")} {Format(t)} of {who}");
        }
        string figure = failed is null
            ? $"{label} {Format(value)} {string.Join(", ", held)}{suffix}"
            : $"{label} {Format(value)} is not {failed}{suffix}";
        return new ScenarioCheck(name, failed is null, figure);
    }

    /// <summary>The report's provenance.dominant_cause (a run with no display frame has none: "none").</summary>
    private static ScenarioCheck Dominant(JsonElement report, string expected)
    {
        string got = ReportPath.Find(report, "provenance.dominant_cause") is { ValueKind: JsonValueKind.String } d ? d.GetString()!
            : ReportPath.Find(report, "display") is null || ReportPath.Number(report, "display.frames") == 0 ? "none" : "(no provenance section)";
        string counts = ReportPath.Find(report, "provenance.stale_pixels_by_cause") is { ValueKind: JsonValueKind.Object } byCause
            ? string.Join(", ", byCause.EnumerateObject().Where(p => p.Value.GetDouble() > 0).Select(p => $"{p.Name} {Format(p.Value.GetDouble())}"))
            : "";
        bool ok = got == expected;
        string detail = counts.Length > 0 ? $" ({counts})" : "";
        return new ScenarioCheck("dominant_cause", ok, ok ? $"dominant_cause {got}{detail}" : $"dominant_cause {got}, expected {expected}{detail}");
    }

    private static ScenarioCheck Exit(JsonElement report, ExitExpectation expected)
    {
        string reason = ReportPath.Find(report, "exit.reason")?.ToString() ?? "?";
        double status = ReportPath.Number(report, "exit.status") ?? -1;
        bool ok = (expected.Reason is null || expected.Reason == reason) && (expected.Status is null || expected.Status == status);
        string want = string.Join(' ', new[] { expected.Reason, expected.Status is int st ? $"status {st}" : null }.Where(x => x is not null));
        string figure = ok ? $"exit {reason} status {Format(status)}" : $"exit {reason} status {Format(status)}, expected {want}";
        return new ScenarioCheck("exit", ok, figure);
    }

    private static ScenarioCheck Uart(ScenarioRun run, string text)
    {
        bool ok = run.Stdout.Contains(text, StringComparison.Ordinal);
        string firstLine = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.TrimEnd('\r') ?? "";
        string figure = ok
            ? $"uart contains \"{text}\""
            : $"uart lacks \"{text}\" ({run.Stdout.Length} bytes of output{(firstLine.Length > 0 ? $", first line \"{Shorten(firstLine)}\"" : "")})";
        return new ScenarioCheck("uart_contains", ok, figure);
    }

    private static ScenarioCheck Hash(JsonElement report, ulong expected)
    {
        string want = $"0x{expected:x16}";
        string? got = ReportPath.Find(report, "display.last_frame_hash") is { ValueKind: JsonValueKind.String } h ? h.GetString() : null;
        ulong? value = got is not null && got.StartsWith("0x", StringComparison.Ordinal) &&
            ulong.TryParse(got.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong v) ? v : null;
        bool ok = value == expected;
        string figure = ok ? $"final_frame_hash {want}" : $"final_frame_hash {got ?? "null"}, expected {want}";
        return new ScenarioCheck("final_frame_hash", ok, figure);
    }

    private static string Figure(JsonElement report, string path) => ReportPath.Number(report, path) is double v ? Format(v) : "?";

    private static string Format(double v) => ScenarioJson.Format(v);

    private static string Detail(string? message) => string.IsNullOrWhiteSpace(message) ? "" : $": {Shorten(message)}";

    private static string Shorten(string text) => text.Length > 100 ? string.Concat(text.AsSpan(0, 97), "...") : text;
}

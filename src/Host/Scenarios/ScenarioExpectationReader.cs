using System.Globalization;
using System.Text.Json;

namespace Emulator.Host.Scenarios;

/// <summary>Reads and validates a scenario's "expect" object.</summary>
internal static class ScenarioExpectationReader
{
    private static readonly string[] ExpectFields = ["stale_pixels", "exit", "uart_contains", "final_frame_hash", "report", "dominant_cause"];
    private static readonly string[] StaleFields = ["per_frame", "total", "frames_with_stale"];
    private static readonly string[] BoundFields = ["min", "max", "equals", "below_scenario", "above_scenario"];
    private const string PerFrameForms = "\"zero\", {\"max\": N} or {\"at_least_on_some_frame\": N}";

    public static ScenarioExpectations Read(ScenarioJson r, JsonElement e, string directory)
    {
        r.RequireObject(e, "expect");
        r.CheckFields(e, "expect", ExpectFields);
        var expect = new ScenarioExpectations
        {
            StalePixels = ScenarioLoader.Optional(e, "stale_pixels") is { } s ? Stale(r, s, directory) : null,
            Exit = ScenarioLoader.Optional(e, "exit") is { } x ? Exit(r, x) : null,
            UartContains = ScenarioLoader.Optional(e, "uart_contains") is { } u ? r.NonEmptyString(u, "expect.uart_contains") : null,
            FinalFrameHash = ScenarioLoader.Optional(e, "final_frame_hash") is { } h ? Hash(r, h) : null,
            Report = ScenarioLoader.Optional(e, "report") is { } rep ? Report(r, rep, directory) : [],
            DominantCause = ScenarioLoader.Optional(e, "dominant_cause") is { } dc ? Cause(r, dc) : null,
        };
        if (expect.StalePixels is null && expect.Exit is null && expect.UartContains is null && expect.FinalFrameHash is null && expect.Report.Count == 0
            && expect.DominantCause is null)
            throw r.Error("expect", $"must give at least one of {string.Join(", ", ExpectFields)} (a scenario without an expectation passes vacuously)");
        return expect;
    }

    private static string Cause(ScenarioJson r, JsonElement e)
    {
        string name = r.String(e, "expect.dominant_cause");
        if (Provenance.StaleCauses.Parse(name) is null)
            throw r.Error("expect.dominant_cause", $"unknown cause '{name}' (known: {string.Join(", ", Provenance.StaleCauses.Names)})");
        return name;
    }

    private static StalePixelsExpectation Stale(ScenarioJson r, JsonElement e, string directory)
    {
        const string Field = "expect.stale_pixels";
        r.RequireObject(e, Field);
        r.CheckFields(e, Field, StaleFields);
        var stale = new StalePixelsExpectation
        {
            PerFrame = ScenarioLoader.Optional(e, "per_frame") is { } p ? PerFrame(r, p) : null,
            Total = ScenarioLoader.Optional(e, "total") is { } t ? Bound(r, t, Field + ".total", directory) : null,
            FramesWithStale = ScenarioLoader.Optional(e, "frames_with_stale") is { } f ? Bound(r, f, Field + ".frames_with_stale", directory) : null,
        };
        if (stale.PerFrame is null && stale.Total is null && stale.FramesWithStale is null)
            throw r.Error(Field, $"must give at least one of {string.Join(", ", StaleFields)}");
        return stale;
    }

    private static PerFrameStale PerFrame(ScenarioJson r, JsonElement e)
    {
        const string Field = "expect.stale_pixels.per_frame";
        if (e.ValueKind == JsonValueKind.String)
        {
            return e.GetString() == "zero"
                ? new PerFrameStale(PerFrameStaleKind.Zero, 0)
                : throw r.Error(Field, $"must be {PerFrameForms}, not {ScenarioJson.Describe(e)}");
        }
        if (e.ValueKind != JsonValueKind.Object)
            throw r.Error(Field, $"must be {PerFrameForms}, not {ScenarioJson.Describe(e)}");
        r.CheckFields(e, Field, "max", "at_least_on_some_frame");
        var given = e.EnumerateObject().ToList();
        if (given.Count != 1)
            throw r.Error(Field, $"must be {PerFrameForms} (exactly one of them)");
        JsonProperty p = given[0];
        long n = (long)r.Whole(p.Value, $"{Field}.{p.Name}", p.Name == "max" ? 0UL : 1UL, int.MaxValue);
        return new PerFrameStale(p.Name == "max" ? PerFrameStaleKind.Max : PerFrameStaleKind.AtLeastOnSomeFrame, n);
    }

    private static NumberBound Bound(ScenarioJson r, JsonElement e, string field, string directory)
    {
        r.RequireObject(e, field);
        r.CheckFields(e, field, BoundFields);
        var bound = new NumberBound
        {
            Min = ScenarioLoader.Optional(e, "min") is { } min ? r.Number(min, field + ".min") : null,
            Max = ScenarioLoader.Optional(e, "max") is { } max ? r.Number(max, field + ".max") : null,
            EqualTo = ScenarioLoader.Optional(e, "equals") is { } eq ? r.Number(eq, field + ".equals") : null,
            BelowScenario = ScenarioLoader.Optional(e, "below_scenario") is { } b ? Reference(r, b, field + ".below_scenario", directory) : null,
            AboveScenario = ScenarioLoader.Optional(e, "above_scenario") is { } a ? Reference(r, a, field + ".above_scenario", directory) : null,
        };
        if (bound is { Min: null, Max: null, EqualTo: null, BelowScenario: null, AboveScenario: null })
            throw r.Error(field, $"must give at least one of {string.Join(", ", BoundFields)}");
        if (bound is { Min: { } lo, Max: { } hi } && lo > hi)
            throw r.Error(field, $"min {ScenarioJson.Format(lo)} is above max {ScenarioJson.Format(hi)}: nothing can pass");
        return bound;
    }

    /// <summary>Another scenario file, relative to this one; it must exist (it is loaded and run beside this one).</summary>
    private static string Reference(ScenarioJson r, JsonElement e, string field, string directory)
    {
        string given = r.NonEmptyString(e, field);
        string full = Path.GetFullPath(Path.Combine(directory, given));
        if (!File.Exists(full))
            throw r.Error(field, $"{given}: no such scenario file (looked for {full})");
        if (string.Equals(full, Path.GetFullPath(r.File), StringComparison.Ordinal))
            throw r.Error(field, "a scenario cannot be compared with itself");
        return full;
    }

    private static ExitExpectation Exit(ScenarioJson r, JsonElement e)
    {
        r.RequireObject(e, "expect.exit");
        r.CheckFields(e, "expect.exit", "reason", "status");
        string? reason = ScenarioLoader.Optional(e, "reason") is { } re ? r.String(re, "expect.exit.reason") : null;
        if (reason is not null && !ScenarioLoader.ExitReasonNames.Contains(reason))
            throw r.Error("expect.exit.reason", $"unknown exit reason '{reason}' (known: {string.Join(", ", ScenarioLoader.ExitReasonNames)})");
        int? status = ScenarioLoader.Optional(e, "status") is { } st ? (int)r.Whole(st, "expect.exit.status", 0, 255) : null;
        if (reason is null && status is null)
            throw r.Error("expect.exit", "must give reason, status or both");
        return new ExitExpectation(reason, status);
    }

    private static ulong Hash(ScenarioJson r, JsonElement e)
    {
        string text = r.String(e, "expect.final_frame_hash");
        if (!text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || text.Length is < 3 or > 18 ||
            !ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong hash))
        {
            throw r.Error("expect.final_frame_hash", $"must be \"0x\" and 1 to 16 hex digits (as the report's display.last_frame_hash), not {ScenarioJson.Describe(e)}");
        }
        return hash;
    }

    private static IReadOnlyList<ReportFieldExpectation> Report(ScenarioJson r, JsonElement e, string directory)
    {
        r.RequireObject(e, "expect.report");
        var list = new List<ReportFieldExpectation>();
        foreach (JsonProperty p in e.EnumerateObject())
        {
            string field = $"expect.report.{p.Name}";
            if (p.Name.Length == 0 || p.Name.Split('.').Any(s => s.Length == 0))
                throw r.Error(field, "must be a dotted path into the run report, e.g. cache.host.l1d.misses");
            list.Add(new ReportFieldExpectation(p.Name, Bound(r, p.Value, field, directory)));
        }
        if (list.Count == 0)
            throw r.Error("expect.report", "must bound at least one report field");
        return list;
    }
}

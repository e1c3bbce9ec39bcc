using System.Text.Json;
using System.Text.RegularExpressions;
using Emulator.Host.Hypervisor.Policies;
using Emulator.Host.Reporting;
using Emulator.Mmu.Caches;

namespace Emulator.Host.Scenarios;

/// <summary>
/// Reads and validates scenario files. Every problem is a <see cref="ScenarioException"/> with a
/// one-line message naming the file and the field. JSON comments and trailing commas are allowed;
/// unknown fields are errors.
/// </summary>
public static partial class ScenarioLoader
{
    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly string[] TopFields =
        ["name", "description", "image", "initrd", "append", "policy", "cache", "options", "frames", "max_instructions", "timeout_seconds", "expect", "mutation"];

    private static readonly string[] MutationFields = ["image", "append", "policy", "cache", "options"];

    /// <summary>Options a scenario sets through its own fields (or that check itself sets), so "options" may not give them.</summary>
    private static readonly string[] ReservedOptions =
        ["--report", "--display", "--record", "--policy", "--cache", "--append", "--frames", "--max-instructions", "--help", "-h", "-?"];

    /// <summary>Loads the scenario at <paramref name="path"/> (relative to the current directory or absolute).</summary>
    public static Scenario Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ScenarioException($"{path}: cannot read the scenario: {FirstLine(e.Message)}");
        }
        return Parse(text, path);
    }

    /// <summary>Parses scenario JSON; <paramref name="path"/> names the file, and relative paths inside are resolved against its directory.</summary>
    public static Scenario Parse(string json, string path)
    {
        var r = new ScenarioJson(path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, JsonOptions);
        }
        catch (JsonException e)
        {
            string detail = FirstLine(e.Message);
            int cut = detail.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0)
                detail = detail[..cut];
            throw new ScenarioException($"{path}: invalid JSON at line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}: {detail.TrimEnd('.', ' ')}");
        }
        using (document)
        {
            return Read(r, document.RootElement, path);
        }
    }

    private static Scenario Read(ScenarioJson r, JsonElement root, string path)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw r.Error("(top level)", $"must be a JSON object, not {ScenarioJson.Describe(root)}");
        r.CheckFields(root, "", TopFields);
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;

        string name = r.NonEmptyString(Required(r, root, "name"), "name");
        if (!NamePattern().IsMatch(name))
            throw r.Error("name", $"'{name}' must be letters, digits, '-', '.' or '_' (it is printed as one word)");
        string description = Description(r, Required(r, root, "description"));
        string image = Image(r, Required(r, root, "image"), "image", directory);
        ulong? frames = Optional(root, "frames") is { } f ? r.Whole(f, "frames", 1, 1_000_000) : null;
        ulong? maxInstructions = Optional(root, "max_instructions") is { } m ? r.Whole(m, "max_instructions", 1, ulong.MaxValue) : null;
        if (frames is null && maxInstructions is null)
            throw r.Error("frames", "a scenario must end: give frames, max_instructions or both");

        var scenario = new Scenario
        {
            Name = name,
            Description = description,
            FilePath = Path.GetFullPath(path),
            DisplayPath = path,
            ImagePath = image,
            Append = Optional(root, "append") is { } a ? r.String(a, "append") : null,
            InitrdPath = Optional(root, "initrd") is { } rd ? Image(r, rd, "initrd", directory) : null,
            Policy = Optional(root, "policy") is { } p ? Policy(r, p, "policy") : CoherencyPolicies.DefaultName,
            Cache = Optional(root, "cache") is { } c ? Cache(r, c, "cache", directory) : null,
            Options = Optional(root, "options") is { } o ? Options(r, o, "options") : [],
            Frames = frames,
            MaxInstructions = maxInstructions,
            TimeoutSeconds = Optional(root, "timeout_seconds") is { } t ? (int)r.Whole(t, "timeout_seconds", 1, 3600) : Scenario.DefaultTimeoutSeconds,
            Expect = ScenarioExpectationReader.Read(r, Required(r, root, "expect"), directory),
            Mutation = Optional(root, "mutation") is { } mu ? Mutation(r, mu, directory) : null,
        };
        CheckCommandLine(r, scenario, "options");
        if (scenario.Mutated() is { } mutated)
            CheckCommandLine(r, mutated, "mutation");
        return scenario;
    }

    private static ScenarioMutation Mutation(ScenarioJson r, JsonElement e, string directory)
    {
        r.RequireObject(e, "mutation");
        r.CheckFields(e, "mutation", MutationFields);
        var parts = new List<string>();
        foreach (JsonProperty p in e.EnumerateObject())
            parts.Add(p.Value.ValueKind == JsonValueKind.Array ? $"{p.Name} {string.Join(' ', p.Value.EnumerateArray().Select(v => v.ToString()))}" : $"{p.Name} {p.Value}");
        if (parts.Count == 0)
            throw r.Error("mutation", $"must replace at least one of {string.Join(", ", MutationFields)}");
        return new ScenarioMutation
        {
            ImagePath = Optional(e, "image") is { } i ? Image(r, i, "mutation.image", directory) : null,
            Append = Optional(e, "append") is { } a ? r.String(a, "mutation.append") : null,
            Policy = Optional(e, "policy") is { } p2 ? Policy(r, p2, "mutation.policy") : null,
            Cache = Optional(e, "cache") is { } c ? Cache(r, c, "mutation.cache", directory) : null,
            Options = Optional(e, "options") is { } o ? Options(r, o, "mutation.options") : null,
            Summary = string.Join(", ", parts),
        };
    }

    /// <summary>A string, or an array of strings joined with spaces (long texts read better as lines).</summary>
    private static string Description(ScenarioJson r, JsonElement e)
    {
        string text = e.ValueKind == JsonValueKind.Array
            ? string.Join(' ', r.StringArray(e, "description").Select(s => s.Trim()))
            : r.String(e, "description");
        if (text.Trim().Length == 0)
            throw r.Error("description", "must say what upstream discussion the scenario reproduces and why its outcome follows from the architecture");
        return text.Trim();
    }

    /// <summary>
    /// A file relative to the scenario. <c>${NAME}</c> stands for the environment variable NAME
    /// (e.g. <c>${EMULATOR_LINUX}/Image</c> for a kernel built outside the repository); an unset
    /// one is an error naming it.
    /// </summary>
    private static string Image(ScenarioJson r, JsonElement e, string field, string directory)
    {
        string given = r.NonEmptyString(e, field);
        string expanded = EnvironmentReference().Replace(given, m =>
            Environment.GetEnvironmentVariable(m.Groups[1].Value) is { Length: > 0 } value
                ? value
                : throw r.Error(field, $"{given}: environment variable {m.Groups[1].Value} is not set{(m.Groups[1].Value == "EMULATOR_LINUX" ? " (set it to the directory samples/linux/build.sh prints)" : "")}"));
        string full = Path.GetFullPath(Path.Combine(directory, expanded));
        if (!File.Exists(full))
            throw r.Error(field, $"{given}: no such file (looked for {full}){LinuxBuildHint(given)}");
        return full;
    }

    /// <summary>For a missing file under <c>${EMULATOR_LINUX}</c>: which samples/linux/build.sh call makes it.</summary>
    private static string LinuxBuildHint(string given) =>
        given.Contains("${EMULATOR_LINUX}/", StringComparison.Ordinal)
            ? " (samples/linux/build.sh builds the files there, build.sh --variant NAME those in NAME/)"
            : "";

    private static string Policy(ScenarioJson r, JsonElement e, string field)
    {
        string name = r.String(e, field);
        if (CoherencyPolicies.Find(name) is null)
            throw r.Error(field, $"unknown policy '{name}' (known: {CoherencyPolicies.Names})");
        return name;
    }

    /// <summary>A preset name or "off" as given; anything else is a cache JSON file relative to the scenario, checked now.</summary>
    private static string Cache(ScenarioJson r, JsonElement e, string field, string directory)
    {
        string given = r.NonEmptyString(e, field);
        if (string.Equals(given, "off", StringComparison.OrdinalIgnoreCase) || CachePresets.Find(given) is not null)
            return given;
        string full = Path.GetFullPath(Path.Combine(directory, given));
        if (!File.Exists(full))
            throw r.Error(field, $"'{given}' is neither a preset ({string.Join(", ", CachePresets.Names)}), 'off', nor an existing file (looked for {full})");
        try
        {
            CacheConfigJson.LoadFile(full);
        }
        catch (CacheConfigException x)
        {
            throw r.Error(field, FirstLine(x.Message));
        }
        return full;
    }

    private static IReadOnlyList<string> Options(ScenarioJson r, JsonElement e, string field)
    {
        IReadOnlyList<string> options = r.StringArray(e, field);
        foreach (string o in options)
        {
            foreach (string reserved in ReservedOptions)
            {
                if (o == reserved || o.StartsWith(reserved + "=", StringComparison.Ordinal) || o.StartsWith(reserved + ":", StringComparison.Ordinal))
                    throw r.Error(field, $"{reserved} is set by the scenario's own fields or by check, not by options");
            }
        }
        return options;
    }

    /// <summary>Parses the child's command line with `emulator run`'s own parser, so a bad option fails now, naming the scenario.</summary>
    private static void CheckCommandLine(ScenarioJson r, Scenario scenario, string field)
    {
        IReadOnlyList<string> args = ScenarioCommandLine.Arguments(scenario, Path.Combine(Path.GetTempPath(), "report.json"));
        string? problem = ScenarioCommandLine.FirstParseError(args);
        if (problem is not null)
            throw r.Error(field, problem);
    }

    private static JsonElement Required(ScenarioJson r, JsonElement parent, string name) =>
        parent.TryGetProperty(name, out JsonElement e) ? e : throw r.Error(name, "missing (required)");

    internal static JsonElement? Optional(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out JsonElement e) && e.ValueKind != JsonValueKind.Null ? e : null;

    internal static string FirstLine(string text)
    {
        int end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }

    /// <summary>The report spellings of every exit reason.</summary>
    internal static IReadOnlyList<string> ExitReasonNames { get; } =
        [.. Enum.GetValues<ExitReason>().Select(e => e.ToReportName()).Distinct()];

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex EnvironmentReference();
}

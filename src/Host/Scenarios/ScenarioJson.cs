using System.Globalization;
using System.Text.Json;

namespace Emulator.Host.Scenarios;

/// <summary>
/// Typed reads of scenario JSON values, each failing with a <see cref="ScenarioException"/> that
/// names the file and the dotted field ("a.json: expect.exit.status: must be a whole number, not "x"").
/// </summary>
internal readonly struct ScenarioJson(string file)
{
    public string File => file;

    public ScenarioException Error(string field, string problem) => ScenarioException.Field(file, field, problem);

    public void RequireObject(JsonElement e, string field)
    {
        if (e.ValueKind != JsonValueKind.Object)
            throw Error(field, $"must be a JSON object, not {Describe(e)}");
    }

    /// <summary>Rejects fields not in <paramref name="known"/> (they are usually typos).</summary>
    public void CheckFields(JsonElement e, string prefix, params string[] known)
    {
        foreach (JsonProperty p in e.EnumerateObject())
        {
            if (Array.IndexOf(known, p.Name) < 0)
                throw Error(Join(prefix, p.Name), $"unknown field (known: {string.Join(", ", known)})");
        }
    }

    public string String(JsonElement e, string field)
    {
        if (e.ValueKind != JsonValueKind.String)
            throw Error(field, $"must be a string, not {Describe(e)}");
        return e.GetString()!;
    }

    public string NonEmptyString(JsonElement e, string field)
    {
        string s = String(e, field);
        if (s.Trim().Length == 0)
            throw Error(field, "must not be empty");
        return s;
    }

    public IReadOnlyList<string> StringArray(JsonElement e, string field)
    {
        if (e.ValueKind != JsonValueKind.Array)
            throw Error(field, $"must be an array of strings, not {Describe(e)}");
        var list = new List<string>();
        int i = 0;
        foreach (JsonElement item in e.EnumerateArray())
            list.Add(String(item, $"{field}[{i++}]"));
        return list;
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public ulong Whole(JsonElement e, string field, ulong min, ulong max)
    {
        if (e.ValueKind != JsonValueKind.Number || !e.TryGetUInt64(out ulong v))
            throw Error(field, $"must be a whole number, not {Describe(e)}");
        if (v < min || v > max)
            throw Error(field, $"must be from {min} to {max}, not {v}");
        return v;
    }

    public double Number(JsonElement e, string field)
    {
        if (e.ValueKind != JsonValueKind.Number || !e.TryGetDouble(out double v) || !double.IsFinite(v))
            throw Error(field, $"must be a number, not {Describe(e)}");
        return v;
    }

    public static string Join(string prefix, string name) => prefix.Length == 0 ? name : $"{prefix}.{name}";

    /// <summary>A JSON value in a message: its kind, and short values themselves.</summary>
    public static string Describe(JsonElement e)
    {
        string text = e.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.Null => "null",
            _ => e.GetRawText(),
        };
        return text.Length > 40 ? string.Concat(text.AsSpan(0, 37), "...") : text;
    }

    public static string Format(double v) => v.ToString(v == Math.Floor(v) && Math.Abs(v) < 1e15 ? "F0" : "G6", CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Text.Json;

namespace Emulator.Host.Scenarios;

/// <summary>
/// Dotted paths into a run report. Some report names contain dots themselves (the cache called
/// "host.l1d"), so each step takes the longest run of path segments that names a property:
/// "cache.host.l1d.misses" is cache → "host.l1d" → misses. A segment that is a decimal index
/// selects an array element: "cpus.per_cpu.1.instructions" is CPU 1's count.
/// </summary>
public static class ReportPath
{
    public static JsonElement? Find(JsonElement root, string path) => Find(root, path.Split('.'), 0);

    /// <summary>The number at <paramref name="path"/>, or null when it is absent or not a number.</summary>
    public static double? Number(JsonElement root, string path) =>
        Find(root, path) is { ValueKind: JsonValueKind.Number } e && e.TryGetDouble(out double v) ? v : null;

    private static JsonElement? Find(JsonElement element, string[] segments, int start)
    {
        if (start == segments.Length)
            return element;
        if (element.ValueKind == JsonValueKind.Array)
            return int.TryParse(segments[start], NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index < element.GetArrayLength()
                ? Find(element[index], segments, start + 1)
                : null;
        if (element.ValueKind != JsonValueKind.Object)
            return null;
        for (int end = segments.Length; end > start; end--)
        {
            string name = string.Join('.', segments, start, end - start);
            if (element.TryGetProperty(name, out JsonElement child) && Find(child, segments, end) is { } found)
                return found;
        }
        return null;
    }
}

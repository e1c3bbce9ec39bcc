using System.Globalization;
using System.Text.Json;

namespace Emulator.Mmu.Caches;

/// <summary>
/// Reads a custom hierarchy from JSON. Every error is a <see cref="CacheConfigException"/> whose
/// one-line message names the file and the field ("my.json: l2.ways: must be from 1 to 1024, not 0").
/// <code>
/// {
///   "name": "my-core",                 // optional, default the file name
///   "line_size": 64,                   // optional, default 64; levels may repeat it
///   "memory_latency": 150,             // optional
///   "zva_block_size": 64,              // optional, DC ZVA block in bytes
///   "seed": 1,                         // optional, random replacement seed
///   "l1i_vipt": false,                 // optional, CTR_EL0.L1Ip
///   "l1d": { "size": "32K", "ways": 4, "replacement": "lru", "latency": 4 },
///   "l1i": { "size": "32K", "ways": 2 },
///   "l2":  { "size": "1M",  "ways": 16, "replacement": "plru", "latency": 15 },
///   "l3":  null,                       // optional system cache
///   "host_l1d": null,                  // optional, default the same as l1d
///   "core": { "multiply": 3, "divide": 12, "mispredict_penalty": 15 } // optional timing profile
/// }
/// </code>
/// Sizes are numbers of bytes or strings with a K, M or G suffix; replacement is lru, plru or random.
/// Comments and trailing commas are allowed; unknown fields are errors (they are usually typos).
/// </summary>
public static class CacheConfigJson
{
    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static CacheHierarchyConfig LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CacheConfigException($"{path}: cannot read cache configuration: {e.Message}");
        }
        return Parse(text, path);
    }

    /// <summary>Parses JSON text; <paramref name="source"/> names it in error messages.</summary>
    public static CacheHierarchyConfig Parse(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            string detail = FirstLine(e.Message);
            int cut = detail.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0)
                detail = detail[..cut];
            throw new CacheConfigException($"{source}: invalid JSON at line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}: {detail.TrimEnd('.', ' ')}");
        }
        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Error(source, "(top level)", "must be a JSON object");
            CheckFields(source, "", root, "name", "line_size", "memory_latency", "zva_block_size", "seed", "l1i_vipt", "l1d", "l1i", "l2", "l3", "host_l1d", "core");

            string name = root.TryGetProperty("name", out JsonElement n) ? String(source, "name", n) : Path.GetFileNameWithoutExtension(source);
            int lineSize = root.TryGetProperty("line_size", out JsonElement ls) ? Int(source, "line_size", ls) : 64;
            CacheLevelConfig l1d = Level(source, root, "l1d", lineSize, required: true)!;
            CacheLevelConfig l1i = Level(source, root, "l1i", lineSize, required: true)!;
            CacheLevelConfig l2 = Level(source, root, "l2", lineSize, required: true)!;
            CacheLevelConfig? l3 = Level(source, root, "l3", lineSize, required: false);
            CacheLevelConfig? host = Level(source, root, "host_l1d", lineSize, required: false);

            var config = new CacheHierarchyConfig(name, l1d, l1i, l2, l3) { HostL1D = host };
            if (root.TryGetProperty("memory_latency", out JsonElement ml))
                config = config with { MemoryLatency = Int(source, "memory_latency", ml) };
            if (root.TryGetProperty("zva_block_size", out JsonElement zb))
                config = config with { ZvaBlockSize = (int)Size(source, "zva_block_size", zb) };
            if (root.TryGetProperty("seed", out JsonElement sd))
                config = config with { Seed = sd.ValueKind == JsonValueKind.Number && sd.TryGetUInt64(out ulong s) ? s : throw Error(source, "seed", "must be a non-negative integer") };
            if (root.TryGetProperty("l1i_vipt", out JsonElement vipt))
                config = config with { InstructionCacheVipt = vipt.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => throw Error(source, "l1i_vipt", "must be true or false") } };

            if (root.TryGetProperty("core", out JsonElement core))
                config = config with { Core = Core(source, core) };

            if (config.Validate() is { } error)
                throw Error(source, error.Field, error.Message);
            return config;
        }
    }

    private static CacheLevelConfig? Level(string source, JsonElement root, string field, int defaultLineSize, bool required)
    {
        if (!root.TryGetProperty(field, out JsonElement e) || e.ValueKind == JsonValueKind.Null)
            return required ? throw Error(source, field, "is required") : null;
        if (e.ValueKind != JsonValueKind.Object)
            throw Error(source, field, "must be an object such as { \"size\": \"32K\", \"ways\": 4 }");
        CheckFields(source, field + ".", e, "size", "ways", "line_size", "replacement", "latency");
        if (!e.TryGetProperty("size", out JsonElement size))
            throw Error(source, field + ".size", "is required");
        if (!e.TryGetProperty("ways", out JsonElement ways))
            throw Error(source, field + ".ways", "is required");
        long bytes = Size(source, field + ".size", size);
        if (bytes > int.MaxValue)
            throw Error(source, field + ".size", "is too large (at most 2G)");
        int lineSize = e.TryGetProperty("line_size", out JsonElement ls) ? Int(source, field + ".line_size", ls) : defaultLineSize;
        ReplacementPolicy policy = ReplacementPolicy.Lru;
        if (e.TryGetProperty("replacement", out JsonElement r))
        {
            policy = String(source, field + ".replacement", r).ToLowerInvariant() switch
            {
                "lru" => ReplacementPolicy.Lru,
                "plru" or "pseudo-lru" => ReplacementPolicy.PseudoLru,
                "random" => ReplacementPolicy.Random,
                string other => throw Error(source, field + ".replacement", $"must be lru, plru or random, not '{other}'"),
            };
        }
        int latency = e.TryGetProperty("latency", out JsonElement lat) ? Int(source, field + ".latency", lat) : 4;
        return new CacheLevelConfig((int)bytes, Int(source, field + ".ways", ways), lineSize, policy, latency);
    }

    /// <summary>The "core" object: any of the timing fields; those absent keep the default profile's values.</summary>
    private static CoreTimingConfig Core(string source, JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
            throw Error(source, "core", "must be an object such as { \"multiply\": 3, \"mispredict_penalty\": 15 }");
        CheckFields(source, "core.", e, "alu", "multiply", "divide", "branch", "load_store", "system", "barrier", "exception",
            "mispredict_penalty", "predictor_entries", "btb_entries", "return_stack", "device_access");
        int Get(string field, int fallback) => e.TryGetProperty(field, out JsonElement v) ? Int(source, "core." + field, v) : fallback;
        var d = new CoreTimingConfig();
        return new CoreTimingConfig
        {
            Alu = Get("alu", d.Alu),
            Multiply = Get("multiply", d.Multiply),
            Divide = Get("divide", d.Divide),
            Branch = Get("branch", d.Branch),
            LoadStore = Get("load_store", d.LoadStore),
            System = Get("system", d.System),
            Barrier = Get("barrier", d.Barrier),
            ExceptionEntry = Get("exception", d.ExceptionEntry),
            MispredictPenalty = Get("mispredict_penalty", d.MispredictPenalty),
            PredictorEntries = Get("predictor_entries", d.PredictorEntries),
            TargetBufferEntries = Get("btb_entries", d.TargetBufferEntries),
            ReturnStackDepth = Get("return_stack", d.ReturnStackDepth),
            DeviceAccess = Get("device_access", d.DeviceAccess),
        };
    }

    private static void CheckFields(string source, string prefix, JsonElement obj, params string[] known)
    {
        foreach (JsonProperty p in obj.EnumerateObject())
        {
            if (Array.IndexOf(known, p.Name) < 0)
                throw Error(source, prefix + p.Name, $"unknown field (expected one of: {string.Join(", ", known)})");
        }
    }

    private static int Int(string source, string field, JsonElement e) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int v) ? v : throw Error(source, field, $"must be an integer, not {Show(e)}");

    private static string String(string source, string field, JsonElement e) =>
        e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Error(source, field, $"must be a string, not {Show(e)}");

    /// <summary>A byte count: a number, or a string such as "32K", "1M", "2MiB", "0x8000".</summary>
    private static long Size(string source, string field, JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Number)
            return e.TryGetInt64(out long n) && n > 0 ? n : throw Error(source, field, $"must be a positive number of bytes, not {Show(e)}");
        if (e.ValueKind != JsonValueKind.String)
            throw Error(source, field, $"must be a number of bytes or a string such as \"32K\", not {Show(e)}");
        string s = e.GetString()!.Trim();
        long multiplier = 1;
        string digits = s;
        string upper = s.ToUpperInvariant();
        foreach ((string suffix, long m) in new[] { ("KIB", 1L << 10), ("MIB", 1L << 20), ("GIB", 1L << 30), ("KB", 1L << 10), ("MB", 1L << 20), ("GB", 1L << 30), ("K", 1L << 10), ("M", 1L << 20), ("G", 1L << 30) })
        {
            if (upper.EndsWith(suffix, StringComparison.Ordinal))
            {
                multiplier = m;
                digits = s[..^suffix.Length];
                break;
            }
        }
        bool ok = digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.TryParse(digits.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long value)
            : long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (!ok || value <= 0 || value > (1L << 40) / multiplier)
            throw Error(source, field, $"must be a size such as \"32K\" or \"1M\", not \"{s}\"");
        return value * multiplier;
    }

    private static string Show(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"\"{e.GetString()}\"",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => e.GetRawText(),
    };

    private static string FirstLine(string s)
    {
        int nl = s.IndexOfAny(['\r', '\n']);
        return nl < 0 ? s : s[..nl];
    }

    private static CacheConfigException Error(string source, string field, string message) => new($"{source}: {field}: {message}");
}

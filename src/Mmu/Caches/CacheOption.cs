namespace Emulator.Mmu.Caches;

/// <summary>The value of <c>--cache PRESET|FILE|off</c>.</summary>
public static class CacheOption
{
    /// <summary>
    /// A preset name (case-insensitive), a JSON file path, or "off" (returns null: no cache model,
    /// accesses go straight to RAM). Throws <see cref="CacheConfigException"/> with a one-line message.
    /// </summary>
    public static CacheHierarchyConfig? Parse(string value)
    {
        if (string.Equals(value, "off", StringComparison.OrdinalIgnoreCase))
            return null;
        if (CachePresets.Find(value) is { } preset)
            return preset;
        if (File.Exists(value))
            return CacheConfigJson.LoadFile(value);
        throw new CacheConfigException(
            $"--cache: '{value}' is neither a preset ({string.Join(", ", CachePresets.Names)}), an existing JSON file, nor 'off'");
    }
}

using Emulator.Mmu.Attributes;

namespace Emulator.Host.Provenance;

/// <summary>Words for memory attributes and access classes in explanations.</summary>
public static class AttributeText
{
    /// <summary>A MAIR-format attribute byte: "Normal Non-cacheable (0x44)", "Device-nGnRE (0x04)", "Normal write-back (0xff)".</summary>
    public static string Mair(byte attr)
    {
        var a = new MemoryAttributes(attr, Shareability.InnerShareable);
        if (a.IsDevice)
            return $"Device-{a.Device} (0x{attr:x2})";
        if (a.Inner == a.Outer)
            return $"Normal {Kind(a.Inner)} (0x{attr:x2})";
        return $"Normal inner {Kind(a.Inner)} outer {Kind(a.Outer)} (0x{attr:x2})";
    }

    /// <summary>A stage-2 MemAttr nibble.</summary>
    public static string Stage2(byte memAttr, bool fwb) =>
        fwb ? $"MemAttr 0b{Convert.ToString(memAttr, 2).PadLeft(4, '0')} (FWB)" : $"MemAttr 0b{Convert.ToString(memAttr, 2).PadLeft(4, '0')}";

    /// <summary>The access class the cache model used: 0 Device, 1 Non-cacheable, 2 write-through, 3 write-back.</summary>
    public static string AccessClass(byte kind) => kind switch
    {
        0 => "as Device memory (around the caches)",
        1 => "Non-cacheable (around the caches)",
        2 => "write-through",
        _ => "write-back (into the caches)",
    };

    private static string Kind(Cacheability c) => c switch
    {
        Cacheability.NonCacheable => "Non-cacheable",
        Cacheability.WriteThrough => "write-through",
        _ => "write-back",
    };
}

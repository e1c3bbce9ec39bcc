using Emulator.Mmu.Attributes;

namespace Emulator.Mmu.Caches;

/// <summary>
/// What the cache model does with an access, precomputed for every MAIR-format attribute byte so
/// the hot path pays one table load. The INNER attributes decide (the model's L1 and L2 are the
/// inner caches of a cluster; the optional L3 follows them too): Device, inner Non-cacheable,
/// inner Write-Through or inner Write-Back, plus the inner read- and write-allocate hints.
/// Transient hints are treated as non-transient.
/// </summary>
internal static class AccessClass
{
    public const byte Device = 0;
    public const byte NonCacheable = 1;
    public const byte WriteThrough = 2;
    public const byte WriteBack = 3;
    public const byte KindMask = 3;
    public const byte ReadAllocate = 4;
    public const byte WriteAllocate = 8;

    /// <summary>The class of the host agent's accesses: Normal WB, read- and write-allocate.</summary>
    public const byte HostWriteBack = WriteBack | ReadAllocate | WriteAllocate;

    public static readonly byte[] OfAttr = Build();

    private static byte[] Build()
    {
        var table = new byte[256];
        for (int a = 0; a < 256; a++)
        {
            var attrs = new MemoryAttributes((byte)a, Shareability.InnerShareable);
            if (attrs.IsDevice)
            {
                table[a] = Device;
                continue;
            }
            byte kind = attrs.Inner switch
            {
                Cacheability.NonCacheable => NonCacheable,
                Cacheability.WriteThrough => WriteThrough,
                _ => WriteBack,
            };
            if (kind != NonCacheable)
            {
                if (attrs.InnerReadAllocate)
                    kind |= ReadAllocate;
                if (attrs.InnerWriteAllocate)
                    kind |= WriteAllocate;
            }
            table[a] = kind;
        }
        return table;
    }

    public static byte Of(MemoryAttributes attrs) => OfAttr[attrs.Attr];
}

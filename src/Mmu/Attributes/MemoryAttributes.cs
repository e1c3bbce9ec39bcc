namespace Emulator.Mmu.Attributes;

/// <summary>Shareability domain (descriptor SH[1:0] encoding).</summary>
public enum Shareability : byte
{
    NonShareable = 0b00,
    OuterShareable = 0b10,
    InnerShareable = 0b11,
}

/// <summary>Cacheability of one level (inner or outer) of Normal memory.</summary>
public enum Cacheability : byte
{
    NonCacheable,
    WriteThrough,
    WriteBack,
}

/// <summary>Device memory types, ordered from most to least restrictive (their MAIR encodings are ordered the same way).</summary>
public enum DeviceType : byte
{
    nGnRnE = 0x00,
    nGnRE = 0x04,
    nGRE = 0x08,
    GRE = 0x0C,
}

/// <summary>
/// The memory attributes of an access, held as a MAIR-format attribute byte plus shareability,
/// the representation QEMU's ptw.c (ARMCacheAttrs) and KVM's at.c use, so that the decoding and
/// combining rules of docs/memory-attributes.md apply to it directly. Device when Attr[7:4] is 0;
/// otherwise Normal with outer attributes in Attr[7:4] and inner in Attr[3:0]
/// (0b0100 Non-cacheable, 0b00RW/0b10RW Write-Through, 0b01RW/0b11RW Write-Back; R, W allocation hints).
/// </summary>
public readonly record struct MemoryAttributes(byte Attr, Shareability Shareability)
{
    /// <summary>Device-nGnRnE, the data default with stage 1 off. Device memory is always Outer Shareable.</summary>
    public static MemoryAttributes DeviceNGnRnE => new(0x00, Shareability.OuterShareable);

    /// <summary>Normal Inner/Outer Write-Back, Read/Write-Allocate, Non-transient, Inner Shareable (Linux MT_NORMAL).</summary>
    public static MemoryAttributes NormalWriteBack => new(0xFF, Shareability.InnerShareable);

    /// <summary>Normal Inner/Outer Non-cacheable (Linux MT_NORMAL_NC); effectively Outer Shareable.</summary>
    public static MemoryAttributes NormalNonCacheable => new(0x44, Shareability.OuterShareable);

    public bool IsDevice => (Attr & 0xF0) == 0;

    public DeviceType Device => (DeviceType)(Attr & 0x0C);

    public Cacheability Inner => IsDevice ? Cacheability.NonCacheable : Decode((byte)(Attr & 0x0F));

    public Cacheability Outer => IsDevice ? Cacheability.NonCacheable : Decode((byte)(Attr >> 4));

    /// <summary>Normal memory whose inner or outer level is WT or WB: the access may use a cache.</summary>
    public bool IsCacheable => !IsDevice && (Inner != Cacheability.NonCacheable || Outer != Cacheability.NonCacheable);

    /// <summary>Read-allocate hint of the inner level (Attr[1]); meaningless for Device and NC.</summary>
    public bool InnerReadAllocate => !IsDevice && (Attr & 0x02) != 0;

    /// <summary>Write-allocate hint of the inner level (Attr[0]).</summary>
    public bool InnerWriteAllocate => !IsDevice && (Attr & 0x01) != 0;

    /// <summary>
    /// The shareability an access really has: Device and Normal Inner-and-Outer Non-cacheable memory
    /// are Outer Shareable whatever the descriptor says (EffectiveShareability).
    /// </summary>
    public Shareability EffectiveShareability => IsDevice || Attr == 0x44 ? Shareability.OuterShareable : Shareability;

    /// <summary>Decodes one Normal-memory nibble as QEMU's combine_cacheattr_nibble classifies it.</summary>
    public static Cacheability Decode(byte nibble) => nibble switch
    {
        0b0100 => Cacheability.NonCacheable,
        _ when (nibble >> 2) is 0 or 2 => Cacheability.WriteThrough,
        _ => Cacheability.WriteBack,
    };

    public override string ToString()
    {
        if (IsDevice)
            return $"Device-{Device}";
        return $"Normal i{Short(Inner)} o{Short(Outer)} {Shareability} (0x{Attr:x2})";
    }

    private static string Short(Cacheability c) => c switch
    {
        Cacheability.NonCacheable => "NC",
        Cacheability.WriteThrough => "WT",
        _ => "WB",
    };
}

namespace Emulator.Host.DeviceTree;

/// <summary>
/// Constants of the flattened device tree format (Devicetree Specification v0.4, chapter 5).
/// </summary>
public static class Fdt
{
    public const uint Magic = 0xd00d_feed;

    /// <summary>The version <see cref="FdtWriter"/> writes.</summary>
    public const uint Version = 17;

    /// <summary>The oldest version a reader must understand to read what we write.</summary>
    public const uint LastCompatibleVersion = 16;

    /// <summary>Size of the version 17 header.</summary>
    public const int HeaderSize = 40;

    /// <summary>Size of the version 16 header (no size_dt_struct).</summary>
    public const int HeaderSizeV16 = 36;

    public const uint BeginNode = 0x1;
    public const uint EndNode = 0x2;
    public const uint Prop = 0x3;
    public const uint Nop = 0x4;
    public const uint End = 0x9;
}

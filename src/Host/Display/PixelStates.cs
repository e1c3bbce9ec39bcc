namespace Emulator.Host.Display;

/// <summary>The values of a frame's per-pixel state array (DESIGN.md, "stale" and "pending").</summary>
public static class PixelStates
{
    /// <summary>The host view equals the oracle.</summary>
    public const byte Same = 0;

    /// <summary>Differs from the oracle on a page the VMM believes up to date: the coherency bug.</summary>
    public const byte Stale = 1;

    /// <summary>Differs on a page written since the VMM last read it: merely late.</summary>
    public const byte Pending = 2;
}

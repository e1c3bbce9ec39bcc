namespace Emulator.Host.Display;

/// <summary>Which image of a frame the window shows (V and S toggle it).</summary>
public enum DisplayView
{
    /// <summary>What the VMM read through its cacheable mapping: what a user of the real machine sees.</summary>
    Host,

    /// <summary>What a fully coherent system would show.</summary>
    Oracle,

    /// <summary>Host view on the left, oracle on the right.</summary>
    Split,
}

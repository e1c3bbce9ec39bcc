namespace Emulator.Mmu.Caches;

/// <summary>
/// A counter a cache bumps whenever its contents move (a line installed or invalidated). A
/// reader that found a line and kept where it is can trust that place while the counter still
/// shows the value it read then: the core's instruction fetch fast path does this with its L1I.
/// </summary>
public sealed class ChangeCounter
{
    /// <summary>A counter that never changes (for readers with no cache behind them).</summary>
    public static readonly ChangeCounter Never = new();

    public int Value;
}

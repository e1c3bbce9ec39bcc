namespace Emulator.Devices.Vga;

/// <summary>
/// The hypervisor's dirty log of the VRAM slot, with KVM_GET_DIRTY_LOG semantics
/// (docs/memory-attributes.md §5.4): one bit per 4 KiB VRAM page written by the guest since the
/// last collection.
/// </summary>
public interface IDirtyLog
{
    /// <summary>
    /// Copies the log into <paramref name="bitmap"/> (bit <c>i % 64</c> of word <c>i / 64</c> is VRAM
    /// page <c>i</c>), clears it and write-protects the pages again; returns the number of dirty pages.
    /// </summary>
    int CollectAndClear(Span<ulong> bitmap);

    /// <summary>Whether <paramref name="page"/> (a 4 KiB VRAM page number) has been written since the last collection; clears nothing.</summary>
    bool IsPending(ulong page);
}

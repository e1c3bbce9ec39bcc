namespace Emulator.Devices.Vga;

/// <summary>
/// The VMM's access to VRAM: the host agent's cacheable mapping of the VRAM slot, implemented by
/// the host through the cache model's host agent (or directly on RAM when there is no model).
/// Offsets are from the start of VRAM. What these calls cost and which cache lines they touch
/// is the point of the emulator, so the display goes through them for every byte it reads or writes.
/// </summary>
public interface IVramView
{
    /// <summary>Reads <paramref name="destination"/>.Length bytes from <paramref name="offset"/>.</summary>
    void Read(ulong offset, Span<byte> destination);

    /// <summary>Writes <paramref name="source"/> at <paramref name="offset"/> (the VMM's own stores, e.g. QEMU's memset on a mode set).</summary>
    void Write(ulong offset, ReadOnlySpan<byte> source);

    /// <summary>
    /// Policy hook called by the scanout before it reads a run of pages
    /// (<paramref name="offset"/> and <paramref name="length"/> are page-aligned): where a fix
    /// puts its cache maintenance (for example clean and invalidate to the PoC). Does nothing
    /// without such a policy.
    /// </summary>
    void BeforeRead(ulong offset, ulong length);
}

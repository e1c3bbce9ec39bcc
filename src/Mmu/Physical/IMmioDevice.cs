namespace Emulator.Mmu.Physical;

/// <summary>
/// A device register window on the physical bus. Offsets are relative to the window base.
/// Returning false signals a bus error, which the CPU turns into a synchronous external abort.
/// MMIO is a slow path: interface dispatch is fine here.
/// </summary>
public interface IMmioDevice
{
    /// <summary>Short name for logs and error messages, e.g. "pl011".</summary>
    string Name { get; }

    bool Read(ulong offset, int size, out ulong value);

    bool Write(ulong offset, int size, ulong value);
}

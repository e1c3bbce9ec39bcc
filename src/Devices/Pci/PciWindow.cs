using Emulator.Mmu.Physical;

namespace Emulator.Devices.Pci;

/// <summary>
/// What an access to a host bridge window (MMIO or PIO) finds where no BAR decodes: QEMU's gpex
/// with allow-unmapped-accesses (the default since 6.0) backs its windows with unassigned_io_ops,
/// so reads return all ones and writes are dropped, as on a PCIe root complex that completes an
/// Unsupported Request with all-ones data. BARs mapped inside the window take precedence.
/// </summary>
public sealed class PciWindow(string name) : IMmioDevice
{
    public string Name { get; } = name;

    public bool Read(ulong offset, int size, out ulong value)
    {
        value = size >= 8 ? ulong.MaxValue : (1UL << (8 * size)) - 1;
        return true;
    }

    public bool Write(ulong offset, int size, ulong value) => true;
}

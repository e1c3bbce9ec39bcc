using Emulator.Mmu.Physical;

namespace Emulator.Devices.Pci;

/// <summary>
/// The Enhanced Configuration Access Mechanism window of a generic PCIe host bridge (PCIe Base
/// 4.0 §7.2.2; QEMU's gpex, hw/pci/pcie_host.c): offset = bus &lt;&lt; 20 | device &lt;&lt; 15 |
/// function &lt;&lt; 12 | register. Only bus 0 exists (the root bus, no bridges). As QEMU's
/// pcie_mmcfg_data_read/write: a function that is not there, a bus other than 0, or a register past
/// the function's configuration space reads all ones and ignores writes. Accesses must be 1, 2 or 4
/// bytes and naturally aligned (the MMIO ops' valid sizes); anything else is a bus error, which the
/// guest receives as an external abort.
/// </summary>
public sealed class PciEcam(ulong size) : IMmioDevice
{
    public const int Devices = 32, FunctionsPerDevice = 8;

    private readonly PciFunction?[] _functions = new PciFunction?[Devices * FunctionsPerDevice];

    public string Name => "pcie-ecam";

    /// <summary>Size of the window (buses covered = size / 1 MiB).</summary>
    public ulong Size { get; } = size;

    /// <summary>Puts <paramref name="function"/> at 00:<paramref name="device"/>.<paramref name="functionNumber"/>.</summary>
    public void Attach(int device, int functionNumber, PciFunction function)
    {
        if ((uint)device >= Devices || (uint)functionNumber >= FunctionsPerDevice)
            throw new ArgumentOutOfRangeException(nameof(device), $"no slot {device}.{functionNumber} on a PCI bus");
        ref PciFunction? slot = ref _functions[device * FunctionsPerDevice + functionNumber];
        if (slot is not null)
            throw new ArgumentException($"PCI slot 00:{device:x2}.{functionNumber} already holds {slot.Name}");
        slot = function;
    }

    /// <summary>The function at 00:<paramref name="device"/>.<paramref name="functionNumber"/>, or null.</summary>
    public PciFunction? Find(int device, int functionNumber) => _functions[device * FunctionsPerDevice + functionNumber];

    public bool Read(ulong offset, int size, out ulong value)
    {
        value = 0;
        if (!Valid(offset, size))
            return false;
        PciFunction? f = Decode(offset, out int register);
        value = f is not null && register < f.ConfigSize ? f.ReadConfig(register, size) : (1UL << (8 * size)) - 1;
        return true;
    }

    public bool Write(ulong offset, int size, ulong value)
    {
        if (!Valid(offset, size))
            return false;
        PciFunction? f = Decode(offset, out int register);
        if (f is not null && register < f.ConfigSize)
            f.WriteConfig(register, size, (uint)value);
        return true;
    }

    private bool Valid(ulong offset, int size) => size is 1 or 2 or 4 && (offset & (ulong)(size - 1)) == 0 && offset < Size;

    private PciFunction? Decode(ulong offset, out int register)
    {
        register = (int)(offset & 0xFFF);
        if (offset >> 20 != 0)
            return null; // buses 1-255: nothing behind the root bus
        return _functions[(int)(offset >> 12) & 0xFF];
    }
}

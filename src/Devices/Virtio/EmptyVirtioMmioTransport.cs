using Emulator.Mmu.Physical;

namespace Emulator.Devices.Virtio;

/// <summary>
/// A virtio-mmio transport with nothing plugged in, as QEMU's virt board has 32 of them
/// (hw/virtio/virtio-mmio.c, virtio_mmio_read without a backend): the magic value "virt", the
/// version (1: QEMU's transports default to the legacy interface, force-legacy=on) and the vendor
/// ID "QEMU" read as such, every other register reads as zero (device ID 0: no device, so no
/// driver claims it), and writes are ignored.
/// </summary>
public sealed class EmptyVirtioMmioTransport(int index) : IMmioDevice
{
    public const ulong WindowSize = 0x200;

    public const uint MagicValue = 0x7472_6976; // "virt"
    public const uint LegacyVersion = 1;
    public const uint VendorId = 0x554D_4551; // "QEMU"

    private const ulong MagicOffset = 0x000, VersionOffset = 0x004, VendorOffset = 0x00C;

    public string Name { get; } = $"virtio-mmio.{index}";

    public bool Read(ulong offset, int size, out ulong value)
    {
        value = offset switch
        {
            MagicOffset => MagicValue,
            VersionOffset => LegacyVersion,
            VendorOffset => VendorId,
            _ => 0,
        };
        if (size < 4)
            value &= (1UL << (8 * size)) - 1;
        return true;
    }

    public bool Write(ulong offset, int size, ulong value) => true;
}

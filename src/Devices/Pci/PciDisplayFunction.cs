using Emulator.Devices.Vga;

namespace Emulator.Devices.Pci;

/// <summary>
/// The display as a PCI function, QEMU's ID 1234:1111 (subsystem 1af4:1100, revision 2, no
/// interrupt pin), with BAR0 the VRAM (32-bit prefetchable memory, the VRAM size) and BAR2 the
/// 4 KiB MMIO window of <see cref="BochsDisplay"/>. Two QEMU devices share that layout and differ
/// in class and capabilities, as <c>info pci</c> and the ECAM show on <c>-M virt</c>:
/// <list type="bullet">
/// <item><c>bochs-display</c> (hw/display/bochs-display.c): class 0x038000 (display controller, other),
/// a PCI Express function (4 KiB configuration space) with the endpoint capability at 0x80 that
/// pcie_endpoint_cap_init writes for a function on the root bus (a Root Complex Integrated Endpoint,
/// read-only here);</item>
/// <item><c>VGA</c> (hw/display/vga-pci.c): class 0x030000 (VGA-compatible), a conventional function
/// (256 bytes), no capabilities.</item>
/// </list>
/// </summary>
public sealed class PciDisplayFunction : PciFunction
{
    public const int VramBar = 0, MmioBar = 2;
    public const ushort QemuVendor = 0x1234, QemuVgaDevice = 0x1111;

    public PciDisplayFunction(BochsDisplay display)
        : base(display.Model == DisplayModel.BochsDisplay ? "bochs-display" : "VGA", QemuVendor, QemuVgaDevice, display.Model == DisplayModel.BochsDisplay ? 0x03_80_00u : 0x03_00_00u, 2, 0x1AF4, 0x1100,
            display.Model == DisplayModel.BochsDisplay ? ExpressConfigSize : ConventionalConfigSize)
    {
        Display = display;
        DefineMemoryBar(VramBar, display.VramSize, prefetchable: true);
        DefineMemoryBar(MmioBar, BochsDisplay.MmioSize, prefetchable: false);
        if (display.Model == DisplayModel.BochsDisplay)
        {
            // PCI Express capability, version 2, Root Complex Integrated Endpoint (type 9): QEMU 7.2's values.
            Span<byte> cap = stackalloc byte[0x3C];
            cap[0] = 0x10;          // capability ID: PCI Express
            cap[2] = 0x92;          // capabilities register: version 2, device/port type 9
            cap[0x05] = 0x80;       // device capabilities: role-based error reporting
            cap[0x0C] = 0x11;       // link capabilities: 2.5 GT/s, x1
            cap[0x0D] = 0x04;
            cap[0x12] = 0x11;       // link status: 2.5 GT/s, x1
            cap[0x26] = 0x30;       // device capabilities 2: extended fmt field, end-end TLP prefix
            AddCapability(0x80, cap);
        }
    }

    public BochsDisplay Display { get; }
}

using Emulator.Devices.Pci;
using Emulator.Devices.Vga;

namespace Emulator.Host.Board;

/// <summary>
/// The PCI Express host bridge (QEMU's gpex at virt's addresses, <see cref="VirtMemoryMap"/>) and
/// the display as function 00:01.0. The BARs decide where the guest sees the display: BAR0 moves
/// the VRAM memory slot (<see cref="Hypervisor.KvmHypervisor.MoveSlot"/>: stage 2, TLBs; the dirty
/// log, the oracle and the VMM's view follow by construction) and BAR2 maps the MMIO window, each
/// only while memory decode is on, the BAR programmed (not the all-ones of sizing) and its range
/// wholly inside the 32-bit MMIO window (QEMU shows the part inside; here a BAR straddling the
/// window's edge is not mapped). A BAR that would overlap another one or a device stays unmapped
/// until the conflict goes away (QEMU would let one of them win by priority); the guest gets all
/// ones there, as from any unclaimed window address.
/// </summary>
public sealed partial class VirtBoard
{
    private ulong? _displayMmioAt;

    /// <summary>The ECAM of the host bridge.</summary>
    public PciEcam PciEcam { get; private set; } = null!;

    /// <summary>The display's PCI function (00:01.0).</summary>
    public PciDisplayFunction DisplayFunction { get; private set; } = null!;

    /// <summary>
    /// Whether the board plays firmware for the display at boot (the VGA model): it assigns BAR0 =
    /// <see cref="VirtMemoryMap.VgaVramBase"/> and BAR2 = <see cref="VirtMemoryMap.VgaMmioBase"/>, turns
    /// memory decode on and sets the boot mode, as EDK2 would before handing over, so that guests and
    /// the device tree's simple-framebuffer find the display at those addresses. Otherwise (bochs-display)
    /// the function comes out of reset unassigned, as on QEMU with -kernel and no firmware, and the guest
    /// enumerates and programs it.
    /// </summary>
    public bool DisplayAssignedByFirmware => Vga.Model == DisplayModel.Vga;

    private void AttachPci()
    {
        PciEcam = new PciEcam(VirtMemoryMap.PcieEcamSize);
        Bus.AddMmio(VirtMemoryMap.PcieEcamBase, VirtMemoryMap.PcieEcamSize, PciEcam);
        Bus.AddBackgroundMmio(VirtMemoryMap.PcieMmioBase, VirtMemoryMap.PcieMmioSize, new PciWindow("pcie-mmio"));
        Bus.AddBackgroundMmio(VirtMemoryMap.PciePioBase, VirtMemoryMap.PciePioSize, new PciWindow("pcie-pio"));
        Bus.AddBackgroundMmio(VirtMemoryMap.PcieMmioHighBase, VirtMemoryMap.PcieMmioHighSize, new PciWindow("pcie-mmio-high"));
        PciEcam.Attach(0, 0, new PciHostBridgeFunction());
        DisplayFunction = new PciDisplayFunction(Vga);
        DisplayFunction.DecodeChanged += _ => RemapDisplayBars();
        PciEcam.Attach(VirtMemoryMap.DisplayPciSlot, 0, DisplayFunction);
        ResetPci();
    }

    /// <summary>Power-on state of the bus, and what firmware leaves (see <see cref="DisplayAssignedByFirmware"/>).</summary>
    private void ResetPci()
    {
        DisplayFunction.Reset();
        if (!DisplayAssignedByFirmware)
        {
            Vga.Reset();
            return;
        }
        DisplayFunction.WriteConfig(PciFunction.Bar0 + 4 * PciDisplayFunction.VramBar, 4, (uint)VirtMemoryMap.VgaVramBase);
        DisplayFunction.WriteConfig(PciFunction.Bar0 + 4 * PciDisplayFunction.MmioBar, 4, (uint)VirtMemoryMap.VgaMmioBase);
        DisplayFunction.WriteConfig(PciFunction.Command, 2, PciFunction.CommandMemory);
        SetBootMode();
    }

    /// <summary>Where a BAR of the display is visible to the CPU: inside the 32-bit MMIO window, or nowhere.</summary>
    private static ulong? Visible(ulong? pciAddress, ulong size) =>
        pciAddress is ulong a && a >= VirtMemoryMap.PcieMmioBase && size <= VirtMemoryMap.PcieMmioSize
            && a - VirtMemoryMap.PcieMmioBase <= VirtMemoryMap.PcieMmioSize - size ? a : null;

    /// <summary>QEMU's pci_update_mappings for the display: unmaps the BARs whose place changed, then maps what can be.</summary>
    private void RemapDisplayBars()
    {
        ulong? vram = Visible(DisplayFunction.BarAddress(PciDisplayFunction.VramBar), VramSlot.Size);
        ulong? mmio = Visible(DisplayFunction.BarAddress(PciDisplayFunction.MmioBar), BochsDisplay.MmioSize);
        string? conflict;
        if (VramSlot.GuestBase is not null && VramSlot.GuestBase != vram)
            Hypervisor.MoveSlot(VramSlot, null, out _);
        if (_displayMmioAt is ulong at && at != mmio)
        {
            Bus.RemoveMmio(at, Vga);
            _displayMmioAt = null;
        }
        if (vram is ulong v && VramSlot.GuestBase is null)
        {
            if (!Hypervisor.MoveSlot(VramSlot, v, out conflict))
                Log.Warning("PCI {Function} BAR0 at 0x{Address:x} not mapped: {Conflict}", DisplayFunction.Name, v, conflict);
        }
        if (mmio is ulong m && _displayMmioAt is null)
        {
            if (Bus.TryAddMmio(m, BochsDisplay.MmioSize, Vga, out conflict))
                _displayMmioAt = m;
            else
                Log.Warning("PCI {Function} BAR2 at 0x{Address:x} not mapped: {Conflict}", DisplayFunction.Name, m, conflict);
        }
        Log.Debug("PCI {Function}: command 0x{Command:x}, VRAM at {Vram}, MMIO at {Mmio}", DisplayFunction.Name, DisplayFunction.CommandRegister,
            VramSlot.GuestBase is ulong g ? $"0x{g:x}" : "nowhere", _displayMmioAt is ulong w ? $"0x{w:x}" : "nowhere");
    }
}

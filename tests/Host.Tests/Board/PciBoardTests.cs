using Emulator.Cpu.Core;
using Emulator.Devices.Pci;
using Emulator.Devices.Vga;
using Emulator.Host.Board;
using Emulator.Host.Hypervisor.Policies;
using Emulator.Mmu.Physical;

namespace Emulator.Host.Tests.Board;

/// <summary>
/// The board's PCI wiring: configuration writes through the ECAM (as the VMM's MMIO emulation
/// makes them) place the VRAM slot and the MMIO window where BAR0 and BAR2 say, only while memory
/// decode is on and only inside the 32-bit window, and survive conflicts without host exceptions.
/// </summary>
public sealed class PciBoardTests
{
    private const ulong Ecam = VirtMemoryMap.PcieEcamBase;
    private static readonly ulong Display = (ulong)VirtMemoryMap.DisplayPciSlot << 15;

    private static VirtBoard NewBoard(DisplayModel model) =>
        new(32UL << 20, _ => { }, new CpuConfiguration { CounterFrequencyHz = VirtMemoryMap.DefaultCounterFrequencyHz }, 2,
            VirtBoard.DefaultRtcStartSeconds, cache: null, ncSnoop: false, new KvmPolicy(), 16UL << 20, display: model);

    private static void Config(VirtBoard b, int register, uint value, int size = 4) =>
        Assert.True(b.Bus.TryWriteMmio(Ecam + Display + (ulong)register, size, value));

    private static uint ReadMmio(VirtBoard b, ulong address, int size = 4)
    {
        Assert.True(b.Bus.TryReadMmio(address, size, out ulong v));
        return (uint)v;
    }

    [Fact]
    public void The_VGA_default_is_assigned_at_the_boards_fixed_addresses_as_firmware_leaves_it()
    {
        VirtBoard b = NewBoard(DisplayModel.Vga);
        Assert.Equal(0x03000002u, ReadMmio(b, Ecam + Display + 8));
        Assert.Equal(0x10000008u, ReadMmio(b, Ecam + Display + 0x10));
        Assert.Equal(0x20000000u, ReadMmio(b, Ecam + Display + 0x18));
        Assert.Equal(PciFunction.CommandMemory, ReadMmio(b, Ecam + Display + 4, 2));
        Assert.Equal(VirtMemoryMap.VgaVramBase, b.VramSlot.GuestBase);
        Assert.Same(b.Vga, b.Bus.FindMmio(VirtMemoryMap.VgaMmioBase)!.Device);
        Assert.Equal(0xB0C5u, ReadMmio(b, VirtMemoryMap.VgaMmioBase + 0x500, 2));
        Assert.NotNull(b.Vga.Mode); // the boot mode
    }

    [Fact]
    public void Bochs_display_comes_up_unassigned_and_maps_where_the_guest_programs_its_BARs()
    {
        VirtBoard b = NewBoard(DisplayModel.BochsDisplay);
        Assert.Equal(0x03800002u, ReadMmio(b, Ecam + Display + 8));
        Assert.Null(b.VramSlot.GuestBase);
        Assert.Null(b.Vga.Mode);
        Assert.Equal(0xFFFFFFFFu, ReadMmio(b, 0x2000_0500)); // the bare window
        Assert.Equal(0xFFFFFFFFu, ReadMmio(b, VirtMemoryMap.PciePioBase + 0x3C0));

        Config(b, 0x10, 0x1800_0000);
        Config(b, 0x18, 0x1000_0000);
        Assert.Null(b.VramSlot.GuestBase); // decode still off
        Config(b, 0x04, PciFunction.CommandMemory, 2);
        Assert.Equal(0x1800_0000UL, b.VramSlot.GuestBase);
        Assert.Equal(0xB0C5u, ReadMmio(b, 0x1000_0500, 2));
        Assert.Same(b.VramSlot, b.Ram.FindGuestSlot(0x18ab_cdef));

        // Moving BAR0 moves the slot; sizing (all ones) unmaps it; decode off unmaps both.
        Config(b, 0x10, 0x1900_0000);
        Assert.Equal(0x1900_0000UL, b.VramSlot.GuestBase);
        Config(b, 0x10, 0xFFFF_FFFF);
        Assert.Null(b.VramSlot.GuestBase);
        Config(b, 0x10, 0x1900_0000);
        Config(b, 0x04, 0, 2);
        Assert.Null(b.VramSlot.GuestBase);
        Assert.Equal(0xFFFFFFFFu, ReadMmio(b, 0x1000_0500));
    }

    [Fact]
    public void Overlapping_or_out_of_window_BARs_stay_unmapped_until_the_conflict_goes()
    {
        VirtBoard b = NewBoard(DisplayModel.BochsDisplay);
        Config(b, 0x18, 0x1000_0000);
        Config(b, 0x10, 0x1000_0000); // both BARs at one address: the first mapped (VRAM) keeps it
        Config(b, 0x04, PciFunction.CommandMemory, 2);
        Assert.Equal(0x1000_0000UL, b.VramSlot.GuestBase);
        Assert.NotSame(b.Vga, b.Bus.FindMmio(0x1000_0000)!.Device);
        Config(b, 0x18, 0x2000_0000); // BAR2 moves away: it maps
        Assert.Same(b.Vga, b.Bus.FindMmio(0x2000_0000)!.Device);
        Config(b, 0x10, 0x2000_0000); // VRAM onto the MMIO BAR: unmapped...
        Assert.Null(b.VramSlot.GuestBase);
        Assert.Same(b.Vga, b.Bus.FindMmio(0x2000_0000)!.Device);
        Config(b, 0x18, 0x3000_0000); // ...until BAR2 leaves
        Assert.Equal(0x2000_0000UL, b.VramSlot.GuestBase);
        Assert.Same(b.Vga, b.Bus.FindMmio(0x3000_0000)!.Device);

        Config(b, 0x10, 0x0000_0000); // below the window (over flash): not visible
        Assert.Null(b.VramSlot.GuestBase);
        Config(b, 0x10, 0x4000_0000); // over RAM, outside the window
        Assert.Null(b.VramSlot.GuestBase);
        Config(b, 0x10, 0x3F00_0000); // straddles the window's end
        Assert.Null(b.VramSlot.GuestBase);
        Config(b, 0x18, 0x3EFE_F000); // the last page of the window
        Assert.Same(b.Vga, b.Bus.FindMmio(0x3EFE_F000)!.Device);
        Assert.Equal(0xFFFFFFFFu, ReadMmio(b, 0x3000_0500));
    }

    [Fact]
    public void The_64_bit_window_fills_the_top_half_of_the_40_bit_IPA_space_and_reads_all_ones_as_QEMUs_gpex_does()
    {
        VirtBoard b = NewBoard(DisplayModel.BochsDisplay);
        Assert.Equal(1UL << Emulator.Host.Hypervisor.Stage2PageTables.IpaBits, VirtMemoryMap.PcieMmioHighBase + VirtMemoryMap.PcieMmioHighSize);
        Assert.Equal(0xFFFFFFFFu, ReadMmio(b, VirtMemoryMap.PcieMmioHighBase));
        Assert.Equal(0xFFFFFFFFu, ReadMmio(b, 0xFF_FFFF_FFFC));
        Assert.True(b.Bus.TryWriteMmio(0xC0_0000_0000, 8, 0x1234)); // ignored
        Assert.Equal(0xFFFFu, ReadMmio(b, 0xC0_0000_0000, 2));
        Assert.Null(b.Bus.FindMmio(1UL << 40)); // past the window: nothing
    }
}

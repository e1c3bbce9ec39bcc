using Emulator.Mmu.Physical;

namespace Emulator.Mmu.Tests.Physical;

/// <summary>A memory slot's guest address moves; its host backing, and so its bytes, do not.</summary>
public sealed class SlotPlacementTests
{
    private const ulong RamBase = 0x4000_0000, VramHost = 0x1000_0000;

    private sealed class Device(string name) : IMmioDevice
    {
        public string Name => name;

        public bool Read(ulong offset, int size, out ulong value)
        {
            value = 0xAB;
            return true;
        }

        public bool Write(ulong offset, int size, ulong value) => true;
    }

    private static (PhysicalAddressSpace Bus, MemorySlot Ram, MemorySlot Vram) NewBus()
    {
        var ram = new MemorySlot("ram", RamBase, 16 * (ulong)Ram.ChunkSize);
        var vram = new MemorySlot("vram", VramHost, 4 * (ulong)Ram.ChunkSize);
        return (new PhysicalAddressSpace(new Ram([ram, vram])), ram, vram);
    }

    [Fact]
    public void A_new_slot_is_where_its_backing_is_and_a_moved_one_is_found_by_its_guest_address()
    {
        (PhysicalAddressSpace bus, _, MemorySlot vram) = NewBus();
        Assert.Equal(VramHost, vram.GuestBase);
        bus.Ram.Write(VramHost + 0x10, [1, 2, 3, 4]);

        Assert.True(bus.TryPlaceSlot(vram, 0x2000_0000, out string? conflict), conflict);
        Assert.Same(vram, bus.Ram.FindGuestSlot(0x2000_0010));
        Assert.Null(bus.Ram.FindGuestSlot(VramHost + 0x10));
        Assert.Same(vram, bus.Ram.FindSlot(VramHost + 0x10)); // the backing is still there

        Assert.True(bus.TryGuestToHost(0x2000_0010, 4, out ulong pa));
        Assert.Equal(VramHost + 0x10, pa);
        Assert.False(bus.TryGuestToHost(VramHost + 0x10, 4, out _));
        Assert.False(bus.TryGuestToHost(0x2000_0000 + vram.Size - 2, 4, out _)); // runs off the slot
        Span<byte> data = stackalloc byte[4];
        bus.Ram.Read(pa, data);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, data.ToArray());
    }

    [Fact]
    public void Slots_and_windows_do_not_overlap_where_the_guest_sees_them()
    {
        (PhysicalAddressSpace bus, MemorySlot ram, MemorySlot vram) = NewBus();
        var mmio = new Device("bar2");
        Assert.True(bus.TryAddMmio(0x2000_0000, 0x1000, mmio, out _));

        Assert.False(bus.TryPlaceSlot(vram, 0x2000_0000, out string? conflict));
        Assert.Contains("bar2", conflict);
        Assert.False(bus.TryPlaceSlot(vram, RamBase + 0x1_0000, out conflict));
        Assert.Contains("ram", conflict);
        Assert.False(bus.TryPlaceSlot(vram, 0x3000_1000, out _)); // not 64 KiB aligned
        Assert.Equal(VramHost, vram.GuestBase); // refused moves leave it where it was

        // Out of the guest's view, the slot no longer blocks a window at its old place, although its
        // backing is still there; the window is then reached by MMIO emulation only.
        Assert.True(bus.TryPlaceSlot(vram, null, out _));
        Assert.Null(vram.GuestBase);
        var other = new Device("other");
        Assert.True(bus.TryAddMmio(VramHost, 0x1000, other, out _));
        Assert.True(bus.TryReadMmio(VramHost, 4, out ulong v));
        Assert.Equal(0xABUL, v);
        Assert.False(bus.TryPlaceSlot(vram, VramHost, out _));
        Assert.True(bus.RemoveMmio(VramHost, other));
        Assert.False(bus.RemoveMmio(VramHost, other));
        Assert.True(bus.TryPlaceSlot(vram, VramHost, out _));
        Assert.False(bus.TryAddMmio(RamBase, 0x1000, other, out _));
        Assert.Equal(RamBase, ram.GuestBase);
    }
}

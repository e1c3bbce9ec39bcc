using Emulator.Mmu.Physical;

namespace Emulator.Mmu.Tests.Physical;

/// <summary>The physical bus: RAM, MMIO dispatch, holes, and the MMIO map's overlap rules.</summary>
public sealed class PhysicalAddressSpaceTests
{
    private const ulong RamBase = 0x4000_0000;
    private const ulong RamSize = 16 * Ram.ChunkSize;

    private static PhysicalAddressSpace NewBus() => new(new Ram(RamBase, RamSize));

    /// <summary>A device that answers reads with a value derived from offset and size, and logs every access.</summary>
    private sealed class FakeDevice(string name, bool fail = false) : IMmioDevice
    {
        public string Name => name;

        public List<(bool Write, ulong Offset, int Size, ulong Value)> Log { get; } = [];

        public bool Read(ulong offset, int size, out ulong value)
        {
            Log.Add((false, offset, size, 0));
            value = 0xD000_0000UL | offset << 4 | (uint)size;
            return !fail;
        }

        public bool Write(ulong offset, int size, ulong value)
        {
            Log.Add((true, offset, size, value));
            return !fail;
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void Ram_ReadsAndWritesLittleEndian(int size)
    {
        var bus = NewBus();
        ulong value = 0x8877_6655_4433_2211UL;
        ulong mask = size == 8 ? ulong.MaxValue : (1UL << (8 * size)) - 1;
        Assert.True(bus.TryWrite(RamBase + 0x100, size, value));
        Assert.True(bus.TryRead(RamBase + 0x100, size, out ulong back));
        Assert.Equal(value & mask, back);
        byte[] bytes = new byte[8];
        bus.Ram.Read(RamBase + 0x100, bytes);
        for (int i = 0; i < 8; i++)
            Assert.Equal(i < size ? (byte)(0x11 * (i + 1)) : (byte)0, bytes[i]);
        Assert.Equal(value & mask, bus.ReadRam(RamBase + 0x100, size));
    }

    [Fact]
    public void Ram_ReadOfUntouchedMemory_AllocatesNothing_AndZeroWritesAllocateNothing()
    {
        var bus = NewBus();
        Assert.True(bus.TryRead(RamBase + 0x8000, 8, out ulong v));
        Assert.Equal(0UL, v);
        Assert.True(bus.TryWrite(RamBase + 0x2_0000, 8, 0));
        bus.WriteRam(RamBase + 0x3_0000, 4, 0);
        Assert.Equal(0, bus.Ram.AllocatedChunks);
        Assert.True(bus.TryWrite(RamBase + 0x2_0000, 1, 1));
        Assert.Equal(1, bus.Ram.AllocatedChunks);
    }

    [Fact]
    public void Ram_UnalignedAccessAcrossAChunkBoundary_IsSplit()
    {
        var bus = NewBus();
        ulong at = RamBase + Ram.ChunkSize - 3;
        Assert.True(bus.TryWrite(at, 8, 0x0102_0304_0506_0708));
        Assert.Equal(2, bus.Ram.AllocatedChunks);
        Assert.True(bus.TryRead(at, 8, out ulong v));
        Assert.Equal(0x0102_0304_0506_0708UL, v);
        Assert.Equal(0x0506_0708UL, bus.ReadRam(at + 0, 4) & 0xFFFF_FFFF);
    }

    [Theory]
    [InlineData(0x0UL)]
    [InlineData(0x3FFF_FFF8UL)]            // just below RAM
    [InlineData(RamBase + RamSize)]         // just above RAM
    [InlineData(0xFFFF_FFFF_FFFF_FFF8UL)]
    public void Holes_ReturnFalse(ulong pa)
    {
        var bus = NewBus();
        Assert.False(bus.TryRead(pa, 8, out ulong v));
        Assert.Equal(0UL, v);
        Assert.False(bus.TryWrite(pa, 4, 0x1234));
        Assert.Equal(0, bus.Ram.AllocatedChunks);
    }

    [Fact]
    public void AccessStraddlingTheEndOfRam_IsABusError()
    {
        var bus = NewBus();
        Assert.False(bus.TryRead(RamBase + RamSize - 4, 8, out _));
        Assert.False(bus.TryWrite(RamBase + RamSize - 1, 2, 0xFFFF));
        Assert.False(bus.TryRead(RamBase - 4, 8, out _));
        Assert.Equal(0, bus.Ram.AllocatedChunks);
    }

    [Fact]
    public void Mmio_DispatchesWithOffsetsRelativeToTheWindow()
    {
        var bus = NewBus();
        var uart = new FakeDevice("uart");
        var gic = new FakeDevice("gic");
        bus.AddMmio(0x0900_0000, 0x1000, uart);
        bus.AddMmio(0x0800_0000, 0x1_0000, gic);

        Assert.True(bus.TryRead(0x0900_0018, 4, out ulong v));
        Assert.Equal(0xD000_0000UL | 0x18 << 4 | 4, v);
        Assert.True(bus.TryWrite(0x0900_0000, 1, 0x41));
        Assert.True(bus.TryRead(0x0800_FFF8, 8, out ulong g));
        Assert.Equal(0xD000_0000UL | 0xFFF8 << 4 | 8, g);
        Assert.True(bus.TryWrite(0x0800_0100, 2, 0xBEEF));

        Assert.Equal([(false, 0x18UL, 4, 0UL), (true, 0UL, 1, 0x41UL)], uart.Log);
        Assert.Equal([(false, 0xFFF8UL, 8, 0UL), (true, 0x100UL, 2, 0xBEEFUL)], gic.Log);
        Assert.Equal(0, bus.Ram.AllocatedChunks);
    }

    [Fact]
    public void Mmio_DeviceBusError_IsPassedOn()
    {
        var bus = NewBus();
        var dev = new FakeDevice("broken", fail: true);
        bus.AddMmio(0x0A00_0000, 0x200, dev);
        Assert.False(bus.TryRead(0x0A00_0010, 4, out _));
        Assert.False(bus.TryWrite(0x0A00_0010, 4, 1));
        Assert.Equal(2, dev.Log.Count);
    }

    [Fact]
    public void Mmio_AccessCrossingTheEndOfTheWindow_IsABusError_AndDoesNotReachTheDevice()
    {
        var bus = NewBus();
        var dev = new FakeDevice("dev");
        bus.AddMmio(0x0900_0000, 0x1000, dev);
        Assert.False(bus.TryRead(0x0900_0FFC, 8, out _));
        Assert.False(bus.TryWrite(0x0900_0FFF, 2, 0));
        Assert.True(bus.TryRead(0x0900_0FF8, 8, out _));      // the last 8 bytes are inside
        Assert.False(bus.TryRead(0x0900_1000, 1, out _));     // the first byte after is a hole
        Assert.Single(dev.Log);
    }

    [Fact]
    public void Mmio_AccessLargerThanATinyWindow_IsABusError()
    {
        var bus = NewBus();
        var dev = new FakeDevice("tiny");
        bus.AddMmio(0x0900_0000, 2, dev);
        Assert.False(bus.TryRead(0x0900_0000, 4, out _));
        Assert.False(bus.TryWrite(0x0900_0000, 8, 0));
        Assert.Empty(dev.Log);
    }

    [Fact]
    public void FindMmio_AndMmioRegions()
    {
        var bus = NewBus();
        var a = new FakeDevice("a");
        var b = new FakeDevice("b");
        bus.AddMmio(0x1000, 0x1000, a);
        bus.AddMmio(0x3000, 0x100, b);
        Assert.Equal(2, bus.MmioRegions.Count);
        Assert.Same(a, bus.MmioRegions[0].Device);
        Assert.Same(b, bus.MmioRegions[1].Device);
        Assert.Same(a, bus.FindMmio(0x1000)?.Device);
        Assert.Same(a, bus.FindMmio(0x1FFF)?.Device);
        Assert.Null(bus.FindMmio(0x2000));
        Assert.Same(b, bus.FindMmio(0x30FF)?.Device);
        Assert.Null(bus.FindMmio(0x3100));
        Assert.Null(bus.FindMmio(RamBase));
        Assert.False(bus.TryRead(0x2800, 4, out _));          // between the two windows
    }

    [Theory]
    [InlineData(0x1000UL, 0x1000UL)]     // identical
    [InlineData(0x0800UL, 0x1000UL)]     // overlaps the start
    [InlineData(0x1800UL, 0x1000UL)]     // overlaps the end
    [InlineData(0x1400UL, 0x10UL)]       // inside
    [InlineData(0x0000UL, 0x10000UL)]    // contains
    [InlineData(0x1FFFUL, 1UL)]          // last byte
    public void AddMmio_OverlappingAnotherWindow_Throws(ulong b, ulong size)
    {
        var bus = NewBus();
        bus.AddMmio(0x1000, 0x1000, new FakeDevice("first"));
        Assert.Throws<ArgumentException>(() => bus.AddMmio(b, size, new FakeDevice("second")));
        Assert.Single(bus.MmioRegions);
    }

    [Theory]
    [InlineData(RamBase, 0x1000UL)]
    [InlineData(RamBase - 0x800, 0x1000UL)]
    [InlineData(RamBase + RamSize - 1, 0x1000UL)]
    [InlineData(0UL, 0x1_0000_0000UL)]
    public void AddMmio_OverlappingRam_Throws(ulong b, ulong size)
    {
        var bus = NewBus();
        Assert.Throws<ArgumentException>(() => bus.AddMmio(b, size, new FakeDevice("dev")));
        Assert.Empty(bus.MmioRegions);
    }

    [Fact]
    public void AddMmio_AdjacentWindowsAndRam_AreAllowed()
    {
        var bus = NewBus();
        bus.AddMmio(0x1000, 0x1000, new FakeDevice("a"));
        bus.AddMmio(0x2000, 0x1000, new FakeDevice("b"));              // starts where a ends
        bus.AddMmio(0x0800, 0x800, new FakeDevice("c"));               // ends where a starts
        bus.AddMmio(RamBase - 0x1000, 0x1000, new FakeDevice("d"));    // ends where RAM starts
        bus.AddMmio(RamBase + RamSize, 0x1000, new FakeDevice("e"));   // starts where RAM ends
        Assert.Equal(5, bus.MmioRegions.Count);
        Assert.Equal("b", bus.FindMmio(0x2000)?.Device.Name);
        Assert.Equal("a", bus.FindMmio(0x1FFF)?.Device.Name);
    }

    [Fact]
    public void MmioRegion_Contains()
    {
        var r = new MmioRegion(0x1000, 0x100, new FakeDevice("r"));
        Assert.True(r.Contains(0x1000));
        Assert.True(r.Contains(0x10FF));
        Assert.False(r.Contains(0x1100));
        Assert.False(r.Contains(0xFFF));
    }
}

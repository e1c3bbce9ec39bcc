using Emulator.Devices.Virtio;

namespace Emulator.Devices.Tests;

/// <summary>An empty virtio-mmio transport reads as QEMU's do with no backend (checked on QEMU 7.2 with U-Boot's md.l: 74726976 00000001 00000000 554d4551).</summary>
public sealed class VirtioMmioTests
{
    [Fact]
    public void Magic_legacy_version_no_device_and_vendor_QEMU()
    {
        var t = new EmptyVirtioMmioTransport(3);
        uint[] expected = [0x7472_6976, 1, 0, 0x554D_4551, 0, 0, 0, 0];
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(t.Read((ulong)i * 4, 4, out ulong v));
            Assert.Equal(expected[i], (uint)v);
        }
        Assert.True(t.Write(0x070, 4, 0xF)); // status: ignored
        Assert.True(t.Read(0x070, 4, out ulong status));
        Assert.Equal(0ul, status);
        Assert.Equal("virtio-mmio.3", t.Name);
    }
}

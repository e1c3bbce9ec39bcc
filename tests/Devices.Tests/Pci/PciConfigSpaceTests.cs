using Emulator.Devices.Pci;
using Emulator.Devices.Tests.Vga;
using Emulator.Devices.Vga;

namespace Emulator.Devices.Tests.Pci;

/// <summary>
/// Configuration space through the ECAM, checked against what QEMU 7.2's <c>-M virt -nic none
/// -device bochs-display,romfile=</c> (and <c>-device VGA</c>) shows at 0x40_1000_0000 with the
/// monitor's <c>xp</c>: identities, read-only fields, BAR sizing, memory decode, absent functions.
/// </summary>
public sealed class PciConfigSpaceTests
{
    private const ulong Vram = 16UL << 20;

    private static (PciEcam Ecam, PciDisplayFunction Display) NewBus(DisplayModel model = DisplayModel.BochsDisplay)
    {
        var ecam = new PciEcam(0x1000_0000);
        ecam.Attach(0, 0, new PciHostBridgeFunction());
        var display = new PciDisplayFunction(new BochsDisplay(Vram, new FakeVram((int)Vram), model));
        ecam.Attach(1, 0, display);
        return (ecam, display);
    }

    private static ulong Config(int device, int function, int register, int bus = 0) =>
        ((ulong)(uint)bus << 20) | ((ulong)(uint)device << 15) | ((ulong)(uint)function << 12) | (uint)register;

    private static uint Read(PciEcam ecam, ulong offset, int size = 4)
    {
        Assert.True(ecam.Read(offset, size, out ulong value));
        return (uint)value;
    }

    private static void Write(PciEcam ecam, ulong offset, uint value, int size = 4) => Assert.True(ecam.Write(offset, size, value));

    [Fact]
    public void The_host_bridge_and_bochs_display_read_as_on_QEMU()
    {
        (PciEcam ecam, _) = NewBus();
        uint[] bridge = [0x00081b36, 0x00000000, 0x06000000, 0, 0, 0, 0, 0, 0, 0, 0, 0x11001af4, 0, 0, 0, 0];
        uint[] bochs = [0x11111234, 0x00100000, 0x03800002, 0, 0x00000008, 0, 0, 0, 0, 0, 0, 0x11001af4, 0, 0x00000080, 0, 0];
        for (int i = 0; i < 16; i++)
        {
            Assert.Equal(bridge[i], Read(ecam, Config(0, 0, 4 * i)));
            Assert.Equal(bochs[i], Read(ecam, Config(1, 0, 4 * i)));
        }
        Assert.Equal(0x00920010u, Read(ecam, Config(1, 0, 0x80)));
        Assert.Equal(0x00008000u, Read(ecam, Config(1, 0, 0x84)));
        Assert.Equal(0x00000411u, Read(ecam, Config(1, 0, 0x8C)));
        Assert.Equal(0x00110000u, Read(ecam, Config(1, 0, 0x90)));
        Assert.Equal(0x00300000u, Read(ecam, Config(1, 0, 0xA4)));
        Assert.Equal(0u, Read(ecam, Config(1, 0, 0xFF8)));            // PCIe: 4 KiB of configuration space
        Assert.Equal(0xFFFFFFFFu, Read(ecam, Config(0, 0, 0x100)));   // the bridge is conventional: 256 bytes
        Assert.Equal(0x1234u, Read(ecam, Config(1, 0, 0), 2));
        Assert.Equal(0x11u, Read(ecam, Config(1, 0, 3), 1));
    }

    [Fact]
    public void The_VGA_model_is_a_conventional_VGA_compatible_function()
    {
        (PciEcam ecam, _) = NewBus(DisplayModel.Vga);
        Assert.Equal(0x11111234u, Read(ecam, Config(1, 0, 0)));
        Assert.Equal(0x00000000u, Read(ecam, Config(1, 0, 4)));
        Assert.Equal(0x03000002u, Read(ecam, Config(1, 0, 8)));
        Assert.Equal(0u, Read(ecam, Config(1, 0, 0x34)));
        Assert.Equal(0xFFFFFFFFu, Read(ecam, Config(1, 0, 0x100)));
    }

    [Theory]
    [InlineData(2, 0, 0)]
    [InlineData(1, 1, 0)]
    [InlineData(31, 7, 0)]
    [InlineData(0, 0, 1)]
    [InlineData(1, 0, 255)]
    public void Absent_functions_read_all_ones_and_ignore_writes(int device, int function, int bus)
    {
        (PciEcam ecam, PciDisplayFunction display) = NewBus();
        Assert.Equal(0xFFFFFFFFu, Read(ecam, Config(device, function, 0, bus)));
        Assert.Equal(0xFFFFu, Read(ecam, Config(device, function, 2, bus), 2));
        Assert.Equal(0xFFu, Read(ecam, Config(device, function, 0x3D, bus), 1));
        Write(ecam, Config(device, function, 4, bus), 0xFFFF);
        Assert.Equal(0, display.CommandRegister); // nothing else changed either
    }

    [Theory]
    [InlineData(0x01, 2)]  // unaligned halfword
    [InlineData(0x02, 4)]  // unaligned word
    [InlineData(0x00, 8)]  // wider than the ECAM accepts
    [InlineData(0x00, 3)]
    public void Bad_ECAM_accesses_are_bus_errors_not_host_exceptions(int register, int size)
    {
        (PciEcam ecam, _) = NewBus();
        Assert.False(ecam.Read(Config(1, 0, register), size, out _));
        Assert.False(ecam.Write(Config(1, 0, register), size, 0));
        Assert.False(ecam.Read(0x1000_0000, 4, out _)); // past the window
    }

    [Fact]
    public void Read_only_fields_ignore_writes()
    {
        (PciEcam ecam, _) = NewBus();
        Write(ecam, Config(1, 0, 0x00), 0xDEADBEEF);
        Write(ecam, Config(1, 0, 0x08), 0xFFFFFFFF);
        Write(ecam, Config(1, 0, 0x2C), 0);
        Write(ecam, Config(1, 0, 0x34), 0);
        Write(ecam, Config(1, 0, 0x80), 0);
        Write(ecam, Config(1, 0, 0x06), 0xFFFF, 2); // status: no error bit is set, so write-1-to-clear changes nothing
        Assert.Equal(0x11111234u, Read(ecam, Config(1, 0, 0)));
        Assert.Equal(0x03800002u, Read(ecam, Config(1, 0, 8)));
        Assert.Equal(0x11001af4u, Read(ecam, Config(1, 0, 0x2C)));
        Assert.Equal(0x80u, Read(ecam, Config(1, 0, 0x34)));
        Assert.Equal(0x00920010u, Read(ecam, Config(1, 0, 0x80)));
        Assert.Equal(0x0010u, Read(ecam, Config(1, 0, 6), 2));

        // Interrupt line is writable, interrupt pin (none: 0) is not; the command register keeps only implemented bits.
        Write(ecam, Config(1, 0, 0x3C), 0xFFFF, 2);
        Assert.Equal(0x00FFu, Read(ecam, Config(1, 0, 0x3C), 2));
        Write(ecam, Config(1, 0, 0x04), 0xFFFF, 2);
        Assert.Equal(0x0547u, Read(ecam, Config(1, 0, 0x04), 2));
    }

    [Fact]
    public void BAR_sizing_reads_back_the_size_mask_with_the_type_bits()
    {
        (PciEcam ecam, PciDisplayFunction display) = NewBus();
        for (int bar = 0; bar < 6; bar++)
            Write(ecam, Config(1, 0, 0x10 + 4 * bar), 0xFFFFFFFF);
        Assert.Equal(0xFF000008u, Read(ecam, Config(1, 0, 0x10)));  // 16 MiB, prefetchable, 32-bit memory
        Assert.Equal(0u, Read(ecam, Config(1, 0, 0x14)));           // BAR1 not implemented
        Assert.Equal(0xFFFFF000u, Read(ecam, Config(1, 0, 0x18)));  // 4 KiB, non-prefetchable
        Assert.Equal(0u, Read(ecam, Config(1, 0, 0x1C)));
        Assert.Equal(Vram, display.BarSize(0));
        Assert.Equal(0x1000UL, display.BarSize(2));

        // Low bits below the size are not writable.
        Write(ecam, Config(1, 0, 0x18), 0x2000_0FFF);
        Assert.Equal(0x20000000u, Read(ecam, Config(1, 0, 0x18)));
        Write(ecam, Config(1, 0, 0x10), 0x1080_0000);
        Assert.Equal(0x10000008u, Read(ecam, Config(1, 0, 0x10)));
    }

    [Fact]
    public void A_BAR_decodes_only_with_memory_decode_on_and_a_programmed_address()
    {
        (PciEcam ecam, PciDisplayFunction display) = NewBus();
        int changes = 0;
        display.DecodeChanged += _ => changes++;
        Write(ecam, Config(1, 0, 0x10), 0x1000_0000);
        Write(ecam, Config(1, 0, 0x18), 0x1100_0000);
        Assert.Null(display.BarAddress(0));
        Assert.Null(display.BarAddress(2));
        Write(ecam, Config(1, 0, 0x04), 0x0002, 2);
        Assert.Equal(0x1000_0000UL, display.BarAddress(0));
        Assert.Equal(0x1100_0000UL, display.BarAddress(2));
        Assert.Null(display.BarAddress(1));

        Write(ecam, Config(1, 0, 0x10), 0xFFFFFFFF); // sizing with decode on: nothing maps at the top of 4 GiB
        Assert.Null(display.BarAddress(0));
        Write(ecam, Config(1, 0, 0x04), 0x0000, 2);
        Assert.Null(display.BarAddress(2));
        Assert.Equal(5, changes);

        Write(ecam, Config(1, 0, 0x3C), 5, 1); // not a decode register
        Assert.Equal(5, changes);
        display.Reset();
        Assert.Equal(0x00000008u, Read(ecam, Config(1, 0, 0x10)));
        Assert.Equal(0u, Read(ecam, Config(1, 0, 0x3C)));
    }

    [Fact]
    public void Two_functions_cannot_share_a_slot()
    {
        (PciEcam ecam, _) = NewBus();
        Assert.Throws<ArgumentException>(() => ecam.Attach(1, 0, new PciHostBridgeFunction()));
        Assert.Throws<ArgumentOutOfRangeException>(() => ecam.Attach(32, 0, new PciHostBridgeFunction()));
    }
}

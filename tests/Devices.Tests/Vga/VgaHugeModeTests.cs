using Emulator.Devices.Vga;

namespace Emulator.Devices.Tests.Vga;

/// <summary>A valid mode too large to display is refused by the scanout instead of costing gigabytes per frame.</summary>
public sealed class VgaHugeModeTests
{
    [Fact]
    public void A_16000x12000_mode_is_not_displayed_and_a_smaller_one_is_again()
    {
        const ulong vramSize = 256UL << 20;
        var vram = new FakeVram(64 * 64); // the huge mode is never read: nothing is displayed
        var device = new BochsDisplay(vramSize, vram);
        var scanout = new VgaScanout(device, vram, new FakeDirtyLog(), null);

        Vbe.SetMode(device, 16000, 12000, 8);
        Assert.NotNull(device.Mode); // valid for the device: it fits 256 MiB, as QEMU allows
        scanout.BeginFrame(1, 0, 0);
        Assert.Null(scanout.EndFrame());
        Assert.Equal(16000, scanout.TooLarge!.Width);
        Assert.Empty(vram.Reads);

        Vbe.SetMode(device, 64, 64, 8);
        scanout.BeginFrame(2, 0, 0);
        VgaFrame? frame = scanout.EndFrame();
        Assert.NotNull(frame);
        Assert.Equal(64 * 64, frame!.Pixels.Length);
        Assert.Null(scanout.TooLarge);
    }
}

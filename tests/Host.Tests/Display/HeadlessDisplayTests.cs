using Emulator.Host.Display;

using Emulator.Devices.Vga;

namespace Emulator.Host.Tests.Display;

public sealed class HeadlessDisplayTests
{
    [Fact]
    public void Keeps_the_last_frame_and_status_and_gives_no_commands()
    {
        using var display = new HeadlessDisplay();
        Assert.Null(display.LastFrame);
        VgaFrame first = TestFrames.Pattern(1, 4, 4), second = TestFrames.Pattern(2, 4, 4);

        display.Present(first, new DisplayStatus("none", 10, false));
        display.Present(second, new DisplayStatus("clean-on-fault", 12.5, true));

        Assert.Same(second, display.LastFrame);
        Assert.Equal(new DisplayStatus("clean-on-fault", 12.5, true), display.LastStatus);
        Assert.Equal(2, display.FramesPresented);
        Assert.False(display.TryGetCommand(out _));
        Assert.Equal("headless", display.Name);
    }
}

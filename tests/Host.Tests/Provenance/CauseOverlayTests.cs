using Emulator.Host.Display;
using Emulator.Host.Provenance;

namespace Emulator.Host.Tests.Provenance;

public sealed class CauseOverlayTests
{
    [Fact]
    public void Stale_pixels_take_their_causes_colour_and_the_others_are_dimmed()
    {
        uint[] pixels = [0xFFFFFFFF, 0xFF808080, 0xFF000000, 0xFF102030];
        byte[] causes = [0, (byte)StaleCause.StaleCleanLine, (byte)StaleCause.DirtyHostLineEvicted, (byte)StaleCause.Unknown];
        var result = new uint[4];
        CauseOverlay.Compose(pixels, causes, result);
        Assert.Equal(0xFF3F3F3Fu, result[0]);
        Assert.Equal(0xFF0000FFu, result[1]);
        Assert.Equal(0xFFFFFF00u, result[2]);
        Assert.Equal(0xFFFFFFFFu, result[3]);
        Assert.Equal(StaleCauses.All.Length + 1, CauseOverlay.Colours.Length);
    }
}

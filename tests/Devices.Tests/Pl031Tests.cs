using Emulator.Devices.Rtc;

namespace Emulator.Devices.Tests;

public sealed class Pl031Tests
{
    private ulong _seconds;

    private uint Read(Pl031 rtc, ulong offset)
    {
        Assert.True(rtc.Read(offset, 4, out ulong v));
        return (uint)v;
    }

    [Fact]
    public void Counter_starts_at_the_configured_time_and_follows_simulated_time()
    {
        var rtc = new Pl031(1_000_000, () => _seconds);
        Assert.Equal(1_000_000u, Read(rtc, 0x000));
        _seconds = 5;
        Assert.Equal(1_000_005u, Read(rtc, 0x000));
        Assert.True(rtc.Write(0x008, 4, 42));    // RTCLR
        Assert.Equal(42u, Read(rtc, 0x000));
        _seconds = 7;
        Assert.Equal(44u, Read(rtc, 0x000));
        Assert.Equal(1u, Read(rtc, 0x00C));      // RTCCR: started
    }

    [Fact]
    public void Primecell_identification()
    {
        var rtc = new Pl031(0, () => 0);
        Assert.Equal(new uint[] { 0x31, 0x10, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1 },
            Enumerable.Range(0, 8).Select(i => Read(rtc, 0xFE0 + (ulong)i * 4)).ToArray());
    }

    [Fact]
    public void Match_raises_the_interrupt_line_until_cleared()
    {
        var levels = new List<bool>();
        var rtc = new Pl031(100, () => _seconds) { InterruptLine = levels.Add };
        Assert.True(rtc.Write(0x004, 4, 102));   // RTCMR
        Assert.True(rtc.Write(0x010, 4, 1));     // RTCIMSC
        _seconds = 1;
        rtc.Poll();
        Assert.Empty(levels);
        _seconds = 3;
        rtc.Poll();
        Assert.Equal([true], levels);
        Assert.Equal(1u, Read(rtc, 0x018));      // RTCMIS
        Assert.True(rtc.Write(0x01C, 4, 1));     // RTCICR
        Assert.Equal([true, false], levels);
        Assert.Equal(0u, Read(rtc, 0x014));
    }
}

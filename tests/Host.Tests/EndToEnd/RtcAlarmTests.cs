namespace Emulator.Host.Tests.EndToEnd;

/// <summary>
/// Guests/rtcalarm.S: a GICv2 uniprocessor guest that never writes GICD_ITARGETSR arms the PL031
/// alarm one second ahead and sleeps in WFI; the alarm's SPI (INTID 34) is delivered, as on QEMU
/// (IHI 0048B 4.3.12: on a uniprocessor GIC every interrupt targets the one CPU and ITARGETSR is
/// RAZ/WI). The alarm is a host deadline, so the sleeping core wakes at the simulated second.
/// </summary>
public sealed class RtcAlarmTests
{
    private const string Expected = "GICD_ITARGETSR8 0x0\nrtc alarm interrupt, INTID 0x22\n";

    [Theory]
    [InlineData("--display", "headless")]
    [InlineData("--display", "headless", "--interpret", "--cache", "off")]
    public void Rtc_alarm_reaches_a_guest_that_never_targeted_the_spi(params string[] options)
    {
        using var temp = new TempDirectory();
        string? elf = TestGuests.Build(temp, "rtcalarm");
        if (elf is null)
            return;
        ProcessResult ours = EmulatorProcess.Run(["run", elf, .. options]);
        Assert.True(ours.ExitCode == 0, $"exit {ours.ExitCode}: {ours.Stderr}\n{ours.Stdout}");
        Assert.Equal(Expected, ours.Stdout);
    }

    [Fact]
    public void Qemu_delivers_it_too()
    {
        using var temp = new TempDirectory();
        string? elf = TestGuests.Build(temp, "rtcalarm");
        if (elf is null)
            return;
        ProcessResult? reference = EmulatorProcess.RunQemu(elf);
        if (reference is null)
            return;
        Assert.Equal(0, reference.ExitCode);
        Assert.Equal(Expected, reference.Stdout);
    }
}

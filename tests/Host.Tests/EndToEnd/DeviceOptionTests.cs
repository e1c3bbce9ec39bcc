namespace Emulator.Host.Tests.EndToEnd;

/// <summary>--device: QEMU's display names are accepted, anything else is a usage error naming the cause.</summary>
public sealed class DeviceOptionTests
{
    [Theory]
    [InlineData("bochs-display")]
    [InlineData("bochs-display,romfile=")]
    [InlineData("VGA,addr=01.0")]
    public void QEMUs_names_for_the_display_are_accepted(string device)
    {
        ProcessResult r = EmulatorProcess.Run("run", EmulatorProcess.Sample("hello.elf"), "--device", device, "--display", "headless");
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}: {r.Stderr}");
        Assert.Contains("Hello from the guest!", r.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("virtio-gpu-pci", "'virtio-gpu-pci' is not a device this board has")]
    [InlineData("bochs-display,romfile=vgabios.bin", "option ROMs are not modelled")]
    [InlineData("bochs-display,addr=02.0", "can only be at 00:01.0")]
    [InlineData("bochs-display,vgamem=32M", "--vram")]
    [InlineData("bochs-display,edid=off", "property 'edid=off'")]
    public void Other_devices_and_properties_are_refused_with_the_reason(string device, string message)
    {
        ProcessResult r = EmulatorProcess.Run("run", EmulatorProcess.Sample("hello.elf"), "--device", device, "--display", "headless");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr, StringComparison.Ordinal);
    }
}

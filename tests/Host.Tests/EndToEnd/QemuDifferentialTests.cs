namespace Emulator.Host.Tests.EndToEnd;

/// <summary>
/// The same image on qemu-system-aarch64 (the reference machine) and on the emulator prints the
/// same bytes on the UART. QEMU 7.2 passes x0 = 0 to ELF kernels (the samples fall back to the DTB
/// at the start of RAM, where both machines put it); that difference is not visible in the output.
/// </summary>
public sealed class QemuDifferentialTests
{
    [Theory]
    [InlineData("hello.elf", null, null)]
    [InlineData("hello.elf", "fb=nc console=ttyAMA0", null)]
    [InlineData("undef.elf", null, null)]
    [InlineData("echo.elf", null, "hello\nworld\nquit\n")]
    public void Sample_prints_the_same_bytes_as_on_qemu(string sample, string? append, string? input)
    {
        ProcessResult? reference = EmulatorProcess.RunQemu(EmulatorProcess.Sample(sample), append: append, input: input);
        if (reference is null)
            return; // not installed on this developer machine; scripts/test.sh makes it required
        Assert.Equal(0, reference.ExitCode);

        var args = new List<string> { "run", EmulatorProcess.Sample(sample) };
        if (append is not null)
            args.AddRange(["--append", append]);
        ProcessResult ours = EmulatorProcess.RunWithInput(input, [.. args]);

        Assert.Equal(0, ours.ExitCode);
        Assert.NotEmpty(reference.StdoutBytes);
        Assert.Equal(reference.StdoutBytes, ours.StdoutBytes);
    }
}

using System.Buffers.Binary;
using System.Diagnostics;

namespace Emulator.Host.Tests.EndToEnd;

/// <summary>
/// samples/bin/fp.elf: floating point and Advanced SIMD as -O3 code uses them (N-body and LU in
/// double precision, FSQRT/FDIV/FMADD, conversions and FRINT* under the four rounding modes, NaN
/// handling, FPCR.DN/FZ, auto-vectorised loops, LD2/LD3/ST2, vectorised memcpy/memset/strlen,
/// struct copies with LDP/STP Q). It prints every result as a hex bit pattern or checksum (with
/// the cumulative FPSR flags), so the UART output is exact: it must equal QEMU's byte for byte
/// and the committed samples/fp/expected-output.txt (recorded on QEMU), with every execution mode.
/// </summary>
public sealed class FpSampleTests
{
    private static string ExpectedPath => Path.Combine(EmulatorProcess.RepositoryRoot, "samples", "fp", "expected-output.txt");

    [Theory]
    [InlineData("")]
    [InlineData("--cache off")]
    [InlineData("--interpret")]
    [InlineData("--interpret --cache off")]
    public void Fp_sample_prints_the_expected_bytes(string options)
    {
        string[] extra = options.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        ProcessResult ours = EmulatorProcess.Run(["run", EmulatorProcess.Sample("fp.elf"), .. extra]);

        Assert.True(ours.ExitCode == 0, $"exit {ours.ExitCode}: {ours.Stderr}\n{ours.Stdout}");
        Assert.Equal(File.ReadAllText(ExpectedPath), ours.Stdout);
        Assert.Equal(File.ReadAllBytes(ExpectedPath), ours.StdoutBytes);
    }

    [Fact]
    public void Fp_sample_prints_the_same_bytes_as_on_qemu()
    {
        ProcessResult? reference = EmulatorProcess.RunQemu(EmulatorProcess.Sample("fp.elf"));
        if (reference is null)
            return; // not installed on this developer machine; scripts/test.sh makes it required
        Assert.Equal(0, reference.ExitCode);
        // The committed expectation is QEMU's output.
        Assert.Equal(File.ReadAllBytes(ExpectedPath), reference.StdoutBytes);

        ProcessResult ours = EmulatorProcess.Run("run", EmulatorProcess.Sample("fp.elf"));
        Assert.Equal(0, ours.ExitCode);
        Assert.Equal(reference.StdoutBytes, ours.StdoutBytes);
    }

    /// <summary>
    /// The same FP instruction -O3 code emits (FMADD) with CPACR_EL1.FPEN = 0: the access trap,
    /// ESR_EL1 = 0x1FE00000 (EC 0x07, IL, CV = 1, COND = 0xE), ELR_EL1 = the FMADD. A raw image
    /// (position independent) loaded at 0x40100000; its EL1 sync vector prints the verdict.
    /// </summary>
    [Fact]
    public void Fp_instruction_with_fpen_0_takes_the_access_trap_as_on_qemu()
    {
        using var temp = new TempDirectory();
        string image = Path.Combine(temp.Path, "fptrap.bin");
        File.WriteAllBytes(image, TrapImage());
        const string Expected = "EC 0x07 ESR ok ELR ok\n";

        ProcessResult ours = EmulatorProcess.Run("run", image, "--load-address", "0x40100000");
        Assert.Equal(0, ours.ExitCode);
        Assert.Equal(Expected, ours.Stdout);
        ProcessResult interpreted = EmulatorProcess.Run("run", image, "--load-address", "0x40100000", "--interpret");
        Assert.Equal(Expected, interpreted.Stdout);

        string? qemu = EmulatorProcess.FindTool("qemu-system-aarch64");
        if (qemu is null)
            return;
        var start = new ProcessStartInfo(qemu)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "-M", "virt", "-cpu", "cortex-a57", "-m", "128M", "-nographic", "-nic", "none",
                     "-monitor", "none", "-device", $"loader,file={image},addr=0x40100000,cpu-num=0" })
            start.ArgumentList.Add(a);
        ProcessResult reference = EmulatorProcess.Execute(start, null, TimeSpan.FromSeconds(60));
        Assert.Equal(0, reference.ExitCode);
        Assert.Equal(Expected, reference.Stdout);
    }

    /// <summary>The trap program (aarch64-linux-gnu-as, linked at 0x40100000), 0xA30 bytes.</summary>
    private static byte[] TrapImage()
    {
        var image = new byte[0xA30];
        void Words(int offset, params uint[] words)
        {
            for (int i = 0; i < words.Length; i++)
                BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(offset + 4 * i), words[i]);
        }
        void Text(int offset, string s)
        {
            for (int i = 0; i < s.Length; i++)
                image[offset + i] = (byte)s[i];
        }
        Words(0x000,
            0x10004001,  // adr   x1, vectors (+0x800)
            0xd518c001,  // msr   vbar_el1, x1
            0xd518105f,  // msr   cpacr_el1, xzr        (FPEN = 0)
            0xd5033fdf,  // isb
            0xd2a12014,  // mov   x20, #0x9000000       (PL011 data register)
            0x1f400001,  // fmadd d1, d0, d0, d0        (trapped: +0x14)
            0x10000181,  // adr   x1, msg_none (+0x48)
            0x94000002,  // bl    puts
            0x14000006,  // b     off
            0x38401422,  // puts: ldrb w2, [x1], #1
            0x34000062,  // cbz   w2, ret
            0xb9000282,  // str   w2, [x20]
            0x17fffffd,  // b     puts
            0xd65f03c0,  // ret
            0xd2800100,  // off:  mov x0, #0x8
            0xf2b08000,  // movk  x0, #0x8400, lsl #16 (PSCI SYSTEM_OFF)
            0xd4000002,  // hvc   #0
            0x17fffffd); // b     off
        Text(0x48, "no trap\n\0");
        Text(0x51, "EC 0x07 ESR ok ELR ok\n\0");
        Text(0x68, "wrong ESR or ELR\n\0");
        Words(0xA00,     // vectors + 0x200: current EL with SP_ELx, synchronous
            0xd5385202,  // mrs   x2, esr_el1
            0xd5384023,  // mrs   x3, elr_el1
            0x10ffb301,  // adr   x1, msg_bad
            0xd2a3fc04,  // mov   x4, #0x1fe00000
            0xeb04005f,  // cmp   x2, x4
            0x540000a1,  // b.ne  print
            0x10ffafe5,  // adr   x5, trapped
            0xeb05007f,  // cmp   x3, x5
            0x54000041,  // b.ne  print
            0x30ffb161,  // adr   x1, msg_ok
            0x97fffd7f,  // print: bl puts
            0x17fffd83); // b     off
        return image;
    }
}

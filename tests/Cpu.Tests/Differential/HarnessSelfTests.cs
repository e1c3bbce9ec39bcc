using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests.Differential;

/// <summary>The harness itself, on this emulator only: a dump shows exactly what a case changed.</summary>
public sealed class HarnessSelfTests
{
    private static DiffCase Case(params uint[] words)
    {
        ulong[] x = new ulong[31];
        for (int i = 0; i < 31; i++)
            x[i] = (ulong)i * 0x0101_0101_0101_0101;
        x[5] = HarnessImage.ScratchAddress;
        return new DiffCase("test", words, x, 0x6000_0000, HarnessImage.ScratchAddress + 0x80, new byte[HarnessImage.ScratchBytes]);
    }

    [Fact]
    public void Each_case_prints_the_registers_flags_memory_and_exception_it_changed()
    {
        string text = DifferentialRunner.RunOnEmulator(HarnessImage.Build([
            Case(AddImm(X1, X1, 1)),
            Case(SubsImm(X2, X2, 0x202)),
            Case(Str(X3, new Address(X5, 8, AddressMode.Offset))),
            Case(AddImm(SP, SP, 0x10)),
            Case(0u), // UDF #0
            Case(Movz(X30, 7)),
        ]));
        string[] lines = text.Split('\n');
        Assert.Equal("C0000 r01=0101010101010102", lines[0]);
        Assert.Equal("C0001 r02=0202020202020000 r1f=0000000020000000", lines[1]); // NZCV 0110 -> 0010
        Assert.Equal("C0002 m01=0303030303030303", lines[2]);
        Assert.Equal("C0003 r20=0000000040f00090", lines[3]);
        Assert.Equal("C0004 e=02000000", lines[4]);
        Assert.Equal("C0005 r1e=0000000000000007", lines[5]);
        Assert.Equal(string.Empty, lines[6]);
    }

    private static DiffCase FpCase(uint fpsr, params uint[] words)
    {
        DiffCase c = Case(words);
        ulong[] v = new ulong[64];
        for (int i = 0; i < 64; i++)
            v[i] = (ulong)i * 0x0001_0001_0001_0001;
        byte[] scratch = new byte[HarnessImage.ScratchBytes];
        for (int i = 0; i < scratch.Length; i++)
            scratch[i] = (byte)(0xA0 + i);
        return new DiffCase("test", words, c.Registers, c.Nzcv, c.Sp, scratch) { Vector = v, Fpcr = 0x0080_0000, Fpsr = fpsr };
    }

    [Fact]
    public void A_simd_fp_image_prints_fpcr_fpsr_and_the_vector_registers_a_case_changed()
    {
        string text = DifferentialRunner.RunOnEmulator(HarnessImage.Build([
            FpCase(0, AddImm(X1, X1, 1)),   // V, FPCR and FPSR round-trip unchanged
            FpCase(0, 0x3DC0_00A2),         // ldr q2, [x5]
            FpCase(0, 0x3D80_04A3),         // str q3, [x5, #16]
            FpCase(0, 0xD51B_4406),         // msr fpcr, x6 (x6 = 0x0606..06: AHP, DN, RMode 00 kept)
            FpCase(0x11, 0xD53B_4427),      // mrs x7, fpsr
        ], simdFp: true));
        string[] lines = text.Split('\n');
        Assert.Equal("C0000 r01=0101010101010102", lines[0]);
        Assert.Equal("C0001 v02=afaeadacabaaa9a8a7a6a5a4a3a2a1a0", lines[1]);
        Assert.Equal("C0002 m02=0006000600060006 m03=0007000700070007", lines[2]);
        Assert.Equal("C0003 fpcr=06000000", lines[3]);
        Assert.Equal("C0004 r07=0000000000000011", lines[4]);
        Assert.Equal(string.Empty, lines[5]);
    }
}

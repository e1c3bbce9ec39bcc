using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Simd.FpSimd;

namespace Emulator.Cpu.Tests.Simd;

/// <summary>
/// The fixed-point conversions of shift by immediate: SCVTF, UCVTF, FCVTZS, FCVTZU with fraction bits, vector and scalar.
/// Expected values follow the Arm ARM pseudocode of each instruction; every case was also run on
/// qemu-system-aarch64 (cortex-a57), which gave the same register and FPSR.
/// </summary>
public sealed class SimdFloatingPointFixedPointTests
{
    [Fact]
    public void Scvtf_4S_FractionBits3()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(0x00000008, 0xFFFFFFFC, 0x00000001, 0x7FFFFFFF));
            },
            0x4F3DE420); // scvtf v0.4s, v1.4s, #3
        AssertV(m, 0, V4(S(1f), S(-0.5f), S(0.125f), S(268435456f)));
        AssertFpsr(m, IXC);
    }

    [Fact]
    public void Ucvtf_2D_FractionBits64()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D2(0x8000000000000000, 0x0000000000000001));
            },
            0x6F40E420); // ucvtf v0.2d, v1.2d, #64
        AssertV(m, 0, D2(D(0.5), D(5.421010862427522e-20)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Fcvtzs_4S_FractionBits1()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(1.75f), S(-1.75f), S(10000000000f), S(0.25f)));
            },
            0x4F3FFC20); // fcvtzs v0.4s, v1.4s, #1
        AssertV(m, 0, V4(0x00000003, 0xFFFFFFFD, 0x7FFFFFFF, 0x00000000));
        AssertFpsr(m, IOC | IXC);
    }

    [Fact]
    public void Fcvtzu_2S_FractionBits32()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(0.5f), S(-0.5f), S(9f), S(9f)));
            },
            0x2F20FC20); // fcvtzu v0.2s, v1.2s, #32
        AssertV(m, 0, V2(0x80000000, 0x00000000));
        AssertFpsr(m, IOC);
    }

    [Fact]
    public void Scvtf_2D_FpcrRounding()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D2(0x0040000000000001, 0xFFBFFFFFFFFFFFFF));
                c.Fpcr = RoundMinus;
            },
            0x4F7FE420); // scvtf v0.2d, v1.2d, #1
        AssertV(m, 0, D2(D(9007199254740992.0), D(-9007199254740994.0)));
        AssertFpsr(m, IXC);
    }

    [Fact]
    public void FcvtzuScalar_D_FractionBits32()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D1(D(1.5)));
            },
            0x7F60FC20); // fcvtzu d0, d1, #32
        AssertV(m, 0, D1(0x0000000180000000));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void ScvtfScalar_S_FractionBits32()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, S1(0x80000000));
            },
            0x5F20E420); // scvtf s0, s1, #32
        AssertV(m, 0, S1(S(-0.5f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void UcvtfScalar_D_FractionBits1()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D1(0x0000000000000003));
            },
            0x7F7FE420); // ucvtf d0, d1, #1
        AssertV(m, 0, D1(D(1.5)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void FcvtzsScalar_S_FractionBits3()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, S1(S(-1.3f)));
            },
            0x5F3DFC20); // fcvtzs s0, s1, #3
        AssertV(m, 0, S1(0xFFFFFFF6));
        AssertFpsr(m, IXC);
    }
}

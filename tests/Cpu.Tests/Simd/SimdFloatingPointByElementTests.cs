using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Simd.FpSimd;

namespace Emulator.Cpu.Tests.Simd;

/// <summary>
/// FMLA, FMLS, FMUL, FMULX by element, vector and scalar.
/// Expected values follow the Arm ARM pseudocode of each instruction; every case was also run on
/// qemu-system-aarch64 (cortex-a57), which gave the same register and FPSR.
/// </summary>
public sealed class SimdFloatingPointByElementTests
{
    [Fact]
    public void Fmul_4S_Lane3()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(1f), S(2f), S(-3f), S(float.PositiveInfinity)));
                c.Set(2, V4(S(9f), S(9f), S(9f), S(2f)));
            },
            0x4FA29820); // fmul v0.4s, v1.4s, v2.s[3]
        AssertV(m, 0, V4(S(2f), S(4f), S(-6f), S(float.PositiveInfinity)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Fmul_4S_Lane2()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(1f), S(2f), S(-3f), S(float.PositiveInfinity)));
                c.Set(2, V4(S(9f), S(9f), S(0.5f), S(2f)));
            },
            0x4F829820); // fmul v0.4s, v1.4s, v2.s[2]
        AssertV(m, 0, V4(S(0.5f), S(1f), S(-1.5f), S(float.PositiveInfinity)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Fmul_2S_ClearsTheUpperHalf()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(1.5f), S(3f), S(7f), S(7f)));
                c.Set(2, V4(S(0f), S(0f), S(-2f), S(0f)));
            },
            0x0F829820); // fmul v0.2s, v1.2s, v2.s[2]
        AssertV(m, 0, V2(S(-3f), S(-6f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Fmla_2D_HighRegisterAndLane()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, D2(D(1.0), D(2.0)));
                c.Set(1, D2(D(3.0), D(4.0)));
                c.Set(31, D2(D(100.0), D(0.5)));
            },
            0x4FDF1820); // fmla v0.2d, v1.2d, v31.d[1]
        AssertV(m, 0, D2(D(2.5), D(4.0)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Fmls_4S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, V4(S(10f), S(10f), S(10f), S(10f)));
                c.Set(1, V4(S(1f), S(2f), S(3f), S(4f)));
                c.Set(2, V4(S(0f), S(2f), S(0f), S(0f)));
            },
            0x4FA25020); // fmls v0.4s, v1.4s, v2.s[1]
        AssertV(m, 0, V4(S(8f), S(6f), S(4f), S(2f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Fmla_4S_RdIsRm_ElementReadFirst()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(1, V4(S(1f), S(1f), S(1f), S(1f)));
                c.Set(2, V4(S(2f), S(1f), S(1f), S(1f)));
            },
            0x4F821022); // fmla v2.4s, v1.4s, v2.s[0]
        AssertV(m, 2, V4(S(4f), S(3f), S(3f), S(3f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Fmulx_2D()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D2(D(double.PositiveInfinity), D(3.0)));
                c.Set(2, D2(D(-0.0), D(9.0)));
            },
            0x6FC29020); // fmulx v0.2d, v1.2d, v2.d[0]
        AssertV(m, 0, D2(D(-2.0), D(-0.0)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void FmulScalar_S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(1.5f), S(9f), S(9f), S(9f)));
                c.Set(2, V4(S(0f), S(0f), S(0f), S(4f)));
            },
            0x5FA29820); // fmul s0, s1, v2.s[3]
        AssertV(m, 0, S1(S(6f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void FmulxScalar_D()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D2(D(0.0), D(9.0)));
                c.Set(2, D2(D(9.0), D(double.NegativeInfinity)));
            },
            0x7FC29820); // fmulx d0, d1, v2.d[1]
        AssertV(m, 0, D1(D(-2.0)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void FmlaScalar_S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, V4(S(1f), S(7f), S(7f), S(7f)));
                c.Set(1, V4(S(2f), S(9f), S(9f), S(9f)));
                c.Set(2, V4(S(0f), S(3f), S(0f), S(0f)));
            },
            0x5FA21020); // fmla s0, s1, v2.s[1]
        AssertV(m, 0, S1(S(7f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void FmlsScalar_D()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, D2(D(1.0), D(5.0)));
                c.Set(1, D2(D(2.0), D(9.0)));
                c.Set(2, D2(D(0.0), D(0.25)));
            },
            0x5FC25820); // fmls d0, d1, v2.d[1]
        AssertV(m, 0, D1(D(0.5)));
        AssertFpsr(m, 0);
    }
}

using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Simd.FpSimd;

namespace Emulator.Cpu.Tests.Simd;

/// <summary>
/// The pairwise floating-point operations: FADDP, FMAXP, FMINP, FMAXNMP, FMINNMP (vector and scalar) and across lanes FMAXV, FMINV, FMAXNMV, FMINNMV (Reduce: op(op(e0, e1), op(e2, e3)), which decides the NaN that propagates).
/// Expected values follow the Arm ARM pseudocode of each instruction; every case was also run on
/// qemu-system-aarch64 (cortex-a57), which gave the same register and FPSR.
/// </summary>
public sealed class SimdFloatingPointPairwiseTests
{
    [Fact]
    public void Faddp_4S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(1f), S(2f), S(3f), S(4f)));
                c.Set(2, V4(S(10f), S(20f), S(30f), S(40f)));
            },
            0x6E22D420); // faddp v0.4s, v1.4s, v2.4s
        AssertV(m, 0, V4(S(3f), S(7f), S(30f), S(70f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Faddp_4S_RdIsRm()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(1, V4(S(1f), S(2f), S(3f), S(4f)));
                c.Set(2, V4(S(10f), S(20f), S(30f), S(40f)));
            },
            0x6E22D422); // faddp v2.4s, v1.4s, v2.4s
        AssertV(m, 2, V4(S(3f), S(7f), S(30f), S(70f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Faddp_4S_RdIsRn()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(1, V4(S(1f), S(2f), S(3f), S(4f)));
                c.Set(2, V4(S(10f), S(20f), S(30f), S(40f)));
            },
            0x6E22D421); // faddp v1.4s, v1.4s, v2.4s
        AssertV(m, 1, V4(S(3f), S(7f), S(30f), S(70f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Faddp_2S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(1f), S(2f), S(99f), S(99f)));
                c.Set(2, V4(S(10f), S(20f), S(99f), S(99f)));
            },
            0x2E22D420); // faddp v0.2s, v1.2s, v2.2s
        AssertV(m, 0, V2(S(3f), S(30f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Faddp_2D()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D2(D(1.0), D(2.0)));
                c.Set(2, D2(D(3.0), D(4.0)));
            },
            0x6E62D420); // faddp v0.2d, v1.2d, v2.2d
        AssertV(m, 0, D2(D(3.0), D(7.0)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Fmaxp_4S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(0x7FC00001, S(1f), S(2f), 0x7FC00002));
                c.Set(2, V4(S(-1f), S(-2f), S(0f), S(-0f)));
            },
            0x6E22F420); // fmaxp v0.4s, v1.4s, v2.4s
        AssertV(m, 0, V4(0x7FC00001, 0x7FC00002, S(-1f), S(0f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Fminp_4S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(0x7FC00001, S(1f), S(2f), 0x7FC00002));
                c.Set(2, V4(S(-1f), S(-2f), S(0f), S(-0f)));
            },
            0x6EA2F420); // fminp v0.4s, v1.4s, v2.4s
        AssertV(m, 0, V4(0x7FC00001, 0x7FC00002, S(-2f), S(-0f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Fmaxnmp_2D()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D2(0x7FF8000000000001, D(1.0)));
                c.Set(2, D2(0x7FF8000000000002, 0x7FF8000000000003));
            },
            0x6E62C420); // fmaxnmp v0.2d, v1.2d, v2.2d
        AssertV(m, 0, D2(D(1.0), 0x7FF8000000000002));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Fminnmp_4S_SignalingNaN()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(0x7FC00000, S(3f), S(float.NegativeInfinity), 0x7F800001));
                c.Set(2, V4(S(1f), S(2f), S(3f), S(4f)));
            },
            0x6EA2C420); // fminnmp v0.4s, v1.4s, v2.4s
        AssertV(m, 0, V4(S(3f), 0x7FC00001, S(1f), S(3f)));
        AssertFpsr(m, IOC);
    }

    [Fact]
    public void FaddpScalar_S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(1.5f), S(2.25f), S(99f), S(99f)));
            },
            0x7E30D820); // faddp s0, v1.2s
        AssertV(m, 0, S1(S(3.75f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void FaddpScalar_D()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D2(D(1.0), D(1e-300)));
            },
            0x7E70D820); // faddp d0, v1.2d
        AssertV(m, 0, D1(D(1.0)));
        AssertFpsr(m, IXC);
    }

    [Fact]
    public void FmaxpScalar_S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(1f), 0x7FC00005, S(9f), S(9f)));
            },
            0x7E30F820); // fmaxp s0, v1.2s
        AssertV(m, 0, S1(0x7FC00005));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void FminpScalar_D()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D2(D(-1.0), D(-2.0)));
            },
            0x7EF0F820); // fminp d0, v1.2d
        AssertV(m, 0, D1(D(-2.0)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void FmaxnmpScalar_S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(0x7FC00000, S(-5f), S(0f), S(0f)));
            },
            0x7E30C820); // fmaxnmp s0, v1.2s
        AssertV(m, 0, S1(S(-5f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void FminnmpScalar_D()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D2(D(4.0), 0x7FF8000000000000));
            },
            0x7EF0C820); // fminnmp d0, v1.2d
        AssertV(m, 0, D1(D(4.0)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Fmaxv()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(1f), S(5f), S(-2f), S(3f)));
            },
            0x6E30F820); // fmaxv s0, v1.4s
        AssertV(m, 0, S1(S(5f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Fminv()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(1f), S(5f), S(-2f), S(3f)));
            },
            0x6EB0F820); // fminv s0, v1.4s
        AssertV(m, 0, S1(S(-2f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Fmaxnmv_QuietNaNs()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(0x7FC00000, S(1f), S(2f), 0x7FC00001));
            },
            0x6E30C820); // fmaxnmv s0, v1.4s
        AssertV(m, 0, S1(S(2f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Fminnmv()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(4f), 0x7FC00000, S(3f), S(8f)));
            },
            0x6EB0C820); // fminnmv s0, v1.4s
        AssertV(m, 0, S1(S(3f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Fmaxv_FirstNaNOfTheLowPairWins()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(0x7FC00001, S(1f), S(2f), 0x7FC00002));
            },
            0x6E30F820); // fmaxv s0, v1.4s
        AssertV(m, 0, S1(0x7FC00001));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Fminv_SignalingNaN()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(1f), S(2f), 0x7F800001, S(3f)));
            },
            0x6EB0F820); // fminv s0, v1.4s
        AssertV(m, 0, S1(0x7FC00001));
        AssertFpsr(m, IOC);
    }

    [Fact]
    public void Fmaxnmv_SignalingNaNQuietedThenLoses()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(0x7FA00000, S(1f), 0x7FC00002, S(5f)));
            },
            0x6E30C820); // fmaxnmv s0, v1.4s
        AssertV(m, 0, S1(S(5f)));
        AssertFpsr(m, IOC);
    }
}

using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Simd.FpSimd;

namespace Emulator.Cpu.Tests.Simd;

/// <summary>
/// Advanced SIMD three same (floating point), vector and scalar: FADD, FSUB, FMUL, FMULX, FDIV, FMAX, FMIN, FMAXNM, FMINNM, FABD, FRECPS, FRSQRTS, FCMEQ, FCMGE, FCMGT, FACGE, FACGT, FMLA, FMLS.
/// Expected values follow the Arm ARM pseudocode of each instruction; every case was also run on
/// qemu-system-aarch64 (cortex-a57), which gave the same register and FPSR.
/// </summary>
public sealed class SimdFloatingPointThreeSameTests
{
    [Fact]
    public void Fadd_4S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(1f), S(2f), S(3f), S(4f)));
                c.Set(2, V4(S(0.5f), S(0.25f), S(-3f), S(8f)));
            },
            0x4E22D420); // fadd v0.4s, v1.4s, v2.4s
        AssertV(m, 0, V4(S(1.5f), S(2.25f), S(0f), S(12f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Fadd_2S_ClearsTheUpperHalf()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(1f), S(2f), S(100f), S(200f)));
                c.Set(2, V4(S(10f), S(20f), S(300f), S(400f)));
            },
            0x0E22D420); // fadd v0.2s, v1.2s, v2.2s
        AssertV(m, 0, V2(S(11f), S(22f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Fadd_2D_Overflow()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D2(D(1e+308), D(1.0)));
                c.Set(2, D2(D(1e+308), D(2.0)));
            },
            0x4E62D420); // fadd v0.2d, v1.2d, v2.2d
        AssertV(m, 0, D2(D(double.PositiveInfinity), D(3.0)));
        AssertFpsr(m, OFC | IXC);
    }

    [Fact]
    public void Fsub_4S_RdIsRn()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(1, V4(S(5f), S(1f), S(0f), S(-1f)));
                c.Set(2, V4(S(2f), S(3f), S(0f), S(0.5f)));
            },
            0x4EA2D421); // fsub v1.4s, v1.4s, v2.4s
        AssertV(m, 1, V4(S(3f), S(-2f), S(0f), S(-1.5f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Fmul_2D_ZeroTimesInfinityIsInvalid()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D2(D(2.5), D(0.0)));
                c.Set(2, D2(D(4.0), D(double.PositiveInfinity)));
            },
            0x6E62DC20); // fmul v0.2d, v1.2d, v2.2d
        AssertV(m, 0, D2(D(10.0), 0x7FF8000000000000));
        AssertFpsr(m, IOC);
    }

    [Fact]
    public void Fmulx_2D_ZeroTimesInfinityIsTwo()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D2(D(-0.0), D(3.0)));
                c.Set(2, D2(D(double.PositiveInfinity), D(0.5)));
            },
            0x4E62DC20); // fmulx v0.2d, v1.2d, v2.2d
        AssertV(m, 0, D2(D(-2.0), D(1.5)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Fdiv_4S_Flags()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(1f), S(6f), S(1f), S(0f)));
                c.Set(2, V4(S(0f), S(3f), S(3f), S(0f)));
            },
            0x6E22FC20); // fdiv v0.4s, v1.4s, v2.4s
        AssertV(m, 0, V4(S(float.PositiveInfinity), S(2f), S(0.33333333f), 0x7FC00000));
        AssertFpsr(m, IOC | DZC | IXC);
    }

    [Fact]
    public void Fmax_4S_QuietNaNsPropagate()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(1f), 0x7FC00000, S(-0f), S(5f)));
                c.Set(2, V4(S(2f), S(3f), S(0f), 0x7FC00001));
            },
            0x4E22F420); // fmax v0.4s, v1.4s, v2.4s
        AssertV(m, 0, V4(S(2f), 0x7FC00000, S(0f), 0x7FC00001));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Fmin_4S_QuietNaNsPropagate()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(1f), 0x7FC00000, S(-0f), S(5f)));
                c.Set(2, V4(S(2f), S(3f), S(0f), 0x7FC00001));
            },
            0x4EA2F420); // fmin v0.4s, v1.4s, v2.4s
        AssertV(m, 0, V4(S(1f), 0x7FC00000, S(-0f), 0x7FC00001));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Fmaxnm_4S_QuietNaNLosesToANumber()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(1f), 0x7FC00000, S(-0f), S(5f)));
                c.Set(2, V4(S(2f), S(3f), S(0f), 0x7FC00001));
            },
            0x4E22C420); // fmaxnm v0.4s, v1.4s, v2.4s
        AssertV(m, 0, V4(S(2f), S(3f), S(0f), S(5f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Fminnm_4S_QuietNaNLosesToANumber()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(1f), 0x7FC00000, S(-0f), S(5f)));
                c.Set(2, V4(S(2f), S(3f), S(0f), 0x7FC00001));
            },
            0x4EA2C420); // fminnm v0.4s, v1.4s, v2.4s
        AssertV(m, 0, V4(S(1f), S(3f), S(-0f), S(5f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Fmaxnm_2S_SignalingNaNIsInvalid()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V2(0x7F800001, S(1f)));
                c.Set(2, V2(S(1f), 0x7FA00000));
            },
            0x0E22C420); // fmaxnm v0.2s, v1.2s, v2.2s
        AssertV(m, 0, V2(0x7FC00001, 0x7FE00000));
        AssertFpsr(m, IOC);
    }

    [Fact]
    public void Fmax_2S_DefaultNaN()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V2(0x7FC00001, S(1f)));
                c.Set(2, V2(S(1f), S(2f)));
                c.Fpcr = FpcrDn;
            },
            0x0E22F420); // fmax v0.2s, v1.2s, v2.2s
        AssertV(m, 0, V2(0x7FC00000, S(2f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Fabd_4S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(1f), S(-1f), 0xFFC00000, S(2.5f)));
                c.Set(2, V4(S(3f), S(2f), S(1f), S(2.5f)));
            },
            0x6EA2D420); // fabd v0.4s, v1.4s, v2.4s
        AssertV(m, 0, V4(S(2f), S(3f), 0x7FC00000, S(0f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Frecps_4S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(2f), S(float.PositiveInfinity), S(1.5f), S(0f)));
                c.Set(2, V4(S(0.5f), S(0f), S(2f), S(float.NegativeInfinity)));
            },
            0x4E22FC20); // frecps v0.4s, v1.4s, v2.4s
        AssertV(m, 0, V4(S(1f), S(2f), S(-1f), S(2f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Frsqrts_2D()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D2(D(1.0), D(double.PositiveInfinity)));
                c.Set(2, D2(D(1.0), D(0.0)));
            },
            0x4EE2FC20); // frsqrts v0.2d, v1.2d, v2.2d
        AssertV(m, 0, D2(D(1.0), D(1.5)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Fcmeq_4S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(1f), S(2f), 0x7FC00000, S(-0f)));
                c.Set(2, V4(S(1f), S(1f), S(1f), S(0f)));
            },
            0x4E22E420); // fcmeq v0.4s, v1.4s, v2.4s
        AssertV(m, 0, V4(0xFFFFFFFF, 0x00000000, 0x00000000, 0xFFFFFFFF));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Fcmeq_2S_SignalingNaNIsInvalid()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V2(0x7F800001, S(1f)));
                c.Set(2, V2(S(1f), S(1f)));
            },
            0x0E22E420); // fcmeq v0.2s, v1.2s, v2.2s
        AssertV(m, 0, V2(0x00000000, 0xFFFFFFFF));
        AssertFpsr(m, IOC);
    }

    [Fact]
    public void Fcmge_4S_QuietNaNIsInvalid()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(1f), S(2f), 0x7FC00000, S(-0f)));
                c.Set(2, V4(S(1f), S(1f), S(1f), S(0f)));
            },
            0x6E22E420); // fcmge v0.4s, v1.4s, v2.4s
        AssertV(m, 0, V4(0xFFFFFFFF, 0xFFFFFFFF, 0x00000000, 0xFFFFFFFF));
        AssertFpsr(m, IOC);
    }

    [Fact]
    public void Fcmgt_4S_QuietNaNIsInvalid()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(1f), S(2f), 0x7FC00000, S(-0f)));
                c.Set(2, V4(S(1f), S(1f), S(1f), S(0f)));
            },
            0x6EA2E420); // fcmgt v0.4s, v1.4s, v2.4s
        AssertV(m, 0, V4(0x00000000, 0xFFFFFFFF, 0x00000000, 0x00000000));
        AssertFpsr(m, IOC);
    }

    [Fact]
    public void Fcmge_2D()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D2(D(-1.0), D(2.0)));
                c.Set(2, D2(D(-1.0), D(3.0)));
            },
            0x6E62E420); // fcmge v0.2d, v1.2d, v2.2d
        AssertV(m, 0, D2(0xFFFFFFFFFFFFFFFF, 0x0000000000000000));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Facge_4S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(-3f), S(2f), S(-2f), S(1f)));
                c.Set(2, V4(S(2f), S(-3f), S(2f), 0x7FC00000));
            },
            0x6E22EC20); // facge v0.4s, v1.4s, v2.4s
        AssertV(m, 0, V4(0xFFFFFFFF, 0x00000000, 0xFFFFFFFF, 0x00000000));
        AssertFpsr(m, IOC);
    }

    [Fact]
    public void Facgt_4S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(-3f), S(2f), S(-2f), S(1f)));
                c.Set(2, V4(S(2f), S(-3f), S(2f), 0x7FC00000));
            },
            0x6EA2EC20); // facgt v0.4s, v1.4s, v2.4s
        AssertV(m, 0, V4(0xFFFFFFFF, 0x00000000, 0x00000000, 0x00000000));
        AssertFpsr(m, IOC);
    }

    [Fact]
    public void Fmla_4S_IsFused()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, V4(S(-1f), S(1f), S(10f), 0x7FC00001));
                c.Set(1, V4(0x3F800001, S(2f), S(float.PositiveInfinity), S(1f)));
                c.Set(2, V4(0x3F7FFFFE, S(3f), S(0f), S(1f)));
            },
            0x4E22CC20); // fmla v0.4s, v1.4s, v2.4s
        AssertV(m, 0, V4(0xA8800000, S(7f), 0x7FC00000, 0x7FC00001));
        AssertFpsr(m, IOC);
    }

    [Fact]
    public void Fmls_2D()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, D2(D(1.0), D(0.5)));
                c.Set(1, D2(D(2.0), D(0.25)));
                c.Set(2, D2(D(3.0), D(2.0)));
            },
            0x4EE2CC20); // fmls v0.2d, v1.2d, v2.2d
        AssertV(m, 0, D2(D(-5.0), D(0.0)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Fmla_2S_ClearsTheUpperHalf()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, V4(S(1f), S(1f), S(7f), S(7f)));
                c.Set(1, V4(S(2f), S(2f), S(2f), S(2f)));
                c.Set(2, V4(S(3f), S(4f), S(5f), S(6f)));
            },
            0x0E22CC20); // fmla v0.2s, v1.2s, v2.2s
        AssertV(m, 0, V2(S(7f), S(9f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void FabdScalar_S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(1f), S(99f), S(99f), S(99f)));
                c.Set(2, V4(S(4f), S(5f), S(6f), S(7f)));
            },
            0x7EA2D420); // fabd s0, s1, s2
        AssertV(m, 0, S1(S(3f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void FmulxScalar_D()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D2(D(double.PositiveInfinity), D(5.0)));
                c.Set(2, D2(D(-0.0), D(5.0)));
            },
            0x5E62DC20); // fmulx d0, d1, d2
        AssertV(m, 0, D1(D(-2.0)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void FcmgeScalar_D()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D2(D(2.0), D(0.0)));
                c.Set(2, D2(D(1.0), D(0.0)));
            },
            0x7E62E420); // fcmge d0, d1, d2
        AssertV(m, 0, D1(0xFFFFFFFFFFFFFFFF));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void FcmgtScalar_D()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D1(D(3.0)));
                c.Set(2, D1(D(3.0)));
            },
            0x7EE2E420); // fcmgt d0, d1, d2
        AssertV(m, 0, D1(0x0000000000000000));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void FcmeqScalar_S_QuietNaN()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, S1(0x7FC00000));
                c.Set(2, S1(0x7FC00000));
            },
            0x5E22E420); // fcmeq s0, s1, s2
        AssertV(m, 0, S1(0x00000000));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void FacgtScalar_S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, S1(S(-3f)));
                c.Set(2, S1(S(2f)));
            },
            0x7EA2EC20); // facgt s0, s1, s2
        AssertV(m, 0, S1(0xFFFFFFFF));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void FacgeScalar_D()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D1(D(-1.0)));
                c.Set(2, D1(D(1.0)));
            },
            0x7E62EC20); // facge d0, d1, d2
        AssertV(m, 0, D1(0xFFFFFFFFFFFFFFFF));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void FrecpsScalar_S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, S1(S(3f)));
                c.Set(2, S1(S(0.5f)));
            },
            0x5E22FC20); // frecps s0, s1, s2
        AssertV(m, 0, S1(S(0.5f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void FrsqrtsScalar_D()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D1(D(2.0)));
                c.Set(2, D1(D(0.5)));
            },
            0x5EE2FC20); // frsqrts d0, d1, d2
        AssertV(m, 0, D1(D(1.0)));
        AssertFpsr(m, 0);
    }
}

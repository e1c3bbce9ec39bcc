using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Simd.FpSimd;

namespace Emulator.Cpu.Tests.Simd;

/// <summary>
/// Advanced SIMD two-register miscellaneous (floating point), vector and scalar: FRINT*, FCVT[NMPZA][SU], SCVTF/UCVTF (integer), FCM* #0.0, FABS, FNEG, FSQRT, FRECPE, FRSQRTE, FRECPX, URECPE, URSQRTE.
/// Expected values follow the Arm ARM pseudocode of each instruction; every case was also run on
/// qemu-system-aarch64 (cortex-a57), which gave the same register and FPSR.
/// </summary>
public sealed class SimdFloatingPointTwoRegisterMiscTests
{
    [Fact]
    public void Frintn_4S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(2.5f), S(-2.5f), S(1.5f), S(-0.4f)));
            },
            0x4E218820); // frintn v0.4s, v1.4s
        AssertV(m, 0, V4(S(2f), S(-2f), S(2f), S(-0f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Frintm_4S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(2.5f), S(-2.5f), S(1.5f), S(-0.4f)));
            },
            0x4E219820); // frintm v0.4s, v1.4s
        AssertV(m, 0, V4(S(2f), S(-3f), S(1f), S(-1f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Frintp_4S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(2.5f), S(-2.5f), S(1.5f), S(-0.4f)));
            },
            0x4EA18820); // frintp v0.4s, v1.4s
        AssertV(m, 0, V4(S(3f), S(-2f), S(2f), S(-0f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Frintz_4S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(2.5f), S(-2.5f), S(1.5f), S(-0.4f)));
            },
            0x4EA19820); // frintz v0.4s, v1.4s
        AssertV(m, 0, V4(S(2f), S(-2f), S(1f), S(-0f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Frinta_4S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(2.5f), S(-2.5f), S(1.5f), S(-0.4f)));
            },
            0x6E218820); // frinta v0.4s, v1.4s
        AssertV(m, 0, V4(S(3f), S(-3f), S(2f), S(-0f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Frintx_2D_FpcrRoundingAndInexact()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D2(D(2.5), D(3.0)));
                c.Fpcr = RoundPlus;
            },
            0x6E619820); // frintx v0.2d, v1.2d
        AssertV(m, 0, D2(D(3.0), D(3.0)));
        AssertFpsr(m, IXC);
    }

    [Fact]
    public void Frinti_2D_FpcrRoundingNoInexact()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D2(D(2.5), D(-2.5)));
                c.Fpcr = RoundMinus;
            },
            0x6EE19820); // frinti v0.2d, v1.2d
        AssertV(m, 0, D2(D(2.0), D(-3.0)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Frintn_2S_NaNAndInfinity()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(float.PositiveInfinity), 0x7F800001, S(9f), S(9f)));
            },
            0x0E218820); // frintn v0.2s, v1.2s
        AssertV(m, 0, V2(S(float.PositiveInfinity), 0x7FC00001));
        AssertFpsr(m, IOC);
    }

    [Fact]
    public void Fcvtzs_4S_Saturates()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(1.9f), S(-1.9f), S(3000000000f), 0x7FC00000));
            },
            0x4EA1B820); // fcvtzs v0.4s, v1.4s
        AssertV(m, 0, V4(0x00000001, 0xFFFFFFFF, 0x7FFFFFFF, 0x00000000));
        AssertFpsr(m, IOC | IXC);
    }

    [Fact]
    public void Fcvtns_4S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(2.5f), S(-2.5f), S(3.5f), S(-0.5f)));
            },
            0x4E21A820); // fcvtns v0.4s, v1.4s
        AssertV(m, 0, V4(0x00000002, 0xFFFFFFFE, 0x00000004, 0x00000000));
        AssertFpsr(m, IXC);
    }

    [Fact]
    public void Fcvtnu_4S_Saturates()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(2.5f), S(-2.5f), 0x4F7FFFFF, S(5000000000f)));
            },
            0x6E21A820); // fcvtnu v0.4s, v1.4s
        AssertV(m, 0, V4(0x00000002, 0x00000000, 0xFFFFFF00, 0xFFFFFFFF));
        AssertFpsr(m, IOC | IXC);
    }

    [Fact]
    public void Fcvtms_2D()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D2(D(2.5), D(-2.5)));
            },
            0x4E61B820); // fcvtms v0.2d, v1.2d
        AssertV(m, 0, D2(0x0000000000000002, 0xFFFFFFFFFFFFFFFD));
        AssertFpsr(m, IXC);
    }

    [Fact]
    public void Fcvtmu_2D()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D2(D(2.5), D(-0.5)));
            },
            0x6E61B820); // fcvtmu v0.2d, v1.2d
        AssertV(m, 0, D2(0x0000000000000002, 0x0000000000000000));
        AssertFpsr(m, IOC | IXC);
    }

    [Fact]
    public void Fcvtps_4S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(2.5f), S(-2.5f), S(0.1f), S(-0.1f)));
            },
            0x4EA1A820); // fcvtps v0.4s, v1.4s
        AssertV(m, 0, V4(0x00000003, 0xFFFFFFFE, 0x00000001, 0x00000000));
        AssertFpsr(m, IXC);
    }

    [Fact]
    public void Fcvtpu_2S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(2.5f), S(0f), S(9f), S(9f)));
            },
            0x2EA1A820); // fcvtpu v0.2s, v1.2s
        AssertV(m, 0, V2(0x00000003, 0x00000000));
        AssertFpsr(m, IXC);
    }

    [Fact]
    public void Fcvtzu_2D()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D2(D(1e+20), D(5.75)));
            },
            0x6EE1B820); // fcvtzu v0.2d, v1.2d
        AssertV(m, 0, D2(0xFFFFFFFFFFFFFFFF, 0x0000000000000005));
        AssertFpsr(m, IOC | IXC);
    }

    [Fact]
    public void Fcvtas_4S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(2.5f), S(-2.5f), S(0.5f), S(-1.5f)));
            },
            0x4E21C820); // fcvtas v0.4s, v1.4s
        AssertV(m, 0, V4(0x00000003, 0xFFFFFFFD, 0x00000001, 0xFFFFFFFE));
        AssertFpsr(m, IXC);
    }

    [Fact]
    public void Fcvtau_2D()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D2(D(2.5), D(1e+300)));
            },
            0x6E61C820); // fcvtau v0.2d, v1.2d
        AssertV(m, 0, D2(0x0000000000000003, 0xFFFFFFFFFFFFFFFF));
        AssertFpsr(m, IOC | IXC);
    }

    [Fact]
    public void Scvtf_4S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(0x00000001, 0xFFFFFFFF, 0x7FFFFFFF, 0x01000001));
            },
            0x4E21D820); // scvtf v0.4s, v1.4s
        AssertV(m, 0, V4(S(1f), S(-1f), S(2147483648f), S(16777216f)));
        AssertFpsr(m, IXC);
    }

    [Fact]
    public void Ucvtf_4S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(0xFFFFFFFF, 0x00000001, 0x80000000, 0x00000000));
            },
            0x6E21D820); // ucvtf v0.4s, v1.4s
        AssertV(m, 0, V4(S(4294967296f), S(1f), S(2147483648f), S(0f)));
        AssertFpsr(m, IXC);
    }

    [Fact]
    public void Scvtf_2D()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D2(0xFFFFFFFFFFFFFFFE, 0x0020000000000001));
            },
            0x4E61D820); // scvtf v0.2d, v1.2d
        AssertV(m, 0, D2(D(-2.0), D(9007199254740992.0)));
        AssertFpsr(m, IXC);
    }

    [Fact]
    public void Ucvtf_2D_FpcrRounding()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D2(0x0020000000000001, 0xFFFFFFFFFFFFFFFF));
                c.Fpcr = RoundPlus;
            },
            0x6E61D820); // ucvtf v0.2d, v1.2d
        AssertV(m, 0, D2(D(9007199254740994.0), D(1.8446744073709552e+19)));
        AssertFpsr(m, IXC);
    }

    [Fact]
    public void FcmgtZero_4S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(1f), S(0f), S(-0f), 0x7FC00000));
            },
            0x4EA0C820); // fcmgt v0.4s, v1.4s, #0.0
        AssertV(m, 0, V4(0xFFFFFFFF, 0x00000000, 0x00000000, 0x00000000));
        AssertFpsr(m, IOC);
    }

    [Fact]
    public void FcmgeZero_4S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(-1f), S(0f), S(-0f), 0x7FC00000));
            },
            0x6EA0C820); // fcmge v0.4s, v1.4s, #0.0
        AssertV(m, 0, V4(0x00000000, 0xFFFFFFFF, 0xFFFFFFFF, 0x00000000));
        AssertFpsr(m, IOC);
    }

    [Fact]
    public void FcmeqZero_4S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(-1f), S(0f), S(-0f), 0x7FC00000));
            },
            0x4EA0D820); // fcmeq v0.4s, v1.4s, #0.0
        AssertV(m, 0, V4(0x00000000, 0xFFFFFFFF, 0xFFFFFFFF, 0x00000000));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void FcmleZero_4S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(-1f), S(0f), S(1f), 0x7FC00000));
            },
            0x6EA0D820); // fcmle v0.4s, v1.4s, #0.0
        AssertV(m, 0, V4(0xFFFFFFFF, 0xFFFFFFFF, 0x00000000, 0x00000000));
        AssertFpsr(m, IOC);
    }

    [Fact]
    public void FcmltZero_4S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(-1f), S(-0f), S(1f), 0x7FC00000));
            },
            0x4EA0E820); // fcmlt v0.4s, v1.4s, #0.0
        AssertV(m, 0, V4(0xFFFFFFFF, 0x00000000, 0x00000000, 0x00000000));
        AssertFpsr(m, IOC);
    }

    [Fact]
    public void FcmltZero_2D()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D2(D(-1e-300), D(0.0)));
            },
            0x4EE0E820); // fcmlt v0.2d, v1.2d, #0.0
        AssertV(m, 0, D2(0xFFFFFFFFFFFFFFFF, 0x0000000000000000));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Fabs_4S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(-1f), S(1f), 0xFFC00001, 0xFF800001));
            },
            0x4EA0F820); // fabs v0.4s, v1.4s
        AssertV(m, 0, V4(S(1f), S(1f), 0x7FC00001, 0x7F800001));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Fneg_2D()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D2(D(1.0), 0x7FF0000000000001));
            },
            0x6EE0F820); // fneg v0.2d, v1.2d
        AssertV(m, 0, D2(D(-1.0), 0xFFF0000000000001));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Fsqrt_2D()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D2(D(4.0), D(-1.0)));
            },
            0x6EE1F820); // fsqrt v0.2d, v1.2d
        AssertV(m, 0, D2(D(2.0), 0x7FF8000000000000));
        AssertFpsr(m, IOC);
    }

    [Fact]
    public void Fsqrt_4S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(2f), S(-0f), S(float.PositiveInfinity), S(0.25f)));
            },
            0x6EA1F820); // fsqrt v0.4s, v1.4s
        AssertV(m, 0, V4(S(1.4142135f), S(-0f), S(float.PositiveInfinity), S(0.5f)));
        AssertFpsr(m, IXC);
    }

    [Fact]
    public void Frecpe_4S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(2f), S(0f), S(float.PositiveInfinity), S(-0f)));
            },
            0x4EA1D820); // frecpe v0.4s, v1.4s
        AssertV(m, 0, V4(0x3EFF8000, S(float.PositiveInfinity), S(0f), S(float.NegativeInfinity)));
        AssertFpsr(m, DZC);
    }

    [Fact]
    public void Frecpe_2D_TinyOverflows()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D2(D(2.0), D(1e-310)));
            },
            0x4EE1D820); // frecpe v0.2d, v1.2d
        AssertV(m, 0, D2(0x3FDFF00000000000, D(double.PositiveInfinity)));
        AssertFpsr(m, OFC | IXC);
    }

    [Fact]
    public void Frsqrte_4S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(4f), S(-1f), S(0f), S(float.PositiveInfinity)));
            },
            0x6EA1D820); // frsqrte v0.4s, v1.4s
        AssertV(m, 0, V4(0x3EFF8000, 0x7FC00000, S(float.PositiveInfinity), S(0f)));
        AssertFpsr(m, IOC | DZC);
    }

    [Fact]
    public void Frsqrte_2D()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D2(D(0.25), D(2.0)));
            },
            0x6EE1D820); // frsqrte v0.2d, v1.2d
        AssertV(m, 0, D2(0x3FFFF00000000000, 0x3FE6900000000000));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Urecpe_4S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0xC0000000));
            },
            0x4EA1C820); // urecpe v0.4s, v1.4s
        AssertV(m, 0, V4(0xFFFFFFFF, 0xFF800000, 0x80000000, 0xAA800000));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Ursqrte_4S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(0x3FFFFFFF, 0x40000000, 0xFFFFFFFF, 0x80000000));
            },
            0x6EA1C820); // ursqrte v0.4s, v1.4s
        AssertV(m, 0, V4(0xFFFFFFFF, 0xFF800000, 0x80000000, 0xB4800000));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Urecpe_2S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(0xA0000000, 0x00000001, 0x00000009, 0x00000009));
            },
            0x0EA1C820); // urecpe v0.2s, v1.2s
        AssertV(m, 0, V2(0xCC800000, 0xFFFFFFFF));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void FrecpxScalar_S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(2f), S(9f), S(9f), S(9f)));
            },
            0x5EA1F820); // frecpx s0, s1
        AssertV(m, 0, S1(S(1f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void FrecpxScalar_D_Zero()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D1(D(0.0)));
            },
            0x5EE1F820); // frecpx d0, d1
        AssertV(m, 0, D1(0x7FE0000000000000));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void FrecpxScalar_S_SignalingNaN()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, S1(0x7F800001));
            },
            0x5EA1F820); // frecpx s0, s1
        AssertV(m, 0, S1(0x7FC00001));
        AssertFpsr(m, IOC);
    }

    [Fact]
    public void FcvtzsScalar_S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(-7.5f), S(9f), S(9f), S(9f)));
            },
            0x5EA1B820); // fcvtzs s0, s1
        AssertV(m, 0, S1(0xFFFFFFF9));
        AssertFpsr(m, IXC);
    }

    [Fact]
    public void FcvtnuScalar_D()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D1(D(2.5)));
            },
            0x7E61A820); // fcvtnu d0, d1
        AssertV(m, 0, D1(0x0000000000000002));
        AssertFpsr(m, IXC);
    }

    [Fact]
    public void FcvtmsScalar_S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, S1(S(-0.5f)));
            },
            0x5E21B820); // fcvtms s0, s1
        AssertV(m, 0, S1(0xFFFFFFFF));
        AssertFpsr(m, IXC);
    }

    [Fact]
    public void FcvtmuScalar_S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, S1(S(7.9f)));
            },
            0x7E21B820); // fcvtmu s0, s1
        AssertV(m, 0, S1(0x00000007));
        AssertFpsr(m, IXC);
    }

    [Fact]
    public void FcvtpsScalar_D()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D1(D(-7.9)));
            },
            0x5EE1A820); // fcvtps d0, d1
        AssertV(m, 0, D1(0xFFFFFFFFFFFFFFF9));
        AssertFpsr(m, IXC);
    }

    [Fact]
    public void FcvtpuScalar_D()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D1(D(7.1)));
            },
            0x7EE1A820); // fcvtpu d0, d1
        AssertV(m, 0, D1(0x0000000000000008));
        AssertFpsr(m, IXC);
    }

    [Fact]
    public void FcvtzuScalar_S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, S1(S(4294967296f)));
            },
            0x7EA1B820); // fcvtzu s0, s1
        AssertV(m, 0, S1(0xFFFFFFFF));
        AssertFpsr(m, IOC);
    }

    [Fact]
    public void FcvtasScalar_D()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D1(D(-2.5)));
            },
            0x5E61C820); // fcvtas d0, d1
        AssertV(m, 0, D1(0xFFFFFFFFFFFFFFFD));
        AssertFpsr(m, IXC);
    }

    [Fact]
    public void FcvtauScalar_S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, S1(S(2.5f)));
            },
            0x7E21C820); // fcvtau s0, s1
        AssertV(m, 0, S1(0x00000003));
        AssertFpsr(m, IXC);
    }

    [Fact]
    public void FcvtnsScalar_S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, S1(S(3.5f)));
            },
            0x5E21A820); // fcvtns s0, s1
        AssertV(m, 0, S1(0x00000004));
        AssertFpsr(m, IXC);
    }

    [Fact]
    public void ScvtfScalar_D()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D1(0x8000000000000000));
            },
            0x5E61D820); // scvtf d0, d1
        AssertV(m, 0, D1(D(-9.223372036854776e+18)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void UcvtfScalar_S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, S1(0x80000001));
            },
            0x7E21D820); // ucvtf s0, s1
        AssertV(m, 0, S1(S(2147483648f)));
        AssertFpsr(m, IXC);
    }

    [Fact]
    public void FcmgtZeroScalar_S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, S1(S(1e-40f)));
            },
            0x5EA0C820); // fcmgt s0, s1, #0.0
        AssertV(m, 0, S1(0xFFFFFFFF));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void FcmgtZeroScalar_S_FlushToZero()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, S1(S(1e-40f)));
                c.Fpcr = FpcrFz;
            },
            0x5EA0C820); // fcmgt s0, s1, #0.0
        AssertV(m, 0, S1(0x00000000));
        AssertFpsr(m, IDC);
    }

    [Fact]
    public void FcmgeZeroScalar_D()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D1(D(-0.0)));
            },
            0x7EE0C820); // fcmge d0, d1, #0.0
        AssertV(m, 0, D1(0xFFFFFFFFFFFFFFFF));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void FcmeqZeroScalar_D()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D1(0x7FF0000000000001));
            },
            0x5EE0D820); // fcmeq d0, d1, #0.0
        AssertV(m, 0, D1(0x0000000000000000));
        AssertFpsr(m, IOC);
    }

    [Fact]
    public void FcmleZeroScalar_S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, S1(S(float.NegativeInfinity)));
            },
            0x7EA0D820); // fcmle s0, s1, #0.0
        AssertV(m, 0, S1(0xFFFFFFFF));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void FcmltZeroScalar_D()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D1(D(0.0)));
            },
            0x5EE0E820); // fcmlt d0, d1, #0.0
        AssertV(m, 0, D1(0x0000000000000000));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void FrecpeScalar_S()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, S1(S(-4f)));
            },
            0x5EA1D820); // frecpe s0, s1
        AssertV(m, 0, S1(0xBE7F8000));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void FrsqrteScalar_D()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D1(D(4.0)));
            },
            0x7EE1D820); // frsqrte d0, d1
        AssertV(m, 0, D1(0x3FDFF00000000000));
        AssertFpsr(m, 0);
    }
}

using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Simd.FpSimd;

namespace Emulator.Cpu.Tests.Simd;

/// <summary>
/// Precision conversions: FCVTL/FCVTL2, FCVTN/FCVTN2, FCVTXN/FCVTXN2 (vector) and FCVTXN (scalar).
/// Expected values follow the Arm ARM pseudocode of each instruction; every case was also run on
/// qemu-system-aarch64 (cortex-a57), which gave the same register and FPSR.
/// </summary>
public sealed class SimdFloatingPointConvertTests
{
    [Fact]
    public void Fcvtl_HalfToSingle()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, R(0x7E017BFFC0003C00, 0x1234567812345678));
            },
            0x0E217820); // fcvtl v0.4s, v1.4h
        AssertV(m, 0, V4(S(1f), S(-2f), S(65504f), 0x7FC02000));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Fcvtl_HalfToSingle_DenormalsAndSignalingNaN()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, R(0x7C01800000010400, 0x0000000000000000));
            },
            0x0E217820); // fcvtl v0.4s, v1.4h
        AssertV(m, 0, V4(S(6.1035156e-05f), S(5.9604645e-08f), S(-0f), 0x7FC02000));
        AssertFpsr(m, IOC);
    }

    [Fact]
    public void Fcvtl_AlternativeHalfPrecision()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, H4(0x7C00, 0xFFFF, 0x0000, 0x0000));
                c.Fpcr = FpcrAhp;
            },
            0x0E217820); // fcvtl v0.4s, v1.4h
        AssertV(m, 0, V4(S(65536f), S(-131008f), S(0f), S(0f)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Fcvtl2_SingleToDouble()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(9f), S(9f), S(1.5f), S(-0f)));
            },
            0x4E617820); // fcvtl2 v0.2d, v1.4s
        AssertV(m, 0, D2(D(1.5), D(-0.0)));
        AssertFpsr(m, 0);
    }

    [Fact]
    public void Fcvtl2_SignalingNaNAndDenormal()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(9f), S(9f), 0x7F800001, 0x000116C2));
            },
            0x4E617820); // fcvtl2 v0.2d, v1.4s
        AssertV(m, 0, D2(0x7FF8000020000000, D(9.99994610111476e-41)));
        AssertFpsr(m, IOC);
    }

    [Fact]
    public void Fcvtn_SingleToHalf()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, V4(S(1f), S(65520f), S(0.33333333f), S(-0f)));
            },
            0x0E216820); // fcvtn v0.4h, v1.4s
        AssertV(m, 0, R(0x800035557C003C00, 0x0000000000000000));
        AssertFpsr(m, OFC | IXC);
    }

    [Fact]
    public void Fcvtn2_DoubleToSingle_KeepsTheLowHalf()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0x1111222233334444, 0x5555666677778888));
                c.Set(1, D2(D(1.5), D(1e+40)));
            },
            0x4E616820); // fcvtn2 v0.4s, v1.2d
        AssertV(m, 0, R(0x1111222233334444, 0x7F8000003FC00000));
        AssertFpsr(m, OFC | IXC);
    }

    [Fact]
    public void Fcvtn_DoubleToSingle_ClearsTheUpperHalf()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D2(D(0.1), D(-3.0)));
            },
            0x0E616820); // fcvtn v0.2s, v1.2d
        AssertV(m, 0, V2(S(0.1f), S(-3f)));
        AssertFpsr(m, IXC);
    }

    [Fact]
    public void Fcvtn_DoubleToSingle_Underflow()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D2(D(1e-40), D(1e-300)));
            },
            0x0E616820); // fcvtn v0.2s, v1.2d
        AssertV(m, 0, V2(0x000116C2, S(0f)));
        AssertFpsr(m, UFC | IXC);
    }

    [Fact]
    public void Fcvtn_DoubleToSingle_FlushToZero()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D2(D(1e-40), D(-1e-300)));
                c.Fpcr = FpcrFz;
            },
            0x0E616820); // fcvtn v0.2s, v1.2d
        AssertV(m, 0, V2(S(0f), S(-0f)));
        AssertFpsr(m, UFC);
    }

    [Fact]
    public void Fcvtxn_RoundsToOdd()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D2(D(1.0000000009313226), D(1.0)));
            },
            0x2E616820); // fcvtxn v0.2s, v1.2d
        AssertV(m, 0, V2(0x3F800001, S(1f)));
        AssertFpsr(m, IXC);
    }

    [Fact]
    public void Fcvtxn2_OverflowToMaxNormal()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xAAAAAAAABBBBBBBB, 0x5555666677778888));
                c.Set(1, D2(D(1e+300), D(-1.0000000009313226)));
            },
            0x6E616820); // fcvtxn2 v0.4s, v1.2d
        AssertV(m, 0, R(0xAAAAAAAABBBBBBBB, 0xBF8000017F7FFFFF));
        AssertFpsr(m, OFC | IXC);
    }

    [Fact]
    public void FcvtxnScalar()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D2(D(1.0000000000000002), D(9.0)));
            },
            0x7E616820); // fcvtxn s0, d1
        AssertV(m, 0, S1(0x3F800001));
        AssertFpsr(m, IXC);
    }

    [Fact]
    public void FcvtxnScalar_NaN()
    {
        GuestMachine m = Run(
            c =>
            {
                c.Set(0, R(0xDEADBEEFDEADBEEF, 0xFEEDFACEFEEDFACE));
                c.Set(1, D1(0x7FF0000000000001));
            },
            0x7E616820); // fcvtxn s0, d1
        AssertV(m, 0, S1(0x7FC00000));
        AssertFpsr(m, IOC);
    }
}

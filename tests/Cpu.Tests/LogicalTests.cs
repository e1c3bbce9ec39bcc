using Emulator.Cpu.Instructions;
using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Support.A64;
using static Emulator.Cpu.Tests.Support.Snippets;

namespace Emulator.Cpu.Tests;

/// <summary>Logical (immediate) with bitmask immediates, and logical (shifted register).</summary>
public sealed class LogicalTests
{
    [Theory]
    [InlineData(0x5555_5555_5555_5555UL)]   // element size 2
    [InlineData(0xAAAA_AAAA_AAAA_AAAAUL)]   // element size 2, rotated
    [InlineData(0x1111_1111_1111_1111UL)]   // element size 4
    [InlineData(0x6666_6666_6666_6666UL)]   // element size 4, rotated run
    [InlineData(0x0F0F_0F0F_0F0F_0F0FUL)]   // element size 8
    [InlineData(0x8181_8181_8181_8181UL)]   // element size 8, run wrapping around the element
    [InlineData(0xFF00_FF00_FF00_FF00UL)]   // element size 16
    [InlineData(0x0000_FFFF_0000_FFFFUL)]   // element size 32
    [InlineData(0x0000_0000_0000_00FFUL)]   // element size 64
    [InlineData(0x8000_0000_0000_0001UL)]   // element size 64, wrapping run
    [InlineData(0x7FFF_FFFF_FFFF_FFFFUL)]
    [InlineData(0xFFFF_FFFF_FFFF_FFFEUL)]
    [InlineData(0x0000_0000_0003_FFC0UL)]
    [InlineData(0xE000_0000_0000_003FUL)]
    [InlineData(0x8000_0000_0000_0000UL)]
    public void OrrImmediate64_MaterialisesBitmask(ulong value)
    {
        var m = GuestMachine.Execute(OrrImm(X0, XZR, value), AndImm(X1, X2, value), EorImm(X3, XZR, value));
        Assert.Equal(value, m.X(0));
        Assert.Equal(0UL, m.X(1));
        Assert.Equal(value, m.X(3));
    }

    [Theory]
    [InlineData(0x5555_5555u)]
    [InlineData(0xCCCC_CCCCu)]
    [InlineData(0x0F0F_0F0Fu)]
    [InlineData(0x00FF_00FFu)]
    [InlineData(0x0000_FFFFu)]   // element size 32
    [InlineData(0x00FF_FF00u)]
    [InlineData(0x8000_0000u)]
    [InlineData(0xFFFF_FFFEu)]
    [InlineData(0x7FFF_FFFFu)]
    [InlineData(0xF000_000Fu)]   // run wrapping around 32 bits
    [InlineData(0x0000_0001u)]
    public void OrrImmediate32_MaterialisesReplicatedBitmask_AndClearsUpperHalf(uint value)
    {
        var m = GuestMachine.Execute([.. MovImm(X0, ulong.MaxValue), OrrImm(W0, WZR, value), .. MovImm(X1, ulong.MaxValue), AndImm(W1, W1, value)]);
        Assert.Equal((ulong)value, m.X(0));
        Assert.Equal((ulong)value, m.X(1));
    }

    [Theory]
    // Raw N:immr:imms fields and the value DecodeBitMasks gives them (Arm ARM J1, DecodeBitMasks).
    [InlineData(true, 0u, 0u, 0b111100u, 0x5555_5555_5555_5555UL)]   // esize 2, one 1
    [InlineData(true, 0u, 1u, 0b111100u, 0xAAAA_AAAA_AAAA_AAAAUL)]   // rotated right by 1
    [InlineData(true, 0u, 0u, 0b111001u, 0x3333_3333_3333_3333UL)]   // esize 4, two 1s
    [InlineData(true, 0u, 3u, 0b110010u, 0xE0E0_E0E0_E0E0_E0E0UL)]   // esize 8, three 1s ROR 3
    [InlineData(true, 0u, 24u, 0b100111u, 0xFF00_FF00_FF00_FF00UL)]   // esize 16: R = immr mod 16 = 8
    [InlineData(true, 0u, 0u, 0b001111u, 0x0000_FFFF_0000_FFFFUL)]   // esize 32, sixteen 1s
    [InlineData(true, 0u, 16u, 0b001111u, 0xFFFF_0000_FFFF_0000UL)]
    [InlineData(true, 1u, 1u, 0u, 0x8000_0000_0000_0000UL)]          // esize 64, one 1 ROR 1
    [InlineData(true, 1u, 0u, 0b111110u, 0x7FFF_FFFF_FFFF_FFFFUL)]   // 63 ones
    [InlineData(false, 0u, 0u, 0b011110u, 0x7FFF_FFFFUL)]
    [InlineData(false, 0u, 31u, 0u, 0x0000_0002UL)]
    [InlineData(false, 0u, 4u, 0b110011u, 0xF0F0_F0F0UL)]            // esize 8 in 32 bits: replicated four times
    public void OrrImmediate_RawFields(bool is64, uint n, uint immr, uint imms, ulong expected)
    {
        Reg d = is64 ? X0 : W0, zr = is64 ? XZR : WZR;
        var m = GuestMachine.Execute(LogicalImmRaw(0b01, d, zr, n, immr, imms));
        Assert.Equal(expected, m.X(0));
    }

    [Theory]
    [InlineData(true, 1u, 0u, 0b111111u)]    // esize 64 with all ones: reserved
    [InlineData(true, 0u, 0u, 0b111101u)]    // esize 2 with all ones: reserved
    [InlineData(true, 0u, 0u, 0b111111u)]    // N:NOT(imms) = 0: no element size
    [InlineData(true, 0u, 0u, 0b111110u)]    // len = 0: reserved
    [InlineData(false, 1u, 0u, 0u)]          // 32-bit with N = 1
    [InlineData(false, 0u, 0u, 0b011111u)]   // esize 32 with all ones
    public void LogicalImmediate_ReservedEncodings_AreUndefined(bool is64, uint n, uint immr, uint imms)
    {
        Reg d = is64 ? X0 : W0, zr = is64 ? XZR : WZR;
        var m = GuestMachine.Load([LogicalImmRaw(0b01, d, zr, n, immr, imms), GuestMachine.EndMarker]);
        m.InstallHvcVectors();
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0x0200_0000UL, m.Esr);
        Assert.Equal(GuestMachine.CodeBase, m.Elr);
    }

    [Fact]
    public void AndEorAnds_Immediate()
    {
        var m = GuestMachine.Execute([
            .. MovImm(X1, 0x1234_5678_9ABC_DEF0),
            AndImm(X2, X1, 0xFFFF_0000_FFFF_0000),
            EorImm(X3, X1, 0x5555_5555_5555_5555),
            .. SetFlags(0b0011),
            AndsImm(X4, X1, 0x8000_0000_0000_0000), Mrs(X5, NZCV),  // zero: Z, C and V cleared
            AndsImm(W6, W1, 0x8000_0000), Mrs(X7, NZCV),            // 0x9ABCDEF0 has bit 31: N
            TstImm(X1, 0xF), Mrs(X8, NZCV),
        ]);
        Assert.Equal(0x1234_0000_9ABC_0000UL, m.X(2));
        Assert.Equal(0x1234_5678_9ABC_DEF0UL ^ 0x5555_5555_5555_5555UL, m.X(3));
        Assert.Equal(0UL, m.X(4));
        Assert.Equal(0x4000_0000UL, m.X(5));
        Assert.Equal(0x8000_0000UL, m.X(6));
        Assert.Equal(0x8000_0000UL, m.X(7));
        Assert.Equal(0x4000_0000UL, m.X(8));
    }

    [Fact]
    public void LogicalShiftedRegister_AllOpsAndShifts()
    {
        const ulong a = 0xF0F0_F0F0_0000_FFFF, b = 0x8000_0000_0000_00FF;
        var m = GuestMachine.Execute([
            .. MovImm(X1, a), .. MovImm(X2, b),
            And(X3, X1, X2),
            Bic(X4, X1, X2),
            Orr(X5, X1, X2, ShiftType.LSL, 8),
            Orn(X6, X1, X2, ShiftType.LSR, 4),
            Eor(X7, X1, X2, ShiftType.ASR, 4),
            Eon(X8, X1, X2, ShiftType.ROR, 8),
            Orr(W9, W1, W2, ShiftType.ROR, 4),
            Mvn(X10, X1),
            Mov(X11, X2),
        ]);
        Assert.Equal(a & b, m.X(3));
        Assert.Equal(a & ~b, m.X(4));
        Assert.Equal(a | (b << 8), m.X(5));
        Assert.Equal(a | ~(b >> 4), m.X(6));
        Assert.Equal(a ^ 0xF800_0000_0000_000FUL, m.X(7));
        Assert.Equal(a ^ ~0xFF80_0000_0000_0000UL, m.X(8));
        Assert.Equal((ulong)(0x0000_FFFFu | 0xF000_000Fu), m.X(9));
        Assert.Equal(~a, m.X(10));
        Assert.Equal(b, m.X(11));
    }

    [Fact]
    public void AndsAndBics_SetNAndZ_ClearCAndV()
    {
        var m = GuestMachine.Execute([
            .. MovImm(X1, 0x8000_0000_0000_0001), .. MovImm(X2, 0x8000_0000_0000_0000),
            .. SetFlags(0b0011),
            Ands(X3, X1, X2), Mrs(X4, NZCV),          // N
            .. SetFlags(0b0011),
            Bics(X5, X2, X1), Mrs(X6, NZCV),          // 0: Z
            Tst(W1, W2), Mrs(X7, NZCV),               // W parts: 1 & 0 = 0: Z
            Ands(W8, W1, W1, ShiftType.LSL, 31), Mrs(X9, NZCV), // 1 & 0x80000000 = 0
        ]);
        Assert.Equal(0x8000_0000_0000_0000UL, m.X(3));
        Assert.Equal(0x8000_0000UL, m.X(4));
        Assert.Equal(0UL, m.X(5));
        Assert.Equal(0x4000_0000UL, m.X(6));
        Assert.Equal(0x4000_0000UL, m.X(7));
        Assert.Equal(0UL, m.X(8));
        Assert.Equal(0x4000_0000UL, m.X(9));
    }

    [Fact]
    public void LogicalShifted32_WithShiftAmountAbove31_IsUndefined()
    {
        var m = GuestMachine.Load([Orr(W0, W1, W2, ShiftType.LSL, 32), GuestMachine.EndMarker]);
        m.InstallHvcVectors();
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0x0200_0000UL, m.Esr);
    }

    /// <summary>
    /// Logical immediates are decoded without a loop or a table (so that a translated block folds
    /// them): for every (sf, N, immr, imms) the decoder must agree with the pseudocode's
    /// DecodeBitMasks (immediate = TRUE, N set in 32 bits UNDEFINED) on which words are
    /// UNDEFINED and on the immediate of the others.
    /// </summary>
    [Fact]
    public void Logical_immediates_match_the_pseudocode_for_every_encoding()
    {
        foreach (uint sf in new[] { 0u, 1u })
        {
            for (uint word = 0; word < 1 << 13; word++)
            {
                uint n = word >> 12, immr = (word >> 6) & 0x3F, imms = word & 0x3F;
                uint insn = sf << 31 | 0x1200_0000 | n << 22 | immr << 16 | imms << 10; // AND (immediate)
                bool decodes = PseudocodeBitMasks.Decode(n, imms, immr, true, sf == 1 ? 64 : 32, out ulong expected, out _);
                bool defined = (sf == 1 || n == 0) && decodes;
                bool undefined = DataProcessingImmediate.LogicalImmediateUndefined(insn, out ulong imm);
                Assert.True(defined != undefined, $"sf {sf} N {n} immr {immr} imms {imms}: UNDEFINED {undefined}, pseudocode {!defined}");
                if (defined)
                    Assert.True(expected == imm, $"sf {sf} N {n} immr {immr} imms {imms}: 0x{imm:x}, pseudocode 0x{expected:x}");
            }
        }
    }
}

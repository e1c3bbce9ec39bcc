using Emulator.Cpu.Instructions;
using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests;

/// <summary>SBFM/BFM/UBFM through their aliases, and EXTR/ROR (immediate).</summary>
public sealed class BitfieldTests
{
    private const ulong Src = 0x8123_4567_89AB_CDEF;

    private static GuestMachine Run(uint insn, ulong x0 = 0x1111_1111_1111_1111) =>
        GuestMachine.Execute([.. MovImm(X0, x0), .. MovImm(X1, Src), insn]);

    [Fact] public void Lsl64() => Assert.Equal(0x1234_5678_9ABC_DEF0UL, Run(LslImm(X0, X1, 4)).X(0));
    [Fact] public void Lsl64By63() => Assert.Equal(0x8000_0000_0000_0000UL, Run(LslImm(X0, X1, 63)).X(0));
    [Fact] public void Lsr64() => Assert.Equal(0x0812_3456_789A_BCDEUL, Run(LsrImm(X0, X1, 4)).X(0));
    [Fact] public void Lsr64By63() => Assert.Equal(1UL, Run(LsrImm(X0, X1, 63)).X(0));
    [Fact] public void Asr64() => Assert.Equal(0xF812_3456_789A_BCDEUL, Run(AsrImm(X0, X1, 4)).X(0));
    [Fact] public void Asr64By63() => Assert.Equal(ulong.MaxValue, Run(AsrImm(X0, X1, 63)).X(0));
    [Fact] public void Lsl32() => Assert.Equal(0x9ABC_DEF0UL, Run(LslImm(W0, W1, 4)).X(0));
    [Fact] public void Lsl32By31() => Assert.Equal(0x8000_0000UL, Run(LslImm(W0, W1, 31)).X(0));
    [Fact] public void Lsr32() => Assert.Equal(0x089A_BCDEUL, Run(LsrImm(W0, W1, 4)).X(0));
    [Fact] public void Asr32() => Assert.Equal(0xF89A_BCDEUL, Run(AsrImm(W0, W1, 4)).X(0));
    [Fact] public void Asr32By31() => Assert.Equal(0xFFFF_FFFFUL, Run(AsrImm(W0, W1, 31)).X(0));

    [Fact] public void Ubfx64() => Assert.Equal(0xABCDUL, Run(Ubfx(X0, X1, 8, 16)).X(0));
    [Fact] public void Ubfx64TopByte() => Assert.Equal(0x81UL, Run(Ubfx(X0, X1, 56, 8)).X(0));
    [Fact] public void Sbfx64Negative() => Assert.Equal(0xFFFF_FFFF_FFFF_ABCDUL, Run(Sbfx(X0, X1, 8, 16)).X(0));
    [Fact] public void Sbfx64TopByte() => Assert.Equal(0xFFFF_FFFF_FFFF_FF81UL, Run(Sbfx(X0, X1, 56, 8)).X(0));
    [Fact] public void Sbfx64Positive() => Assert.Equal(0x12UL, Run(Sbfx(X0, X1, 52, 8)).X(0));
    [Fact] public void Sbfx32() => Assert.Equal(0xFFFF_FFFEUL, Run(Sbfx(W0, W1, 4, 4)).X(0));     // 0xE
    [Fact] public void Ubfx32() => Assert.Equal(0x89AUL, Run(Ubfx(W0, W1, 20, 12)).X(0));
    [Fact] public void Ubfiz64() => Assert.Equal(0xEF0UL, Run(Ubfiz(X0, X1, 4, 8)).X(0));
    [Fact] public void Sbfiz64() => Assert.Equal(0xFFFF_FFFF_FFFF_FEF0UL, Run(Sbfiz(X0, X1, 4, 8)).X(0));
    [Fact] public void Sbfiz32() => Assert.Equal(0x78UL, Run(Sbfiz(W0, W1, 3, 5)).X(0));          // 0b01111: positive
    [Fact] public void Sbfiz32Negative() => Assert.Equal(0xFFFF_FF78UL, Run(Sbfiz(W0, W1, 3, 6)).X(0));  // 0b101111 = -17

    [Fact] public void Bfi64() => Assert.Equal(0x1111_1111_1111_EF11UL, Run(Bfi(X0, X1, 8, 8)).X(0));
    [Fact] public void Bfi64AtTop() => Assert.Equal(0xF111_1111_1111_1111UL, Run(Bfi(X0, X1, 60, 4)).X(0));
    [Fact] public void Bfi32_ClearsUpperHalf() => Assert.Equal(0xF222_2222UL, Run(Bfi(W0, W1, 28, 4), 0xFFFF_FFFF_2222_2222).X(0));
    [Fact] public void Bfxil64() => Assert.Equal(0x1111_1111_1111_11ABUL, Run(Bfxil(X0, X1, 16, 8)).X(0));
    [Fact] public void Bfxil64FromTop() => Assert.Equal(0x1111_1111_1111_1118UL, Run(Bfxil(X0, X1, 60, 4)).X(0));
    [Fact] public void Bfxil32() => Assert.Equal(0x2222_2289UL, Run(Bfxil(W0, W1, 24, 8), 0xFFFF_FFFF_2222_2222).X(0));

    [Fact] public void Sxtb64() => Assert.Equal(0xFFFF_FFFF_FFFF_FFEFUL, Run(Sxtb(X0, W1)).X(0));
    [Fact] public void Sxth64() => Assert.Equal(0xFFFF_FFFF_FFFF_CDEFUL, Run(Sxth(X0, W1)).X(0));
    [Fact] public void Sxtw64() => Assert.Equal(0xFFFF_FFFF_89AB_CDEFUL, Run(Sxtw(X0, W1)).X(0));
    [Fact] public void Sxtb32() => Assert.Equal(0xFFFF_FFEFUL, Run(Sxtb(W0, W1)).X(0));
    [Fact] public void Sxth32() => Assert.Equal(0xFFFF_CDEFUL, Run(Sxth(W0, W1)).X(0));
    [Fact] public void Uxtb32() => Assert.Equal(0xEFUL, Run(Uxtb(W0, W1)).X(0));
    [Fact] public void Uxth32() => Assert.Equal(0xCDEFUL, Run(Uxth(W0, W1)).X(0));

    [Fact]
    public void SignExtensionOfPositiveValues()
    {
        var m = GuestMachine.Execute([.. MovImm(X1, 0xFFFF_FFFF_7FFF_7F7F), Sxtb(X2, W1), Sxth(X3, W1), Sxtw(X4, W1)]);
        Assert.Equal(0x7FUL, m.X(2));
        Assert.Equal(0x7F7FUL, m.X(3));
        Assert.Equal(0x7FFF_7F7FUL, m.X(4));
    }

    [Fact]
    public void RawBitfield_ImmrGreaterThanImms_AndBfmWithWrap()
    {
        var m = GuestMachine.Execute([
            .. MovImm(X1, Src), .. MovImm(X2, 0xAAAA_AAAA_AAAA_AAAA),
            Ubfm(X3, X1, 60, 7),     // UBFIZ #4, #8: (Src & 0xFF) << 4
            Sbfm(X4, X1, 0, 63),     // ASR #0: copy
            Bfm(X2, X1, 0, 63),      // BFXIL #0, #64: copy
        ]);
        Assert.Equal(0xEF0UL, m.X(3));
        Assert.Equal(Src, m.X(4));
        Assert.Equal(Src, m.X(2));
    }

    [Theory]
    [InlineData(0b1u)]   // N != sf
    [InlineData(0b10u)]  // 32-bit with immr >= 32
    [InlineData(0b100u)] // 32-bit with imms >= 32
    public void Bitfield_ReservedEncodings_AreUndefined(uint which)
    {
        uint word = which switch
        {
            0b1u => Ubfm(X0, X1, 0, 7) & ~(1u << 22),
            0b10u => Ubfm(W0, W1, 0, 7) | (32u << 16),
            _ => Ubfm(W0, W1, 0, 0) | (32u << 10),
        };
        var m = GuestMachine.Load([word, GuestMachine.EndMarker]);
        m.InstallHvcVectors();
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0x0200_0000UL, m.Esr);
    }

    [Fact]
    public void Extr_AndRorImmediate()
    {
        var m = GuestMachine.Execute([
            .. MovImm(X1, 0x1111_2222_3333_4444), .. MovImm(X2, 0x5555_6666_7777_8888),
            Extr(X3, X1, X2, 16),
            Extr(X4, X1, X2, 0),
            Extr(X5, X1, X2, 63),
            RorImm(X6, X1, 4),
            .. MovImm(X7, 0xFFFF_FFFF_AABB_CCDD), .. MovImm(X8, 0xFFFF_FFFF_1122_3344),
            Extr(W9, W7, W8, 8),
            RorImm(W10, W7, 4),
            Extr(W11, W7, W8, 0),
        ]);
        Assert.Equal(0x4444_5555_6666_7777UL, m.X(3));
        Assert.Equal(0x5555_6666_7777_8888UL, m.X(4));
        Assert.Equal((0x5555_6666_7777_8888UL >> 63) | (0x1111_2222_3333_4444UL << 1), m.X(5));
        Assert.Equal(0x4111_1222_2333_3444UL, m.X(6));
        Assert.Equal(0xDD11_2233UL, m.X(9));
        Assert.Equal(0xDAAB_BCCDUL, m.X(10));
        Assert.Equal(0x1122_3344UL, m.X(11));
    }

    /// <summary>
    /// SBFM and UBFM are computed without the pseudocode's masks (ExtractOrInsert, which a
    /// translated block folds to shifts): for every valid (sf, immr, imms) of both, and sources with
    /// the field's sign bit set and clear, the result must be the pseudocode's (DecodeBitMasks, ROR,
    /// wmask, tmask, replicated sign bit).
    /// </summary>
    [Fact]
    public void Sbfm_and_ubfm_match_the_pseudocode_for_every_encoding()
    {
        ulong[] sources = [0x8123_4567_89AB_CDEF, 0x7EDC_BA98_7654_3210, ulong.MaxValue, 0, 0x0000_0000_8000_0001, 0x5555_AAAA_5555_AAAA];
        int failures = 0;
        foreach (int dataSize in new[] { 32, 64 })
        {
            for (uint immr = 0; immr < dataSize; immr++)
            {
                for (uint imms = 0; imms < dataSize; imms++)
                {
                    Assert.True(PseudocodeBitMasks.Decode(dataSize == 64 ? 1u : 0u, imms, immr, false, dataSize, out ulong wmask, out ulong tmask));
                    foreach (bool signed in new[] { true, false })
                    {
                        foreach (ulong raw in sources)
                        {
                            ulong src = dataSize == 64 ? raw : (uint)raw;
                            ulong rotated = immr == 0 ? src : dataSize == 64
                                ? src >> (int)immr | src << (64 - (int)immr)
                                : (uint)((uint)src >> (int)immr | (uint)src << (32 - (int)immr));
                            ulong bot = rotated & wmask;
                            ulong top = signed && ((src >> (int)imms) & 1) != 0 ? Alu.Ones(dataSize) : 0;
                            ulong expected = (top & ~tmask) | (bot & tmask);
                            ulong actual = DataProcessingImmediate.ExtractOrInsert(src, (int)immr, (int)imms, signed, dataSize);
                            if (dataSize == 32)
                                actual = (uint)actual;
                            if (actual != expected && failures++ < 5)
                                Assert.Fail($"{(signed ? "SBFM" : "UBFM")} {dataSize}-bit immr {immr} imms {imms} of 0x{src:x}: 0x{actual:x}, pseudocode 0x{expected:x}");
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// The emulator's DecodeBitMasks (no loops, so that translated blocks fold it; BFM's table and
    /// logical immediates use it) against the pseudocode's, for every input: reserved or not, wmask, tmask.
    /// </summary>
    [Fact]
    public void DecodeBitMasks_matches_the_pseudocode_for_every_input()
    {
        foreach (int dataSize in new[] { 32, 64 })
        {
            foreach (bool immediate in new[] { true, false })
            {
                for (uint i = 0; i < 1 << 13; i++)
                {
                    uint n = i >> 12, immr = (i >> 6) & 0x3F, imms = i & 0x3F;
                    bool expected = PseudocodeBitMasks.Decode(n, imms, immr, immediate, dataSize, out ulong w, out ulong t);
                    bool actual = Alu.DecodeBitMasks(n, imms, immr, immediate, dataSize, out ulong wmask, out ulong tmask);
                    Assert.True(expected == actual && wmask == w && tmask == t,
                        $"{dataSize}-bit N {n} immr {immr} imms {imms} immediate {immediate}: {actual} 0x{wmask:x} 0x{tmask:x}, pseudocode {expected} 0x{w:x} 0x{t:x}");
                }
            }
        }
    }
}

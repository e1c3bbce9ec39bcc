using Emulator.Cpu.Instructions.Simd;
using static Emulator.Cpu.Tests.Simd.SimdMiscMachine;

namespace Emulator.Cpu.Tests.Simd;

/// <summary>MOVI, MVNI, ORR, BIC and FMOV (vector, immediate), and AdvSIMDExpandImm itself (Arm ARM shared/functions/vector/AdvSIMDExpandImm).</summary>
public sealed class SimdImmediateTests
{
    private const ulong Ones = ulong.MaxValue;

    [Fact]
    public void Movi_64BitForms_ExpandEachImmediateBitToAByte()
    {
        Assert.Equal((0xFF00_00FF_00FF_FF00UL, 0xFF00_00FF_00FF_FF00UL), V(Run(0x6F04_E6C0, c => { }), 0)); // movi v0.2d, #0xff0000ff00ffff00
        Assert.Equal((0UL, 0xFFUL), V(Run(0x2F00_E420, c => c.SetV(0, Ones, Ones)), 0)); // movi d0, #0xff: a scalar write
    }

    [Fact]
    public void Mvni_ShiftingOnes_InvertsTheExpandedImmediate()
    {
        // msl #16: imm32 = 0x0012FFFF; NOT = 0xFFED0000 in each word.
        Assert.Equal((0xFFED_0000_FFED_0000UL, 0xFFED_0000_FFED_0000UL), V(Run(0x6F00_D640, c => { }), 0)); // mvni v0.4s, #0x12, msl #16
    }

    [Fact]
    public void MoviOrrBic_ShiftedImmediates()
    {
        Assert.Equal((0x3400_3400_3400_3400UL, 0x3400_3400_3400_3400UL), V(Run(0x4F01_A680, c => { }), 0)); // movi v0.8h, #0x34, lsl #8
        var orr = Run(0x4F04_7400, c => c.SetV(0, 0x0000_0001_0000_0002, 0x7000_0000_0000_0000)); // orr v0.4s, #0x80, lsl #24
        Assert.Equal((0xF000_0000_8000_0000UL, 0x8000_0001_8000_0002UL), V(orr, 0));
        var bic = Run(0x6F07_97E0, c => c.SetV(0, 0x1234_5678_9ABC_DEF0, Ones)); // bic v0.8h, #0xff
        Assert.Equal((0xFF00_FF00_FF00_FF00UL, 0x1200_5600_9A00_DE00UL), V(bic, 0));
    }

    [Fact]
    public void Fmov_VectorImmediate_SingleAndDouble()
    {
        Assert.Equal((0x3F80_0000_3F80_0000UL, 0x3F80_0000_3F80_0000UL), V(Run(0x4F03_F600, c => { }), 0)); // fmov v0.4s, #1.0
        Assert.Equal((0xBFE0_0000_0000_0000UL, 0xBFE0_0000_0000_0000UL), V(Run(0x6F07_F400, c => { }), 0)); // fmov v0.2d, #-0.5
        Assert.Equal((0UL, 0x41F8_0000_41F8_0000UL), V(Run(0x0F01_F7E0, c => c.SetV(0, Ones, Ones)), 0)); // fmov v0.2s, #31.0
    }

    /// <summary>Every op, cmode and imm8 against a literal transcription of the pseudocode's case statement.</summary>
    [Fact]
    public void AdvSimdExpandImm_MatchesThePseudocodeForEveryInput()
    {
        for (uint op = 0; op < 2; op++)
        {
            for (uint cmode = 0; cmode < 16; cmode++)
            {
                for (uint imm8 = 0; imm8 < 256; imm8++)
                    Assert.True(Reference(op, cmode, imm8) == SimdImmediate.AdvSimdExpandImm(op, cmode, imm8), $"op {op} cmode {cmode} imm8 {imm8:x2}");
            }
        }
    }

    private static ulong Reference(uint op, uint cmode, uint imm8)
    {
        ulong i = imm8;
        static ulong Rep(ulong value, int width) { ulong r = 0; for (int p = 0; p < 64; p += width) r |= value << p; return r; }
        switch (cmode >> 1)
        {
            case 0: return Rep(i, 32);                 // Replicate(Zeros(24):imm8, 2)
            case 1: return Rep(i << 8, 32);            // Replicate(Zeros(16):imm8:Zeros(8), 2)
            case 2: return Rep(i << 16, 32);           // Replicate(Zeros(8):imm8:Zeros(16), 2)
            case 3: return Rep(i << 24, 32);           // Replicate(imm8:Zeros(24), 2)
            case 4: return Rep(i, 16);                 // Replicate(Zeros(8):imm8, 4)
            case 5: return Rep(i << 8, 16);            // Replicate(imm8:Zeros(8), 4)
            case 6: return (cmode & 1) == 0 ? Rep(i << 8 | 0xFF, 32) : Rep(i << 16 | 0xFFFF, 32);
        }
        if ((cmode & 1) == 0 && op == 0)
            return Rep(i, 8);                          // Replicate(imm8, 8)
        ulong bit(int n) => (i >> n) & 1;
        if ((cmode & 1) == 0)
        {
            ulong r = 0;                               // imm8a:imm8b:...:imm8h, each Replicate(imm8<n>, 8)
            for (int n = 7; n >= 0; n--)
                r = r << 8 | (bit(n) == 1 ? 0xFFUL : 0);
            return r;
        }
        if (op == 0)
        {
            // imm32 = imm8<7>:NOT(imm8<6>):Replicate(imm8<6>,5):imm8<5:0>:Zeros(19)
            ulong imm32 = bit(7) << 31 | (1 - bit(6)) << 30 | (bit(6) * 0x1F) << 25 | (i & 0x3F) << 19;
            return Rep(imm32, 32);
        }
        // imm64 = imm8<7>:NOT(imm8<6>):Replicate(imm8<6>,8):imm8<5:0>:Zeros(48)
        return bit(7) << 63 | (1 - bit(6)) << 62 | (bit(6) * 0xFF) << 54 | (i & 0x3F) << 48;
    }
}

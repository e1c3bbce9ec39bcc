using Emulator.Mmu.Translation;

namespace Emulator.Mmu.Tests.Translation;

/// <summary>Register values for walk tests.</summary>
public static class WalkRegs
{
    /// <summary>MAIR: Attr0 = Normal WB (0xFF), Attr1 = Device-nGnRE (0x04), Attr2 = Normal NC (0x44), Attr3 = Device-nGnRnE.</summary>
    public const ulong Mair = 0x00_44_04_FF;

    /// <summary>SCTLR_EL1 with M, C and I set.</summary>
    public const ulong SctlrOn = 1 | 1UL << 2 | 1UL << 12;

    public static ulong Tg0(int granuleBits) => (ulong)(granuleBits switch { 12 => 0b00, 16 => 0b01, _ => 0b10 }) << 14;

    public static ulong Tg1(int granuleBits) => granuleBits switch { 12 => 0b10UL, 14 => 0b01UL, _ => 0b11UL } << 30;

    /// <summary>TCR_EL1 with the same granule and size for both halves, IPS = 48 bits, walks Normal WB Inner Shareable.</summary>
    public static ulong Tcr(int granuleBits, int inputBits) =>
        (ulong)(uint)(64 - inputBits) | (ulong)(uint)(64 - inputBits) << 16 | Tg0(granuleBits) | Tg1(granuleBits)
        | 0b01UL << 8 | 0b01UL << 10 | 0b11UL << 12 | 0b01UL << 24 | 0b01UL << 26 | 0b11UL << 28 | 5UL << 32;

    public static TranslationRegisters Regs(int granuleBits, int inputBits, ulong ttbr0, ulong ttbr1 = 0, ulong extraTcr = 0, ulong sctlr = SctlrOn, int paBits = 48) =>
        new(sctlr, Tcr(granuleBits, inputBits) | extraTcr, ttbr0, ttbr1, Mair, paBits);

    public static TranslationResult Translate(in TranslationRegisters regs, FakeDescriptorMemory memory, ulong va, TranslationAccess access, Tlb? tlb = null)
    {
        var reader = memory.CreateReader();
        return Stage1Translation.Translate(regs, tlb ?? new Tlb(), va, access, ref reader);
    }

    public static readonly TranslationAccess El1Read = new(AccessType.Read, false);
    public static readonly TranslationAccess El1Write = new(AccessType.Write, false);
    public static readonly TranslationAccess El1Fetch = new(AccessType.Fetch, false);
    public static readonly TranslationAccess El0Read = new(AccessType.Read, true);
    public static readonly TranslationAccess El0Write = new(AccessType.Write, true);
    public static readonly TranslationAccess El0Fetch = new(AccessType.Fetch, true);
}

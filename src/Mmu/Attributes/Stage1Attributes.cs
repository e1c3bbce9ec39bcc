namespace Emulator.Mmu.Attributes;

/// <summary>
/// Stage-1 memory attributes from the translation registers (docs/memory-attributes.md §1):
/// MAIR_EL1 indirection, the SCTLR_EL1.M = 0 defaults (AArch64.S1DisabledOutput), the
/// SCTLR_EL1.C / I = 0 overrides, and the walk attributes from TCR_EL1.IRGNn/ORGNn/SHn
/// (AArch64.S1TTWalkMemAttrs / WalkMemAttrs).
/// </summary>
public static class Stage1Attributes
{
    /// <summary>Attr&lt;index&gt; of MAIR_EL1 with the descriptor's SH[1:0] (AArch64.S1AttrDecode).</summary>
    public static MemoryAttributes FromMair(ulong mair, int attrIndex, int sh) =>
        new((byte)(mair >> (8 * attrIndex)), DecodeShareability(sh));

    /// <summary>SH[1:0]; the reserved value 0b01 is treated as Non-shareable (a CONSTRAINED UNPREDICTABLE choice).</summary>
    public static Shareability DecodeShareability(int sh) => sh switch
    {
        0b10 => Shareability.OuterShareable,
        0b11 => Shareability.InnerShareable,
        _ => Shareability.NonShareable,
    };

    /// <summary>
    /// The attributes with stage 1 disabled (SCTLR_EL1.M = 0, HCR_EL2.DC = 0): data accesses are
    /// Device-nGnRnE; instruction fetches are Normal Outer Shareable, Write-Through
    /// read-allocate (0xAA) when SCTLR_EL1.I = 1 and Non-cacheable (0x44) when I = 0.
    /// </summary>
    public static MemoryAttributes TranslationOff(bool fetch, ulong sctlr)
    {
        if (!fetch)
            return MemoryAttributes.DeviceNGnRnE;
        bool icache = (sctlr & (1UL << 12)) != 0;
        return new MemoryAttributes(icache ? (byte)0xAA : (byte)0x44, Shareability.OuterShareable);
    }

    /// <summary>
    /// Applies SCTLR_EL1.C (data accesses) or SCTLR_EL1.I (fetches) = 0 to attributes from an enabled
    /// stage 1: Normal memory becomes Non-cacheable at both levels; Device is unchanged.
    /// </summary>
    public static MemoryAttributes ApplyCacheEnables(MemoryAttributes attributes, bool fetch, ulong sctlr)
    {
        ulong enable = fetch ? 1UL << 12 : 1UL << 2;
        if ((sctlr & enable) != 0 || attributes.IsDevice)
            return attributes;
        return new MemoryAttributes(0x44, attributes.Shareability);
    }

    /// <summary>
    /// The attributes of the walk's own descriptor reads from IRGN/ORGN/SH (each RGN 00 NC,
    /// 01 WB RA WA, 10 WT RA nWA, 11 WB RA nWA); Non-cacheable when SCTLR_EL1.C = 0.
    /// </summary>
    public static MemoryAttributes Walk(int irgn, int orgn, int sh, bool dataCacheEnabled)
    {
        if (!dataCacheEnabled)
            return new MemoryAttributes(0x44, DecodeShareability(sh));
        return new MemoryAttributes((byte)(RgnNibble(orgn) << 4 | RgnNibble(irgn)), DecodeShareability(sh));
    }

    private static int RgnNibble(int rgn) => rgn switch
    {
        0b00 => 0x4,
        0b01 => 0xF,
        0b10 => 0xA,
        _ => 0xE,
    };
}

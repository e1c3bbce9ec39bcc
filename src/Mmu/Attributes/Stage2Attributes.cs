namespace Emulator.Mmu.Attributes;

/// <summary>
/// Stage-2 memory attributes and their combination with stage 1 (docs/memory-attributes.md §2–3):
/// S2AttrDecode for HCR_EL2.FWB = 0, S2CombineS1MemAttrs (S2CombineS1Device,
/// S2CombineS1AttrHints, S2CombineS1Shareability) and AArch64.S2ApplyFWBMemAttrs for FWB = 1,
/// and the HCR_EL2.DC stage-1 default. Attributes stay in the MAIR-format byte of
/// <see cref="MemoryAttributes"/>, as QEMU's ptw.c (convert_stage2_attrs, combine_cacheattrs)
/// and KVM's at.c (compute_par_s12) hold them.
/// </summary>
public static class Stage2Attributes
{
    /// <summary>
    /// The stage-1 attributes with HCR_EL2.DC = 1 (stage 1 treated as disabled): Normal
    /// Non-shareable, Inner and Outer Write-Back Read/Write-Allocate Non-transient (0xFF), for data
    /// and instruction fetches alike (no FEAT_MTE, so HCR_EL2.DCT does not apply).
    /// </summary>
    public static MemoryAttributes DefaultCacheable => new(0xFF, Shareability.NonShareable);

    /// <summary>
    /// S2AttrDecode (HCR_EL2.FWB = 0): MemAttr[3:2] = 00 is Device with the type in MemAttr[1:0];
    /// otherwise Normal with outer cacheability from MemAttr[3:2] and inner from MemAttr[1:0]
    /// (01 NC, 10 WT, 11 WB; S2DecodeCacheability), written in MAIR format with the
    /// Read/Write-Allocate Non-transient hints QEMU's convert_stage2_attrs gives them (0x4, 0xB,
    /// 0xF per nibble; stage 2 has no hints of its own). <paramref name="cd"/> is S2CacheDisabled
    /// (HCR_EL2.CD for data and walks, HCR_EL2.ID for fetches): Normal becomes Non-cacheable.
    /// The reserved Normal encodings with MemAttr[1:0] = 00 (0b0100, 0b1000, 0b1100; CONSTRAINED
    /// UNPREDICTABLE) decode as Normal Inner/Outer Non-cacheable, as KVM's AT emulation does.
    /// The shareability is the effective one: Outer Shareable for Device and Inner/Outer
    /// Non-cacheable (EffectiveShareability).
    /// </summary>
    public static MemoryAttributes Decode(byte memAttr, Shareability sh, bool cd)
    {
        memAttr &= 0xF;
        if ((memAttr & 0b1100) == 0)
            return new MemoryAttributes((byte)((memAttr & 3) << 2), Shareability.OuterShareable);
        if (cd || (memAttr & 0b0011) == 0)
            return MemoryAttributes.NormalNonCacheable;
        var attributes = new MemoryAttributes((byte)(Nibble(memAttr >> 2) << 4 | Nibble(memAttr & 3)), sh);
        return attributes with { Shareability = attributes.EffectiveShareability };
    }

    /// <summary>
    /// CombineS1S2Desc's attribute part: the attributes of an access whose stage 1 produced
    /// <paramref name="s1"/> (already with SCTLR_EL1.M/C/I and HCR_EL2.DC applied) and whose
    /// stage-2 descriptor has MemAttr <paramref name="s2MemAttr"/> and SH <paramref name="s2Sh"/>.
    /// FWB = 0: S2CombineS1MemAttrs of S1 and <see cref="Decode"/>(S2) — Device with Device takes
    /// the more restrictive type (S2CombineS1Device), Device with Normal is the Device one, Normal
    /// with Normal combines inner and outer independently, NC over WT over WB, hints and transience
    /// from stage 1 (S2CombineS1AttrHints); <paramref name="cd"/> makes the stage-2 side
    /// Non-cacheable. FWB = 1: AArch64.S2ApplyFWBMemAttrs (<see cref="CombineFwb"/>), after which
    /// <paramref name="cd"/> makes a Normal result Non-cacheable (AArch64.S2Translate applies
    /// !S2DCacheEnabled() / HCR_EL2.ID to the FWB-combined attributes; KVM's AT emulation agrees,
    /// QEMU's combined_attrs_fwb ignores CD). Shareability: S2CombineS1Shareability (Outer if
    /// either is Outer, else Inner if either is Inner, else Non-shareable), taking stage 1's
    /// effective shareability (an IMPLEMENTATION DEFINED choice in AArch64.S1Translate), then
    /// EffectiveShareability (Device and Inner/Outer Non-cacheable results are Outer Shareable).
    /// The instruction-fetch rule that makes Device results Non-cacheable is the caller's
    /// (TwoStageTranslation.CombinedAttributes).
    /// </summary>
    public static MemoryAttributes Combine(MemoryAttributes s1, byte s2MemAttr, Shareability s2Sh, bool fwb, bool cd)
    {
        byte attr = fwb ? CombineFwb(s1, s2MemAttr) : CombineNoFwb(s1, Decode(s2MemAttr, s2Sh, cd));
        if (fwb && cd && (attr & 0xF0) != 0)
            attr = 0x44;
        var combined = new MemoryAttributes(attr, CombineShareability(s1.EffectiveShareability, s2Sh));
        return combined with { Shareability = combined.EffectiveShareability };
    }

    /// <summary>
    /// Whether the stage-2 descriptor alone makes the location Device memory (the memory type
    /// AArch64.S2Translate checks for its Device alignment fault and HCR_EL2.PTW): MemAttr[3:2] = 00
    /// with FWB = 0, MemAttr[2] = 0 with FWB = 1.
    /// </summary>
    public static bool IsDevice(byte s2MemAttr, bool fwb) => (s2MemAttr & (fwb ? 0b0100 : 0b1100)) == 0;

    /// <summary>S2CombineS1Shareability: the wider of the two domains.</summary>
    public static Shareability CombineShareability(Shareability s1, Shareability s2)
    {
        if (s1 == Shareability.OuterShareable || s2 == Shareability.OuterShareable)
            return Shareability.OuterShareable;
        if (s1 == Shareability.InnerShareable || s2 == Shareability.InnerShareable)
            return Shareability.InnerShareable;
        return Shareability.NonShareable;
    }

    /// <summary>S2CombineS1MemAttrs (FWB = 0) on MAIR-format bytes; returns the combined byte.</summary>
    private static byte CombineNoFwb(MemoryAttributes s1, MemoryAttributes s2)
    {
        if (s1.IsDevice && s2.IsDevice)
            return CombineDevice(s1.Attr, s2.Attr);
        if (s1.IsDevice)
            return (byte)(s1.Attr & 0x0C);
        if (s2.IsDevice)
            return (byte)(s2.Attr & 0x0C);
        int outer = CombineNibble(s1.Attr >> 4, s2.Attr >> 4);
        int inner = CombineNibble(s1.Attr & 0xF, s2.Attr & 0xF);
        return (byte)(outer << 4 | inner);
    }

    /// <summary>
    /// AArch64.S2ApplyFWBMemAttrs (FWB = 1), ignoring MemAttr[3] (RES0 without FEAT_MTE_PERM):
    /// MemAttr[2] = 0: Device of type MemAttr[1:0], or the more restrictive of it and a stage-1
    /// Device type. MemAttr[1:0] = 11: stage 1's attributes. 10: Normal Write-Back at both
    /// levels, keeping stage 1's hints and transience for a level stage 1 made cacheable, and
    /// Read/Write-Allocate Non-transient for a Non-cacheable level or a Device stage 1 (so it
    /// overrides the MMU-off Device-nGnRnE default). 01: stage 1's attributes if Device,
    /// otherwise Normal Inner/Outer Non-cacheable. The reserved 00 (MemAttr 0b0100) falls into the
    /// pseudocode's final branch with 01 and behaves the same (QEMU instead forces Device-nGnRnE;
    /// KVM's AT emulation uses stage 1's attributes).
    /// </summary>
    private static byte CombineFwb(MemoryAttributes s1, byte s2MemAttr)
    {
        if ((s2MemAttr & 0b0100) == 0)
        {
            byte device = (byte)((s2MemAttr & 3) << 2);
            return s1.IsDevice ? CombineDevice(s1.Attr, device) : device;
        }
        switch (s2MemAttr & 3)
        {
            case 0b11:
                return s1.IsDevice ? (byte)(s1.Attr & 0x0C) : s1.Attr;
            case 0b10:
                if (s1.IsDevice)
                    return 0xFF;
                return (byte)(ForceWriteBack(s1.Attr >> 4) << 4 | ForceWriteBack(s1.Attr & 0xF));
            default:
                return s1.IsDevice ? (byte)(s1.Attr & 0x0C) : (byte)0x44;
        }
    }

    /// <summary>S2CombineS1Device: the more restrictive Device type; the encodings are ordered nGnRnE &lt; nGnRE &lt; nGRE &lt; GRE.</summary>
    private static byte CombineDevice(byte s1, byte s2) => (byte)Math.Min(s1 & 0x0C, s2 & 0x0C);

    /// <summary>
    /// S2CombineS1AttrHints on one level: Non-cacheable if either is, else Write-Through if either
    /// is, else Write-Back; the allocation hints and transience are stage 1's (a Write-Back stage-1
    /// nibble 11RW/01RW becomes Write-Through 10RW/00RW).
    /// </summary>
    private static int CombineNibble(int s1, int s2)
    {
        Cacheability c1 = MemoryAttributes.Decode((byte)s1);
        Cacheability c2 = MemoryAttributes.Decode((byte)s2);
        if (c1 == Cacheability.NonCacheable || c2 == Cacheability.NonCacheable)
            return 0b0100;
        if (c1 == Cacheability.WriteThrough || c2 == Cacheability.WriteThrough)
            return s1 & ~0b0100;
        return s1;
    }

    /// <summary>
    /// FWB force Write-Back of one stage-1 level: a cacheable level keeps its hints (WT 10RW → WB
    /// 11RW, 00RW → 01RW, WB unchanged); Non-cacheable (0b0100), and the UNPREDICTABLE 0b0000,
    /// become WB Read/Write-Allocate Non-transient (0xF).
    /// </summary>
    private static int ForceWriteBack(int s1) => s1 is 0b0100 or 0b0000 ? 0xF : s1 | 0b0100;

    /// <summary>A stage-2 cacheability field as a MAIR nibble: 01 NC (0x4), 10 WT RWA (0xB), 11 WB RWA (0xF).</summary>
    private static int Nibble(int field) => field switch
    {
        0b01 => 0x4,
        0b10 => 0xB,
        _ => 0xF,
    };
}

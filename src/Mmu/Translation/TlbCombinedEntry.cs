namespace Emulator.Mmu.Translation;

/// <summary>
/// A cached two-stage (stage 1 + stage 2) translation of the EL1&amp;0 regime, as the
/// <see cref="Tlb"/> holds it: the region of VA it covers (the smaller of the stage-1 and stage-2
/// blocks, aligned), the IPA of its start, and both leaves with their raw attributes, so that the
/// memory attributes can be recombined at lookup with the HCR_EL2.FWB/CD/ID and SCTLR_EL1.C/I in
/// force then. With stage 1 disabled (SCTLR_EL1.M = 0 or HCR_EL2.DC = 1) the entry caches only
/// the stage-2 translation of the flat VA = IPA mapping: <see cref="Stage1Enabled"/> is false,
/// <see cref="Stage1"/> is default and the entry is global.
/// </summary>
public readonly record struct TlbCombinedEntry(
    S1Mapping Stage1,
    S2Mapping Stage2,
    ulong VaBase,
    ulong IpaBase,
    byte BlockShift,
    bool Stage1Enabled)
{
    /// <summary>Size in bytes of the region the entry translates.</summary>
    public ulong Size => 1UL << BlockShift;

    /// <summary>The physical address of <see cref="VaBase"/>.</summary>
    public ulong PaBase => Stage2.OutputAddress(IpaBase);

    /// <summary>The IPA of <paramref name="va"/>, which the entry must translate.</summary>
    public ulong IpaOf(ulong va) => IpaBase | (va & (Size - 1));

    /// <summary>The PA of <paramref name="va"/>, which the entry must translate.</summary>
    public ulong PaOf(ulong va) => PaBase | (va & (Size - 1));

    /// <summary>Whether this entry translates the canonical VA <paramref name="canonicalVa"/> for <paramref name="asid"/>.</summary>
    public bool Matches(ulong canonicalVa, ushort asid) =>
        (canonicalVa & ~(Size - 1)) == VaBase && (!Stage1Enabled || !Stage1.NotGlobal || Stage1.Asid == asid);

    /// <summary>
    /// The entry for the access to <paramref name="va"/> whose stage 1 produced
    /// <paramref name="ipa"/> through <paramref name="stage1"/> (ignored when
    /// <paramref name="stage1Enabled"/> is false: VA = IPA) and whose stage 2 translated it through
    /// <paramref name="stage2"/>. It covers the smaller of the two leaves.
    /// </summary>
    public static TlbCombinedEntry Create(ulong va, ulong ipa, in S1Mapping stage1, in S2Mapping stage2, bool stage1Enabled)
    {
        ulong canonical = Stage1Walk.Canonical(va);
        int shift = stage1Enabled ? Math.Min(stage1.BlockShift, stage2.BlockShift) : stage2.BlockShift;
        ulong mask = (1UL << shift) - 1;
        return new TlbCombinedEntry(
            stage1Enabled ? stage1 : default,
            stage2,
            canonical & ~mask,
            ipa & ~mask,
            (byte)shift,
            stage1Enabled);
    }
}

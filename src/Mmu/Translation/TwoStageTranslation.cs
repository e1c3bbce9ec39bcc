using Emulator.Mmu.Attributes;

namespace Emulator.Mmu.Translation;

/// <summary>
/// AArch64.FullTranslate for the EL1&amp;0 regime with stage 2: stage 1 (AArch64.S1Translate, its
/// table walk's reads each translated through stage 2 first), then stage 2 of the IPA
/// (AArch64.S2Translate), with the TLB caching the combined result per VMID. With stage 2 disabled
/// (HCR_EL2.VM = 0 and DC = 0) it is <see cref="Stage1Translation.Translate"/>.
/// Faults are never cached. Order of checks: stage 1 (VA range, walk, Device alignment,
/// permission) then stage 2 (walk, Device alignment, permission), as the pseudocode has them.
/// A stage-2 fault carries <see cref="FaultRecord.Stage2"/> and the IPA (with
/// <see cref="FaultRecord.S1Ptw"/> and the descriptor's IPA when it hit a stage-1 table read).
/// Stage 1 off (SCTLR_EL1.M = 0, or HCR_EL2.DC = 1) is the flat VA = IPA mapping with the
/// AArch64.S1DisabledOutput attributes or the HCR_EL2.DC default, then stage 2.
/// </summary>
public static class TwoStageTranslation
{
    /// <summary>
    /// Translates <paramref name="va"/>: <paramref name="guestMemory"/> reads the guest's stage-1
    /// descriptors at their PAs, <paramref name="stage2Tables"/> the hypervisor's stage-2 tables.
    /// With stage 2 enabled, <see cref="Tlb.Vmid"/> is set to VTTBR_EL2.VMID first, so that the
    /// TLB's lookups and invalidations use the VMID in force. The result's <see cref="TranslationResult.Ipa"/>
    /// is the IPA (equal to the PA when stage 2 is disabled).
    /// </summary>
    public static TranslationResult Translate<TGuest, TStage2>(
        in TranslationRegisters s1, in Stage2Registers s2, Tlb tlb, ulong va, TranslationAccess access,
        ref TGuest guestMemory, ref TStage2 stage2Tables)
        where TGuest : struct, IDescriptorReader
        where TStage2 : struct, IDescriptorReader
    {
        if (!s2.Enabled)
        {
            TranslationResult r = Stage1Translation.Translate(s1, tlb, va, access, ref guestMemory);
            return r.IsFault ? r : r with { Ipa = r.Pa };
        }
        tlb.Vmid = s2.Vmid;
        return s1.MmuEnabled && !s2.Dc
            ? TranslateStage1On(s1, s2, tlb, va, access, ref guestMemory, ref stage2Tables)
            : TranslateStage1Off(s1, s2, tlb, va, access, ref stage2Tables);
    }

    /// <summary>
    /// AT S1E1R/W and S1E0R/W with stage 2 enabled: stage 1 only — the result's PA and
    /// <see cref="TranslationResult.Ipa"/> are the IPA, its attributes the stage-1 ones — with the
    /// walk's table reads translated through stage 2, whose faults come back with
    /// <see cref="FaultRecord.Stage2"/> set (they are taken to EL2). The TLB is neither used nor filled.
    /// </summary>
    public static TranslationResult TranslateStage1Only<TGuest, TStage2>(
        in TranslationRegisters s1, in Stage2Registers s2, ulong va, TranslationAccess access,
        ref TGuest guestMemory, ref TStage2 stage2Tables)
        where TGuest : struct, IDescriptorReader
        where TStage2 : struct, IDescriptorReader
    {
        if (!s1.MmuEnabled || s2.Dc)
        {
            TranslationResult off = Stage1Translation.TranslateS1Off(s1, va, access);
            if (off.IsFault || !s2.Dc)
                return off with { Ipa = off.Pa };
            return off with { Attributes = Stage2Attributes.DefaultCacheable, Ipa = off.Pa };
        }
        if (!WalkStage1(s1, s2, va, access, ref guestMemory, ref stage2Tables, out S1Mapping mapping, out ulong ipa, out FaultRecord fault))
            return TranslationResult.Failed(fault);
        return new TranslationResult(ipa, Stage1Attributes.ApplyCacheEnables(mapping.Attributes, access.IsFetch, s1.Sctlr), mapping, default) { Ipa = ipa };
    }

    /// <summary>
    /// The attributes of an access from the attributes of its stage-1 leaf (SCTLR_EL1.C/I not yet
    /// applied) and its stage-2 leaf: Stage1Attributes.ApplyCacheEnables, then
    /// <see cref="CombineWithStage2"/>.
    /// </summary>
    public static MemoryAttributes CombinedAttributes(in TranslationRegisters s1, in Stage2Registers s2, MemoryAttributes stage1, in S2Mapping stage2, bool fetch) =>
        CombineWithStage2(s2, Stage1Attributes.ApplyCacheEnables(stage1, fetch, s1.Sctlr), stage2, fetch);

    /// <summary>
    /// The attributes of an access from the final stage-1 attributes and its stage-2 leaf:
    /// <see cref="Stage2Attributes.Combine"/> with HCR_EL2.FWB and HCR_EL2.CD (data) or ID (fetch).
    /// Instruction fetches never see Device memory: AArch64.S1Translate treats a fetch from
    /// stage-1 Device memory, and AArch64.S2Translate one from stage-2 Device memory, as Normal
    /// Non-cacheable.
    /// </summary>
    public static MemoryAttributes CombineWithStage2(in Stage2Registers s2, MemoryAttributes stage1, in S2Mapping stage2, bool fetch)
    {
        if (fetch && stage1.IsDevice)
            stage1 = MemoryAttributes.NormalNonCacheable;
        MemoryAttributes combined = Stage2Attributes.Combine(stage1, stage2.MemAttr, stage2.Shareability, s2.Fwb, fetch ? s2.Id : s2.Cd);
        return fetch && combined.IsDevice ? MemoryAttributes.NormalNonCacheable : combined;
    }

    /// <summary>
    /// The stage-1 walk with its table reads translated through stage 2 (a stage-2 fault on a
    /// table read wins over the walk's own fault), then the stage-1 permission and alignment
    /// checks: the leaf and the IPA of <paramref name="va"/>, or the fault.
    /// </summary>
    private static bool WalkStage1<TGuest, TStage2>(
        in TranslationRegisters s1, in Stage2Registers s2, ulong va, TranslationAccess access,
        ref TGuest guestMemory, ref TStage2 stage2Tables, out S1Mapping mapping, out ulong ipa, out FaultRecord fault)
        where TGuest : struct, IDescriptorReader
        where TStage2 : struct, IDescriptorReader
    {
        ipa = 0;
        if (!Stage1Walk.IsVaInRange(s1, va, out _))
        {
            mapping = default;
            fault = new FaultRecord(FaultType.Translation, 0);
            return false;
        }
        var reader = new NestedWalkReader<TGuest, TStage2>(s2, guestMemory, stage2Tables);
        bool walked = Stage1Walk.Walk(s1, va, ref reader, out mapping, out FaultRecord walkFault);
        guestMemory = reader.Guest;
        stage2Tables = reader.Stage2Tables;
        if (!walked)
        {
            fault = reader.Stage2Fault.IsFault ? reader.Stage2Fault : walkFault;
            return false;
        }
        fault = CheckStage1(s1, mapping, access);
        if (fault.IsFault)
            return false;
        ipa = mapping.OaBase | (va & (mapping.Size - 1));
        return true;
    }

    private static TranslationResult TranslateStage1On<TGuest, TStage2>(
        in TranslationRegisters s1, in Stage2Registers s2, Tlb tlb, ulong va, TranslationAccess access,
        ref TGuest guestMemory, ref TStage2 stage2Tables)
        where TGuest : struct, IDescriptorReader
        where TStage2 : struct, IDescriptorReader
    {
        if (!Stage1Walk.IsVaInRange(s1, va, out _))
            return TranslationResult.Failed(new FaultRecord(FaultType.Translation, 0));

        ushort asid = s1.Asid;
        if (tlb.TryLookupCombined(va, asid, stage1Enabled: true, out TlbCombinedEntry entry))
        {
            FaultRecord s1Fault = CheckStage1(s1, entry.Stage1, access);
            if (s1Fault.IsFault)
                return TranslationResult.Failed(s1Fault);
            return Finish(s1, s2, entry.Stage1, entry.Stage1.Attributes, entry.Stage2, entry.IpaOf(va), access);
        }

        if (!WalkStage1(s1, s2, va, access, ref guestMemory, ref stage2Tables, out S1Mapping mapping, out ulong ipa, out FaultRecord fault))
            return TranslationResult.Failed(fault);
        if (!Stage2Walk.Walk(s2, ipa, ref stage2Tables, out S2Mapping s2Mapping, out FaultRecord s2Fault))
            return TranslationResult.Failed(s2Fault);
        tlb.InsertCombined(va, TlbCombinedEntry.Create(va, ipa, mapping, s2Mapping, stage1Enabled: true));
        return Finish(s1, s2, mapping, mapping.Attributes, s2Mapping, ipa, access);
    }

    /// <summary>
    /// Stage 1 disabled (AArch64.S1DisabledOutput): VA = IPA, checked against the physical address
    /// size; data Device-nGnRnE (so an unaligned data access is a stage-1 Alignment fault) and
    /// fetches per SCTLR_EL1.I, or with HCR_EL2.DC Normal Write-Back for both. Then stage 2.
    /// </summary>
    private static TranslationResult TranslateStage1Off<TStage2>(
        in TranslationRegisters s1, in Stage2Registers s2, Tlb tlb, ulong va, TranslationAccess access, ref TStage2 stage2Tables)
        where TStage2 : struct, IDescriptorReader
    {
        if ((va >> s1.PhysicalAddressBits) != 0)
            return TranslationResult.Failed(new FaultRecord(FaultType.AddressSize, 0));
        MemoryAttributes stage1;
        if (s2.Dc)
        {
            stage1 = Stage2Attributes.DefaultCacheable;
        }
        else
        {
            stage1 = Stage1Attributes.TranslationOff(access.IsFetch, s1.Sctlr);
            if (!access.Aligned && !access.IsFetch)
                return TranslationResult.Failed(new FaultRecord(FaultType.Alignment, 0));
        }

        ulong ipa = va;
        S2Mapping s2Mapping;
        if (tlb.TryLookupCombined(va, 0, stage1Enabled: false, out TlbCombinedEntry entry))
        {
            s2Mapping = entry.Stage2;
        }
        else
        {
            if (!Stage2Walk.Walk(s2, ipa, ref stage2Tables, out s2Mapping, out FaultRecord s2Fault))
                return TranslationResult.Failed(s2Fault);
            tlb.InsertCombined(va, TlbCombinedEntry.Create(va, ipa, default, s2Mapping, stage1Enabled: false));
        }

        FaultRecord fault = CheckStage2(s2, s2Mapping, ipa, access);
        if (fault.IsFault)
            return TranslationResult.Failed(fault);
        MemoryAttributes attributes = CombineWithStage2(s2, stage1, s2Mapping, access.IsFetch);
        return new TranslationResult(s2Mapping.OutputAddress(ipa), attributes, default, default) { Ipa = ipa, Stage2Mapping = s2Mapping };
    }

    /// <summary>The stage-1 checks of AArch64.S1Translate after the walk: Device alignment, then permission.</summary>
    private static FaultRecord CheckStage1(in TranslationRegisters s1, in S1Mapping mapping, TranslationAccess access)
    {
        if (!access.Aligned && !access.IsFetch && mapping.Attributes.IsDevice)
            return new FaultRecord(FaultType.Alignment, mapping.Level);
        if (!mapping.Permits(access, s1.WriteExecuteNever))
            return new FaultRecord(FaultType.Permission, mapping.Level);
        return default;
    }

    /// <summary>
    /// The stage-2 checks of AArch64.S2Translate after the walk: an unaligned data access to
    /// memory stage 2 makes Device is a stage-2 Alignment fault, then AArch64.CheckS2Permission.
    /// </summary>
    private static FaultRecord CheckStage2(in Stage2Registers s2, in S2Mapping mapping, ulong ipa, TranslationAccess access)
    {
        if (!access.Aligned && !access.IsFetch && Stage2Attributes.IsDevice(mapping.MemAttr, s2.Fwb))
            return new FaultRecord(FaultType.Alignment, mapping.Level, Stage2: true, Ipa: ipa);
        if (!mapping.Permits(access.Type))
            return new FaultRecord(FaultType.Permission, mapping.Level, Stage2: true, Ipa: ipa);
        return default;
    }

    private static TranslationResult Finish(
        in TranslationRegisters s1, in Stage2Registers s2, in S1Mapping mapping, MemoryAttributes stage1, in S2Mapping s2Mapping, ulong ipa, TranslationAccess access)
    {
        FaultRecord fault = CheckStage2(s2, s2Mapping, ipa, access);
        if (fault.IsFault)
            return TranslationResult.Failed(fault);
        MemoryAttributes attributes = CombinedAttributes(s1, s2, stage1, s2Mapping, access.IsFetch);
        return new TranslationResult(s2Mapping.OutputAddress(ipa), attributes, mapping, default) { Ipa = ipa, Stage2Mapping = s2Mapping };
    }
}

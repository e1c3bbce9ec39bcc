using Emulator.Mmu.Attributes;

namespace Emulator.Mmu.Translation;

/// <summary>
/// AArch64.S1Translate for the EL1&amp;0 regime: stage 1 off (AArch64.S1DisabledOutput), or the VA
/// range check, the TLB, the walk on a miss, the Device-memory alignment check and the permission
/// check, in the pseudocode's priority order. Faults are never cached.
/// </summary>
public static class Stage1Translation
{
    public static TranslationResult Translate<TReader>(in TranslationRegisters regs, Tlb tlb, ulong va, TranslationAccess access, ref TReader reader)
        where TReader : struct, IDescriptorReader
    {
        if (!regs.MmuEnabled)
            return TranslateS1Off(regs, va, access);

        if (!Stage1Walk.IsVaInRange(regs, va, out _))
            return TranslationResult.Failed(new FaultRecord(FaultType.Translation, 0));

        ushort asid = regs.Asid;
        if (!tlb.TryLookup(va, asid, out S1Mapping mapping))
        {
            if (!Stage1Walk.Walk(regs, va, ref reader, out mapping, out FaultRecord walkFault))
                return TranslationResult.Failed(walkFault);
            tlb.Insert(va, mapping);
        }

        if (!access.Aligned && !access.IsFetch && mapping.Attributes.IsDevice)
            return TranslationResult.Failed(new FaultRecord(FaultType.Alignment, mapping.Level));
        if (!mapping.Permits(access, regs.WriteExecuteNever))
            return TranslationResult.Failed(new FaultRecord(FaultType.Permission, mapping.Level));

        ulong pa = mapping.OaBase | (va & (mapping.Size - 1));
        MemoryAttributes attributes = Stage1Attributes.ApplyCacheEnables(mapping.Attributes, access.IsFetch, regs.Sctlr);
        if (access.IsFetch && attributes.IsDevice)
            attributes = MemoryAttributes.NormalNonCacheable; // AArch64.S1Translate: instruction fetches never access Device memory
        return new TranslationResult(pa, attributes, mapping, default);
    }

    /// <summary>
    /// AArch64.S1DisabledOutput: flat mapping with the default attributes; an address above the
    /// physical address size is a level-0 Address size fault, and an unaligned data access is an
    /// Alignment fault because data is Device-nGnRnE.
    /// </summary>
    public static TranslationResult TranslateS1Off(in TranslationRegisters regs, ulong va, TranslationAccess access)
    {
        if ((va >> regs.PhysicalAddressBits) != 0)
            return TranslationResult.Failed(new FaultRecord(FaultType.AddressSize, 0));
        MemoryAttributes attributes = Stage1Attributes.TranslationOff(access.IsFetch, regs.Sctlr);
        if (!access.Aligned && !access.IsFetch)
            return TranslationResult.Failed(new FaultRecord(FaultType.Alignment, 0));
        return new TranslationResult(va, attributes, default, default);
    }
}

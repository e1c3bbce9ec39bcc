using Emulator.Mmu.Attributes;

namespace Emulator.Mmu.Translation;

/// <summary>
/// The descriptor reader of a stage-1 walk under stage 2 (the pseudocode's AArch64.S2Translate
/// called from the walk's descriptor fetches): each descriptor's IPA is translated through the
/// stage-2 tables, checked for read permission (write permission for the Access flag update),
/// and, with HCR_EL2.PTW, for stage-2 Device memory; the descriptor is then read from guest
/// memory with the stage-1 walk attributes combined with stage 2's (stage-2 Device memory is
/// read as Normal Non-cacheable when PTW is 0, as AArch64.S2Translate has it). A stage-2 fault there is
/// recorded in <see cref="Stage2Fault"/> (Stage2, S1Ptw, Ipa = the descriptor's IPA) and reported
/// to the walk as a failed read, which the caller replaces by the recorded fault. The readers are
/// held by value: the caller copies them back after the walk.
/// </summary>
internal struct NestedWalkReader<TGuest, TStage2>(Stage2Registers s2, TGuest guest, TStage2 stage2Tables) : IDescriptorReader
    where TGuest : struct, IDescriptorReader
    where TStage2 : struct, IDescriptorReader
{
    public TGuest Guest = guest;

    public TStage2 Stage2Tables = stage2Tables;

    /// <summary>The stage-2 fault that stopped the walk, or default.</summary>
    public FaultRecord Stage2Fault;

    public bool ReadDescriptor(ulong pa, MemoryAttributes walkAttributes, out ulong descriptor)
    {
        descriptor = 0;
        return Translate(pa, walkAttributes, write: false, out ulong outputAddress, out MemoryAttributes attributes)
            && Guest.ReadDescriptor(outputAddress, attributes, out descriptor);
    }

    public bool WriteDescriptor(ulong pa, MemoryAttributes walkAttributes, ulong descriptor) =>
        Translate(pa, walkAttributes, write: true, out ulong outputAddress, out MemoryAttributes attributes)
        && Guest.WriteDescriptor(outputAddress, attributes, descriptor);

    private bool Translate(ulong ipa, MemoryAttributes walkAttributes, bool write, out ulong pa, out MemoryAttributes attributes)
    {
        pa = 0;
        attributes = default;
        if (!Stage2Walk.Walk(s2, ipa, ref Stage2Tables, out S2Mapping mapping, out FaultRecord fault))
        {
            Stage2Fault = fault with { S1Ptw = true };
            return false;
        }
        bool permitted = write ? mapping.CanWrite : mapping.CanRead;
        if (!permitted || (s2.Ptw && Stage2Attributes.IsDevice(mapping.MemAttr, s2.Fwb)))
        {
            Stage2Fault = new FaultRecord(FaultType.Permission, mapping.Level, S1Ptw: true, Stage2: true, Ipa: ipa);
            return false;
        }
        pa = mapping.OutputAddress(ipa);
        attributes = Stage2Attributes.Combine(walkAttributes, mapping.MemAttr, mapping.Shareability, s2.Fwb, s2.Cd);
        if (attributes.IsDevice)
            attributes = MemoryAttributes.NormalNonCacheable; // AArch64.S2Translate: a walk to stage-2 Device memory without PTW is Normal NC
        return true;
    }
}

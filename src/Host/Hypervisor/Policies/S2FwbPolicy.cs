namespace Emulator.Host.Hypervisor.Policies;

/// <summary>
/// `s2fwb`: Armv8.4 FEAT_S2FWB as KVM uses it (e48d53a91f6e): HCR_EL2.FWB set and guest RAM mapped
/// with stage-2 MemAttr 0b0110, which forces Normal write-back whatever stage 1 says (Non-cacheable,
/// Device, or the MMU-off default). No access bypasses the cache, so KVM skips the clean to PoC when
/// it maps a page (__clean_dcache_guest_page returns early with FWB) and on stage2_flush_vm.
/// </summary>
public sealed class S2FwbPolicy : CoherencyPolicy
{
    private const ulong HcrFwb = 1UL << 46;

    public override string Name => "s2fwb";

    public override string Description => "FEAT_S2FWB: HCR_EL2.FWB and stage-2 MemAttr 0b0110 force write-back; no cleaning needed";

    public override ulong ExtraHcrBits => HcrFwb;

    public override byte RamMemAttr => 0b0110;

    public override bool RequiresCoherentInstructionFetch => true;

    public override ulong OnTranslationFaultMap(IHostCacheMaintenance host, ulong pa, ulong size) => 0;

    public override ulong OnFlushVm(IHostCacheMaintenance host, IReadOnlyList<(ulong Pa, ulong Size)> mapped) => 0;
}

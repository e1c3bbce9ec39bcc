namespace Emulator.Host.Hypervisor.Policies;

/// <summary>
/// `host-cmo`: the VMM does cache maintenance from user space, driven by the dirty bitmap: after
/// KVM_GET_DIRTY_LOG it cleans and invalidates each dirty VRAM range by VA (DC CIVAC, allowed at
/// EL0 with SCTLR_EL1.UCI) just before reading it. Lines refilled between the maintenance and the
/// read (prefetch, speculation) can still be stale.
/// </summary>
public sealed class HostCmoPolicy : CoherencyPolicy
{
    public override string Name => "host-cmo";

    public override string Description => "the VMM cleans+invalidates dirty VRAM pages by VA before reading them";

    public override void BeforeVmmRead(IHostCacheMaintenance host, ulong pa, ulong size) => host.CleanInvalidateToPoC(pa, size);
}

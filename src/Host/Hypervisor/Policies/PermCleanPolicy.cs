namespace Emulator.Host.Hypervisor.Policies;

/// <summary>
/// `perm-clean`: the 2018 patch "dcache need be coherent unconditionally" (NAKed by Marc Zyngier):
/// KVM also cleans and invalidates a page to the PoC on the stage-2 permission fault that dirty
/// logging causes at the guest's first write to it after each log collection. The clean happens
/// before the guest's write, so lines the VMM (or a prefetcher) pulls in afterwards are stale
/// again: it helps only by the luck of timing.
/// </summary>
public sealed class PermCleanPolicy : CoherencyPolicy
{
    public override string Name => "perm-clean";

    public override string Description => "also clean+invalidate on stage-2 permission faults (the NAKed 2018 patch)";

    public override ulong OnPermissionFault(IHostCacheMaintenance host, ulong pa, ulong size)
    {
        host.CleanInvalidateToPoC(pa, size);
        return size;
    }
}

namespace Emulator.Host.Hypervisor.Policies;

/// <summary>
/// `kvm`: KVM/arm64 after a9c0e12ebee5 "Only clean the dcache on translation fault" (v4.16,
/// 2018), on a CPU without FEAT_S2FWB: exactly the base behaviour. A guest mapping VRAM
/// Non-cacheable or Device, or drawing with its MMU off, writes around the host's cache, and the
/// VMM's cacheable reads can hit stale lines: the bug.
/// </summary>
public sealed class KvmPolicy : CoherencyPolicy
{
    public override string Name => "kvm";

    public override string Description => "KVM in 2018: clean to PoC on stage-2 translation faults only (the default; shows the bug)";
}

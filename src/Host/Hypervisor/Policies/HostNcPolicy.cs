using Emulator.Mmu.Attributes;

namespace Emulator.Host.Hypervisor.Policies;

/// <summary>
/// `host-nc`: the VMM maps VRAM Non-cacheable, so its reads go to memory as the guest's
/// Non-cacheable writes do: coherent for such guests, at the cost of uncached host traffic on
/// every scanout (and a write-back guest's dirty lines would be invisible to it).
/// </summary>
public sealed class HostNcPolicy : CoherencyPolicy
{
    public override string Name => "host-nc";

    public override string Description => "the VMM reads VRAM through a Non-cacheable mapping";

    public override MemoryAttributes VmmVramAttributes => MemoryAttributes.NormalNonCacheable;
}

using Emulator.Devices.Vga;
using Emulator.Host.Hypervisor;

namespace Emulator.Host.Vmm;

/// <summary>The VGA code's view of the VRAM slot's dirty log: KVM_GET_DIRTY_LOG + KVM_CLEAR_DIRTY_LOG through the hypervisor.</summary>
public sealed class VgaDirtyLog(KvmHypervisor hypervisor, DirtyLog log) : IDirtyLog
{
    public int CollectAndClear(Span<ulong> bitmap) => hypervisor.CollectDirtyLog(log, bitmap);

    public bool IsPending(ulong page) => log.IsPending(page);
}

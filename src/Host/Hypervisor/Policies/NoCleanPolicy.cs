namespace Emulator.Host.Hypervisor.Policies;

/// <summary>
/// `no-clean`: KVM with no cache maintenance at all, to show why the clean on translation faults
/// exists: what the VMM wrote through its cache (the loaded image, the device tree) stays in dirty
/// host lines, and a guest running with its MMU and caches off fetches and reads stale memory.
/// </summary>
public sealed class NoCleanPolicy : CoherencyPolicy
{
    public override string Name => "no-clean";

    public override string Description => "KVM without any cache cleaning (shows why the translation-fault clean exists)";

    public override ulong OnTranslationFaultMap(IHostCacheMaintenance host, ulong pa, ulong size) => 0;

    public override ulong OnFlushVm(IHostCacheMaintenance host, IReadOnlyList<(ulong Pa, ulong Size)> mapped) => 0;
}

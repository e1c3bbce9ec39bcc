namespace Emulator.Mmu.Caches.Provenance;

/// <summary>What the host side (hypervisor model or VMM) was doing when a line event happened; set around its work.</summary>
public enum HostAction : byte
{
    /// <summary>Nothing of the host's: the event comes from the guest (or the host's scanout reads).</summary>
    None = 0,

    /// <summary>KVM mapped a page on a stage-2 translation fault and cleaned it to the PoC (user_mem_abort).</summary>
    KvmMapClean,

    /// <summary>KVM handled the stage-2 permission fault of dirty logging (perm-clean cleans here).</summary>
    KvmPermissionFault,

    /// <summary>KVM's stage2_flush_vm (the guest toggled its MMU or caches, or used set/way maintenance).</summary>
    KvmFlushVm,

    /// <summary>The VMM's maintenance just before reading dirty pages (host-cmo).</summary>
    VmmMaintenance,

    /// <summary>The VMM wrote VRAM through its mapping (the std-VGA memset on a mode set).</summary>
    VmmWrite,

    /// <summary>The VMM's scanout read VRAM.</summary>
    VmmScanout,
}

using Emulator.Mmu.Attributes;

namespace Emulator.Host.Hypervisor.Policies;

/// <summary>
/// One answer to the VGA coherency problem, as a behaviour of the hypervisor and the VMM
/// (docs/memory-attributes.md §5.5). The base class is KVM as it was in 2018: guest RAM mapped
/// Normal write-back at stage 2 (MemAttr 0b1111, so the guest's stage-1 type wins), each page
/// cleaned and invalidated to the PoC when a stage-2 translation fault first maps it, nothing on
/// permission faults, and the VMM reading VRAM through its cacheable mapping. Each policy is a
/// subclass overriding the hooks that make it different, so that each fix reads as one small file.
/// </summary>
public abstract class CoherencyPolicy
{
    /// <summary>The name given to --policy.</summary>
    public abstract string Name { get; }

    /// <summary>One line for --help and the README.</summary>
    public abstract string Description { get; }

    /// <summary>HCR_EL2 bits the policy adds to KVM's (HCR_EL2.FWB, HCR_EL2.TVM).</summary>
    public virtual ulong ExtraHcrBits => 0;

    /// <summary>The stage-2 MemAttr[3:0] of guest RAM and VRAM leaves (MT_S2_NORMAL = 0b1111).</summary>
    public virtual byte RamMemAttr => 0b1111;

    /// <summary>
    /// Whether the policy needs hardware whose instruction fetches are coherent with the data
    /// caches (CTR_EL0.IDC): KVM uses FEAT_S2FWB only on such hosts ("FWB implies IDC").
    /// </summary>
    public virtual bool RequiresCoherentInstructionFetch => false;

    /// <summary>Whether KVM keeps HCR_EL2.TVM set after the guest has turned its caches on.</summary>
    public virtual bool KeepTrappingVirtualMemoryWrites => false;

    /// <summary>
    /// user_mem_abort on a stage-2 translation fault that maps [pa, pa + size): clean and
    /// invalidate to the PoC first (__clean_dcache_guest_page), unless FEAT_S2FWB makes it
    /// unnecessary. Returns the bytes cleaned.
    /// </summary>
    public virtual ulong OnTranslationFaultMap(IHostCacheMaintenance host, ulong pa, ulong size)
    {
        host.CleanInvalidateToPoC(pa, size);
        return size;
    }

    /// <summary>
    /// A write permission fault on a dirty-logged page that is now made writable. KVM since
    /// "Only clean the dcache on translation fault" does no maintenance here. Returns the bytes cleaned.
    /// </summary>
    public virtual ulong OnPermissionFault(IHostCacheMaintenance host, ulong pa, ulong size) => 0;

    /// <summary>kvm_set_way_flush / kvm_toggle_cache: stage2_flush_vm over every mapped page. Returns the bytes cleaned.</summary>
    public virtual ulong OnFlushVm(IHostCacheMaintenance host, IReadOnlyList<(ulong Pa, ulong Size)> mapped)
    {
        ulong bytes = 0;
        foreach ((ulong pa, ulong size) in mapped)
        {
            host.CleanInvalidateToPoC(pa, size);
            bytes += size;
        }
        return bytes;
    }

    /// <summary>A trapped MAIR_EL1 write (HCR_EL2.TVM): the value the hypervisor writes for the guest.</summary>
    public virtual ulong OnMairWrite(ulong value) => value;

    /// <summary>What the VMM does to a dirty VRAM range just before reading it for the display.</summary>
    public virtual void BeforeVmmRead(IHostCacheMaintenance host, ulong pa, ulong size)
    {
    }

    /// <summary>The attributes of the VMM's mapping of VRAM (its reads and its writes).</summary>
    public virtual MemoryAttributes VmmVramAttributes => MemoryAttributes.NormalWriteBack;

    public override string ToString() => Name;
}

/// <summary>The host side's cache maintenance by physical address (a DC CIVAC loop on the host's alias).</summary>
public interface IHostCacheMaintenance
{
    void CleanInvalidateToPoC(ulong pa, ulong size);
}

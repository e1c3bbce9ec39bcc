using Emulator.Mmu.Physical;

namespace Emulator.Host.Hypervisor;

public sealed partial class KvmHypervisor
{
    /// <summary>Slot moves done so far (BAR reprogramming).</summary>
    public ulong SlotMoves { get; private set; }

    /// <summary>
    /// Moves <paramref name="slot"/> to guest physical address <paramref name="guestBase"/> (null:
    /// takes it out of the guest's view), as QEMU does on a BAR write: KVM_SET_USER_MEMORY_REGION
    /// deleting the old memslot and creating the new one, with KVM_MEM_LOG_DIRTY_PAGES kept.
    /// In one place: the new range is checked against the other slots and device windows; every
    /// stage-2 leaf of the old range is unmapped (kvm_arch_flush_shadow_memslot, with the cache
    /// maintenance stage2_unmap does on a cacheable leaf, which the policy decides as for
    /// stage2_flush_vm) and the TLBs invalidated (TLBI VMALLS12E1IS); the new range faults in on
    /// demand, write-protected while logged. What does not move needs no update: the dirty log counts
    /// pages of the slot (pending bits follow it), and the coherent oracle, the cache model and the
    /// VMM's view of the slot address its host backing, which stays. False, with the reason and
    /// nothing changed, when the new range conflicts or lies outside the IPA space.
    /// </summary>
    public bool MoveSlot(MemorySlot slot, ulong? guestBase, out string? conflict)
    {
        if (guestBase is ulong g && (g + slot.Size < g || (g + slot.Size - 1) >> Stage2PageTables.IpaBits != 0))
        {
            conflict = $"memory slot {slot.Name} at 0x{g:x} is outside the {Stage2PageTables.IpaBits}-bit IPA space";
            return false;
        }
        if (slot.GuestBase == guestBase)
        {
            conflict = null;
            return true;
        }
        ulong? old = slot.GuestBase;
        if (!_bus.TryPlaceSlot(slot, guestBase, out conflict))
            return false;
        if (old is ulong o)
            UnmapGuestRange(o, slot.Size);
        SlotMoves++;
        Log.Debug("memory slot {Slot} moved from {Old} to {New}", slot.Name,
            old is ulong a ? $"0x{a:x}" : "nowhere", guestBase is ulong b ? $"0x{b:x}" : "nowhere");
        return true;
    }

    /// <summary>Removes every stage-2 leaf in [ipa, ipa + size), with the unmap's cache maintenance, then invalidates the TLBs.</summary>
    private void UnmapGuestRange(ulong ipa, ulong size)
    {
        var removed = new List<(ulong Pa, ulong Size)>();
        var keys = new List<ulong>();
        foreach (KeyValuePair<ulong, (ulong Pa, ulong Size)> m in _mapped)
        {
            if (m.Key >= ipa && m.Key - ipa < size)
                keys.Add(m.Key);
        }
        keys.Sort();
        foreach (ulong key in keys)
        {
            removed.Add(_mapped[key]);
            Tables.Unmap(key);
            _mapped.Remove(key);
        }
        ulong cleaned = Policy.OnFlushVm(_host, removed);
        Statistics.PagesCleaned += cleaned >> Stage2PageTables.PageShift;
        _cluster.InvalidateStage2All();
        Log.Verbose("unmapped {Leaves} stage-2 leaves in [0x{Start:x}, 0x{End:x}), cleaned {Cleaned} bytes", keys.Count, ipa, ipa + size, cleaned);
    }
}

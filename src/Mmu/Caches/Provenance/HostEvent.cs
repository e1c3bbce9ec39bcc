namespace Emulator.Mmu.Caches.Provenance;

/// <summary>What happened, machine-wide, that a line's history does not hold because it has no address of its own.</summary>
public enum HostEventKind : byte
{
    /// <summary>The VMM collected and cleared the dirty log of the recorded region's slot (KVM_GET_DIRTY_LOG + KVM_CLEAR_DIRTY_LOG).</summary>
    DirtyLogCollection = 1,

    /// <summary>The guest issued data cache maintenance by set/way (DC ISW, CSW, CISW), trapped to the hypervisor (HCR_EL2.TSW).</summary>
    SetWayMaintenance,
}

/// <summary>Set/way operations (<see cref="HostEvent.Detail"/> bits 0-1) and what the hypervisor did (bit 2).</summary>
public static class SetWayOp
{
    public const byte Isw = 0, Csw = 1, Cisw = 2;

    /// <summary>KVM flushed the whole VM on this operation (kvm_set_way_flush with HCR_EL2.TVM clear: stage2_flush_vm).</summary>
    public const byte FlushedVm = 4;

    /// <summary>"DC ISW", "DC CSW" or "DC CISW".</summary>
    public static string Name(byte detail) => (detail & 3) switch
    {
        Isw => "DC ISW",
        Csw => "DC CSW",
        _ => "DC CISW",
    };
}

/// <summary>
/// One machine-wide event of the recorded run (a dirty-log collection, a trapped set/way operation),
/// kept in a short ring beside the line histories. Plain data; <see cref="PageDirty"/> is filled in
/// for the page a query names.
/// </summary>
public struct HostEvent
{
    /// <summary>The machine cycle of the event (the first of a run of set/way operations).</summary>
    public ulong Cycle;

    /// <summary>The last cycle of a run of identical set/way operations that did nothing (equal to <see cref="Cycle"/> otherwise).</summary>
    public ulong LastCycle;

    /// <summary>The display frame being drawn (or next to be drawn).</summary>
    public int Frame;

    /// <summary>Collections: pages reported dirty in the slot. Set/way: how many operations the event stands for.</summary>
    public int Count;

    public HostEventKind Kind;

    /// <summary>Set/way: the guest CPU; collections: the host agent.</summary>
    public byte Agent;

    /// <summary>Set/way: <see cref="SetWayOp"/> bits.</summary>
    public byte Detail;

    /// <summary>Collections: whether the page the query named was reported dirty (the VMM reads it again).</summary>
    public bool PageDirty;
}

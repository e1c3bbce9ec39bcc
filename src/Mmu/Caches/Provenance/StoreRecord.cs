namespace Emulator.Mmu.Caches.Provenance;

/// <summary>
/// A guest store to a recorded region as the store path sees it: where it came from (PC and the
/// instruction word), its addresses at each stage (VA, IPA, PA), the memory attributes of stage 1,
/// stage 2 and their combination (MAIR-format bytes; stage 2 as its 4-bit MemAttr), and when.
/// </summary>
public struct StoreRecord
{
    public ulong Pc;
    public ulong Va;
    public ulong Ipa;
    public ulong Pa;
    public ulong Cycle;
    public uint Instruction;
    public int Size;
    public byte Agent;
    public byte Stage1Attr;
    public byte Stage2MemAttr;
    public byte CombinedAttr;

    /// <summary>Whether the VA, IPA, attributes and instruction word are known (the store path could describe the store).</summary>
    public bool Described;

    /// <summary>Stage 2 forced write-back (HCR_EL2.FWB) was in force.</summary>
    public bool Fwb;

    /// <summary>Whether <see cref="StoreContext.Complete"/> has filled in attributes and the instruction word.</summary>
    public bool Completed;
}

/// <summary>
/// What the store path knows about a guest store beyond its physical address: given by the host
/// (the CPU and the hypervisor model are above this layer). Called once per run of stores, not per store.
/// </summary>
public abstract class StoreContext
{
    /// <summary>The PC of the store <paramref name="agent"/> is executing.</summary>
    public abstract ulong Pc(int agent);

    /// <summary>Fills in the VA and IPA of the store at <paramref name="record"/>.Pa, at the time of the store (cheap: called for every record).</summary>
    public abstract void Describe(int agent, ref StoreRecord record);

    /// <summary>Fills in the attributes and the instruction word, when an explanation needs them (a table walk: called once per record explained).</summary>
    public abstract void Complete(ref StoreRecord record);
}

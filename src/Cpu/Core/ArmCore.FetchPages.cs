using System.Runtime.CompilerServices;
using Emulator.Mmu.Attributes;
using Emulator.Mmu.Caches;

namespace Emulator.Cpu.Core;

/// <summary>
/// The translations of the pages code was recently fetched from (a small direct-mapped table by
/// VA page), so that a call to a function on another page, and its return, do not walk or look up
/// the TLB again. Entries are valid for one generation: <see cref="InvalidateFetch"/>, called
/// whenever the PC-to-memory mapping may have changed (TLB maintenance, translation register
/// writes, exception level changes, stage-2 changes), starts a new one, as it drops the fetch fast
/// path. Filled only by fetches that translated without a fault at the current EL.
/// </summary>
public sealed partial class ArmCore
{
    private const int FetchPageEntries = 64;

    private struct FetchPageEntry
    {
        public ulong VaPage;
        public ulong PaPage;
        public uint Generation;
        public bool WholePageInRam;
        public bool ThroughL1I;
        public MemoryAttributes Attributes;
    }

    private readonly FetchPageEntry[] _fetchPages = new FetchPageEntry[FetchPageEntries];
    private uint _fetchGeneration = 1;

    /// <summary>Starts a new generation of the fetch page table (every entry becomes invalid).</summary>
    private void InvalidateFetchPages()
    {
        if (++_fetchGeneration == 0)
        {
            // After 2^32 generations an old entry could match again: clear them all once.
            Array.Clear(_fetchPages);
            _fetchGeneration = 1;
        }
    }

    /// <summary>The table's translation of <paramref name="pc"/>'s page, if it holds one (nothing else is done).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryFetchPageEntry(ulong pc, out ulong pa, out MemoryAttributes attributes, out bool wholePageInRam, out bool throughL1I)
    {
        ref FetchPageEntry e = ref _fetchPages[(int)(pc >> 12) & (FetchPageEntries - 1)];
        if (e.Generation == _fetchGeneration && e.VaPage == pc >> 12)
        {
            pa = e.PaPage | (pc & 0xFFF);
            attributes = e.Attributes;
            wholePageInRam = e.WholePageInRam;
            throughL1I = e.ThroughL1I;
            return true;
        }
        pa = 0;
        attributes = default;
        wholePageInRam = throughL1I = false;
        return false;
    }

    /// <summary>
    /// The fetch translation of <paramref name="pc"/>'s page: from the table, else by
    /// <see cref="TranslateFetch(ulong, out ulong, out MemoryAttributes)"/> (false: the Instruction
    /// Abort has been taken). <paramref name="wholePageInRam"/> says the page lies in one RAM slot.
    /// </summary>
    private bool TranslateFetchPage(ulong pc, out ulong pa, out MemoryAttributes attributes, out bool wholePageInRam, out bool throughL1I)
    {
        if (TryFetchPageEntry(pc, out pa, out attributes, out wholePageInRam, out throughL1I))
            return true;
        if (!TranslateFetch(pc, out pa, out attributes))
        {
            wholePageInRam = throughL1I = false;
            return false;
        }
        wholePageInRam = _ram.Contains(pa & ~0xFFFUL, 0x1000);
        throughL1I = CacheHierarchy.FetchesThroughL1I(attributes);
        ref FetchPageEntry e = ref _fetchPages[(int)(pc >> 12) & (FetchPageEntries - 1)];
        e = new FetchPageEntry
        {
            VaPage = pc >> 12,
            PaPage = pa & ~0xFFFUL,
            Generation = _fetchGeneration,
            WholePageInRam = wholePageInRam,
            ThroughL1I = throughL1I,
            Attributes = attributes,
        };
        return true;
    }
}

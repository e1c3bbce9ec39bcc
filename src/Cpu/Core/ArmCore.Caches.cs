using System.Runtime.CompilerServices;
using Emulator.Mmu.Attributes;
using Emulator.Mmu.Caches;
using Emulator.Mmu.Translation;

namespace Emulator.Cpu.Core;

/// <summary>
/// The core's side of the cache model: an optional <see cref="Mmu.Caches.CacheHierarchy"/> the
/// board attaches (this core is one of its agents). With one attached every data access to RAM,
/// every walk descriptor read and every instruction fetch goes through it with the access's final
/// attributes, and the cycles it returns are added to <see cref="MemoryCycles"/>. With none,
/// accesses go straight to RAM as before. MMIO is always dispatched before the cache.
/// </summary>
public sealed partial class ArmCore
{
    private const SoftTlbSlowClass AllPageClasses = SoftTlbSlowClass.Device | SoftTlbSlowClass.NonCacheable | SoftTlbSlowClass.Cacheable;

    private CacheHierarchy? _cache;
    private int _cacheAgent;
    private CacheHierarchyConfig _cacheIdConfig = CachePresets.Find(CachePresets.DefaultName)!;
    private ulong _memoryCycles;

    // Attributes of the last TranslateAtomic, for the ReadByPa/WriteByPa that follow it.
    private MemoryAttributes _atomicAttributes;

    // Per L1I set, the line a fetch last found there (the set's most recently used line) and where
    // it sits, valid while the L1I's change counter is unchanged: a fetch that returns to such a
    // line reads it without asking the cache model, which would only touch the set's MRU line
    // again (no change to the replacement state) and count a hit.
    private struct FetchLineMemo
    {
        public ulong Line;
        public int Changes;
        public int Offset;
        public byte[]? Storage;
    }

    private FetchLineMemo[] _fetchLines = [];
    private Cache? _l1i;

    /// <summary>The attached cache hierarchy, or null (<c>--cache off</c>).</summary>
    public CacheHierarchy? CacheHierarchy => _cache;

    /// <summary>Cycles of this core's memory accesses: what the cache model charged (accesses, walks, maintenance) and Device (MMIO) round trips.</summary>
    public ulong MemoryCycles => _memoryCycles;

    /// <summary>
    /// The hierarchy the ID registers (CTR_EL0, CLIDR_EL1, CCSIDR_EL1, DCZID_EL0) describe: the
    /// attached one, else the default preset (the registers describe the core, modelled or not).
    /// </summary>
    public CacheHierarchyConfig CacheIdConfiguration => _cacheIdConfig;

    /// <summary>
    /// Attaches <paramref name="cache"/> with this core as agent <paramref name="agent"/>: every
    /// RAM page class leaves the data fast path, and fetches go through the L1I.
    /// </summary>
    public void AttachCache(CacheHierarchy cache, int agent)
    {
        if ((uint)agent >= (uint)cache.CpuCount)
            throw new ArgumentOutOfRangeException(nameof(agent));
        FlushBlocks(); // blocks end at L1I line boundaries with the cache model, at page boundaries without
        _cache = cache;
        _cacheAgent = agent;
        _cacheIdConfig = cache.Config;
        ConfigureTiming(cache.Config.Core);
        _l1i = cache.L1I(agent);
        _fetchLines = new FetchLineMemo[_l1i.Sets];
        Array.Fill(_fetchLines, new FetchLineMemo { Line = ulong.MaxValue });
        _slowClasses |= AllPageClasses;
        FlushSoftTlbs();
        InvalidateFetch();
    }

    /// <summary>
    /// The data slow path's shortcut with the cache attached: an aligned access to a page the
    /// software TLB holds (translated and permission-checked for this EL and direction) goes to the
    /// cache model by physical address without walking again.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryCachedRead(ulong va, int size, out ulong value)
    {
        ref SoftTlbEntry e = ref _softRead[(int)(va >> 12) & (SoftTlbEntries - 1)];
        if (!CoversAligned(e, va, size))
        {
            value = 0;
            return false;
        }
        _memoryCycles += (uint)_cache!.Read(_cacheAgent, e.PagePa | (va & 0xFFF), size, e.Attributes, out value);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryCachedWrite(ulong va, int size, ulong value)
    {
        ref SoftTlbEntry e = ref _softWrite[(int)(va >> 12) & (SoftTlbEntries - 1)];
        if (!CoversAligned(e, va, size))
            return false;
        _memoryCycles += (uint)_cache!.Write(_cacheAgent, e.PagePa | (va & 0xFFF), size, value, e.Attributes);
        return true;
    }

    /// <summary>Whether <paramref name="e"/> holds <paramref name="va"/>'s page, for an access of <paramref name="size"/> bytes aligned to its size (the shortcut's condition).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool CoversAligned(in SoftTlbEntry e, ulong va, int size) =>
        e.Tag != ulong.MaxValue && (e.Tag & ~0xFFFUL) == (va & ~0xFFFUL) && (va & (ulong)(size - 1)) == 0;

    /// <summary>A RAM read by physical address: through the cache model when attached.</summary>
    private ulong ReadRam(ulong pa, int size, MemoryAttributes attributes)
    {
        if (_cache is null)
            return _bus.ReadRam(pa, size);
        _memoryCycles += (uint)_cache.Read(_cacheAgent, pa, size, attributes, out ulong value);
        return value;
    }

    /// <summary>A RAM write by physical address: through the cache model when attached.</summary>
    private void WriteRam(ulong pa, int size, ulong value, MemoryAttributes attributes)
    {
        if (_cache is null)
            _bus.WriteRam(pa, size, value);
        else
            _memoryCycles += (uint)_cache.Write(_cacheAgent, pa, size, value, attributes);
    }

    /// <summary>
    /// Instruction fetch with the cache attached, when the fast path's line does not hold the PC:
    /// the page's translation comes from the fetch page table, the instruction from the L1I. New code is therefore visible only after DC CVAU and IC IVAU, as on hardware.
    /// The line the fetch found becomes the fast path's (Run reads the following instructions of
    /// that line from the L1I's storage, counting them as L1I hits, while the L1I is unchanged).
    /// The fetch pipeline hides an L1I hit: only what a refill adds to it is charged.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool FetchThroughCache(ulong pc, out uint insn)
    {
        insn = 0;
        if (_fetchChanges.Value != _fetchChangesSeen)
        {
            // The L1I changed since the fast path's lines were found (IC by address or all, from
            // this core or the host, before any context synchronization): none of them can be
            // kept as another entry; the fetch below finds its line again.
            _fetchPage = _fetchPage2 = _fetchPage3 = _fetchPage4 = ulong.MaxValue;
        }
        if (!TranslateFetchPage(pc, out ulong fetchPa, out MemoryAttributes attributes, out bool wholePage, out bool throughL1I))
            return false;
        if (!wholePage)
        {
            if (!_ram.Contains(fetchPa, 4))
            {
                uint ec = CurrentEl == 0 ? ExceptionClass.InstructionAbortLowerEl : ExceptionClass.InstructionAbortSameEl;
                TakeSynchronousException(ec << 26 | 1u << 25 | FaultStatus.SynchronousExternalAbort, pc, pc, true);
                return false;
            }
            // A partial RAM page: no fast path. The fetch may touch an L1I set whose MRU line the
            // fast path or the memo hold: forget them.
            _memoryCycles += (uint)_cache!.Fetch(_cacheAgent, fetchPa, attributes, out insn);
            _fetchPage = _fetchPage2 = _fetchPage3 = _fetchPage4 = ulong.MaxValue;
            _fetchLines[(int)(fetchPa >> _l1i!.LineShiftBits) & (_fetchLines.Length - 1)].Line = ulong.MaxValue;
            return true;
        }
        if (TryMemoFetch(pc, fetchPa, throughL1I, out insn))
            return true;
        Cache l1i = _l1i!;
        ulong line = fetchPa >> l1i.LineShiftBits;
        ref FetchLineMemo memo = ref _fetchLines[(int)line & (_fetchLines.Length - 1)];
        int cycles = _cache!.FetchLine(_cacheAgent, fetchPa, attributes, out insn, out byte[]? storage, out int lineOffset);
        if (storage is not null)
        {
            cycles = Math.Max(0, cycles - l1i.Config.HitLatency);
            memo.Line = line;
            memo.Changes = l1i.Changes.Value;
            memo.Offset = lineOffset;
            SetReference(ref memo.Storage, storage);
            UseFetchLine(pc, storage, lineOffset, l1i, (int)line & (_fetchLines.Length - 1));
        }
        _memoryCycles += (uint)cycles;
        return true;
    }

    /// <summary>
    /// A fetch whose line is its L1I set's most recently used one (the memo holds it): an L1I hit
    /// that changes nothing in the cache, counted here, its line made the fast path's. False, with
    /// nothing done, otherwise.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryMemoFetch(ulong pc, ulong fetchPa, bool throughL1I, out uint insn)
    {
        Cache l1i = _l1i!;
        ulong line = fetchPa >> l1i.LineShiftBits;
        ref FetchLineMemo memo = ref _fetchLines[(int)line & (_fetchLines.Length - 1)];
        if (!throughL1I || memo.Line != line || memo.Changes != l1i.Changes.Value)
        {
            insn = 0;
            return false;
        }
        insn = Unsafe.ReadUnaligned<uint>(ref memo.Storage![memo.Offset + (int)(fetchPa & (ulong)(l1i.LineSize - 1))]);
        _memoFetchHits++; // an L1I hit on the set's most recently used line
        UseFetchLine(pc, memo.Storage, memo.Offset, l1i, (int)line & (_fetchLines.Length - 1));
        return true;
    }

    /// <summary>
    /// For chained blocks (cache model on): the run loop's fetch of <paramref name="pc"/>, outside
    /// the fast path's lines, done here when it is sure to touch nothing but the memo (the page's
    /// translation in the fetch page table, the line its set's most recently used): counted as the
    /// loop's slow fetch would be, the line made the fast path's. False, with nothing done, otherwise.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryChainFetch(ulong pc)
    {
        if (_cache is null || (pc & 3) != 0 || !TryFetchPageEntry(pc, out ulong pa, out _, out bool wholePageInRam, out bool throughL1I) || !wholePageInRam)
            return false;
        if (!TryMemoFetch(pc, pa, throughL1I, out _))
            return false;
        _slowFetches++; // as FetchSlowValue counts the fetch the loop would have made
        return true;
    }

    /// <summary>Makes the L1I line at <paramref name="lineOffset"/> of <paramref name="storage"/> (in set <paramref name="set"/>) the run loop's fetch fast path for the PCs of <paramref name="pc"/>'s line.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void UseFetchLine(ulong pc, byte[] storage, int lineOffset, Cache l1i, int set)
    {
        ulong lineMask = (ulong)l1i.LineSize - 1;
        _fetchTagMask = ~(lineMask & ~3UL);
        SetReference(ref _fetchChanges!, l1i.Changes);
        _fetchChangesSeen = _fetchChanges.Value;
        SetFetchFastPath(pc & ~lineMask, storage, lineOffset - (int)(pc & 0xFFF & ~lineMask), set);
    }

    /// <summary>Adds the fast path's fetches to the L1I's hit count (they are hits it did not see).</summary>
    private void FlushFastFetches()
    {
        if (_cache is not null)
        {
            ulong loopFetches = Instructions - _runStartInstructions + _uncountedInRun;
            _cache.L1I(_cacheAgent).Statistics.Hits += (long)(loopFetches - _slowFetches + _memoFetchHits);
        }
        _runStartInstructions = Instructions;
        _uncountedInRun = _slowFetches = _memoFetchHits = 0;
    }

    /// <summary>Host-side read of guest RAM: the newest data the hierarchy holds (semihosting, debugging).</summary>
    private void ReadNewest(ulong pa, Span<byte> destination)
    {
        if (_cache is null)
            _ram.Read(pa, destination);
        else
            _cache.PeekNewest(pa, destination);
    }

    /// <summary>DCZID_EL0: BS from the hierarchy; DZP set when DC ZVA would trap (EL0 with SCTLR_EL1.DZE = 0).</summary>
    private ulong DczidEl0 => CacheIdRegisters.Dczid(_cacheIdConfig, CurrentEl == 0 && (Sys.SCTLR_EL1 & (1UL << 14)) == 0);
}

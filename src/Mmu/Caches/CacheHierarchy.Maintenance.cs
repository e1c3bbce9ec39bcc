using Emulator.Mmu.Attributes;

namespace Emulator.Mmu.Caches;

/// <summary>
/// Cache maintenance. By address, operations reach every agent's cache in the domain (the
/// model's agents are all in one Inner Shareable domain, so DC and IC by address are broadcast):
/// PoC operations act on every L1D, L2 and L3; CVAU (PoU = L2) on every L1D; IC IVAU on every L1I.
/// Set/way operations act on one cache: the requesting agent's L1D at level 1, the shared L2 or L3
/// at levels 2 and 3; a set/way clean writes the line to the next level (or memory from the last).
/// </summary>
public sealed partial class CacheHierarchy
{
    /// <summary>DC IVAC/CVAC/CIVAC/CVAU/CVAP on the line holding <paramref name="pa"/>. Returns cycles.</summary>
    public int DataCacheByAddress(int agent, DataCacheOperation op, ulong pa)
    {
        ulong line = pa >> _lineShift;
        _maintainer = agent;
        bool wrote = op switch
        {
            DataCacheOperation.IVAC => MaintainLineToPoC(line, clean: false, invalidate: true, countMaintenance: true),
            DataCacheOperation.CVAC or DataCacheOperation.CVAP => MaintainLineToPoC(line, clean: true, invalidate: false, countMaintenance: true),
            DataCacheOperation.CIVAC => MaintainLineToPoC(line, clean: true, invalidate: true, countMaintenance: true),
            _ => CleanLineToPoU(line),
        };
        return _l1d[agent].HitLatency + (wrote ? (op == DataCacheOperation.CVAU ? L2.HitLatency : _memoryLatency) : 0);
    }

    /// <summary>
    /// DC ZVA: zeros the <see cref="CacheHierarchyConfig.ZvaBlockSize"/>-aligned block holding
    /// <paramref name="pa"/> as a write with the access's attributes would (cacheable: write-allocate
    /// zeros, without fetching a line the block covers; Non-cacheable: zeros to memory). False for
    /// Device memory, where the caller raises an Alignment fault and nothing is written.
    /// </summary>
    public bool DataCacheZeroByAddress(int agent, ulong pa, MemoryAttributes attrs, out int cycles)
    {
        byte cls = AccessClass.Of(attrs);
        if ((cls & AccessClass.KindMask) == AccessClass.Device)
        {
            cycles = 0;
            return false;
        }
        int block = Config.ZvaBlockSize;
        ulong start = pa & ~(ulong)(block - 1);
        if ((cls & AccessClass.KindMask) == AccessClass.WriteBack)
            cls |= AccessClass.WriteAllocate;
        cycles = WriteBytesClass(agent, start, s_zeros.AsSpan(0, block), cls);
        return true;
    }

    /// <summary>IC IVAU: invalidates the line holding <paramref name="pa"/> in every CPU's L1I.</summary>
    public int InstructionCacheInvalidateByAddress(int cpu, ulong pa)
    {
        ulong line = pa >> _lineShift;
        foreach (Cache c in _l1i)
        {
            c.Statistics.Maintenance++;
            int slot = c.Lookup(line);
            if (slot >= 0)
                c.Invalidate(slot);
        }
        return _l1i[cpu].HitLatency;
    }

    /// <summary>IC IALLU: invalidates all of <paramref name="cpu"/>'s L1I.</summary>
    public int InstructionCacheInvalidateAll(int cpu)
    {
        InvalidateAll(_l1i[cpu]);
        return _l1i[cpu].HitLatency;
    }

    /// <summary>IC IALLUIS: invalidates every CPU's L1I (Inner Shareable broadcast).</summary>
    public int InstructionCacheInvalidateAllInnerShareable(int cpu)
    {
        foreach (Cache c in _l1i)
            InvalidateAll(c);
        return _l1i[cpu].HitLatency;
    }

    /// <summary>
    /// DC ISW/CSW/CISW with the Xt operand as the Arm ARM defines it: Level in bits [3:1]
    /// (0 = L1), Set in bits [L+S-1:L] with L = log2(line size) and S = log2(sets), Way in bits
    /// [31:32-A] with A = ceil(log2(ways)). A level, set or way beyond the hierarchy does nothing.
    /// </summary>
    public int DataCacheBySetWay(int agent, SetWayOperation op, ulong operand)
    {
        int level = (int)((operand >> 1) & 7);
        Cache? c = level == 0 ? _l1d[agent] : level - 1 < _outer.Length ? _outer[level - 1] : null;
        if (c is null)
            return 0;
        int set = (int)((operand >> _lineShift) & (ulong)(c.Sets - 1));
        int a = WayBits(c.Ways);
        int way = a == 0 ? 0 : (int)((operand >> (32 - a)) & ((1UL << a) - 1));
        if (way >= c.Ways)
            return 0;
        c.Statistics.Maintenance++;
        int slot = set * c.Ways + way;
        if (c.Tags[slot] == 0)
            return c.HitLatency;
        int cycles = c.HitLatency;
        if (op != SetWayOperation.ISW && c.Dirty[slot])
        {
            c.Statistics.Writebacks++;
            int next = level == 0 ? 0 : level;
            WriteLineToOuter(next, c.LineOf(slot), c.LineData(slot));
            c.Dirty[slot] = false;
            cycles += next < _outer.Length ? _outer[next].HitLatency : _memoryLatency;
        }
        if (op != SetWayOperation.CSW)
            c.Invalidate(slot);
        return cycles;
    }

    /// <summary>The DC ISW/CSW/CISW operand for a cache level (1 = L1), set and way, as software computes it from CCSIDR_EL1.</summary>
    public ulong SetWayOperand(int level, int set, int way)
    {
        Cache c = level == 1 ? _l1d[0] : _outer[level - 2];
        int a = WayBits(c.Ways);
        ulong wayField = a == 0 ? 0 : (ulong)way << (32 - a);
        return wayField | ((ulong)set << _lineShift) | ((ulong)(level - 1) << 1);
    }

    // ---- host agent maintenance by physical range ---------------------------------------------

    /// <summary>The host's DC CVAC over [pa, pa + length): the newest data of every line reaches memory.</summary>
    public int HostClean(ulong pa, ulong length) => HostMaintain(pa, length, clean: true, invalidate: false);

    /// <summary>The host's DC IVAC over [pa, pa + length): every copy is dropped, dirty data is lost.</summary>
    public int HostInvalidate(ulong pa, ulong length) => HostMaintain(pa, length, clean: false, invalidate: true);

    /// <summary>The host's DC CIVAC over [pa, pa + length).</summary>
    public int HostCleanInvalidate(ulong pa, ulong length) => HostMaintain(pa, length, clean: true, invalidate: true);

    private int HostMaintain(ulong pa, ulong length, bool clean, bool invalidate)
    {
        _maintainer = HostAgent;
        int lines = MaintainRange(pa, length, clean, invalidate, countMaintenance: true);
        return lines * _l1d[HostAgent].HitLatency;
    }

    /// <summary>Applies a PoC operation to every line overlapping the range; returns the number of lines.</summary>
    private int MaintainRange(ulong pa, ulong length, bool clean, bool invalidate, bool countMaintenance)
    {
        if (length == 0)
            return 0;
        ulong first = pa >> _lineShift;
        ulong last = (pa + length - 1) >> _lineShift;
        for (ulong line = first; line <= last; line++)
            MaintainLineToPoC(line, clean, invalidate, countMaintenance);
        return (int)(last - first + 1);
    }

    /// <summary>
    /// Clean and/or invalidate one line in every data cache to the Point of Coherency (memory).
    /// The newest copy is the highest dirty one (an L1D, else L2, else L3); a clean writes it to
    /// memory and into every lower copy, so no stale lower copy survives. Returns whether data
    /// was written.
    /// </summary>
    private bool MaintainLineToPoC(ulong line, bool clean, bool invalidate, bool countMaintenance)
    {
        Span<byte> newest = stackalloc byte[_lineSize];
        bool have = false;
        foreach (Cache c in _l1d)
            MaintainOne(c, line, clean, invalidate, countMaintenance, newest, ref have);
        foreach (Cache c in _outer)
            MaintainOne(c, line, clean, invalidate, countMaintenance, newest, ref have);
        if (have)
        {
            _ram.Write(line << _lineShift, newest);
            BusTransactions++;
        }
        _provenance?.OnMaintenance(countMaintenance ? _maintainer : 255, line, clean, invalidate, have);
        return have;
    }

    private static void MaintainOne(Cache c, ulong line, bool clean, bool invalidate, bool count, Span<byte> newest, ref bool have)
    {
        if (count)
            c.Statistics.Maintenance++;
        int slot = c.Lookup(line);
        if (slot < 0)
            return;
        if (clean)
        {
            if (have)
            {
                newest.CopyTo(c.LineData(slot));
            }
            else if (c.Dirty[slot])
            {
                c.LineData(slot).CopyTo(newest);
                have = true;
                c.Statistics.Writebacks++;
            }
            c.Dirty[slot] = false;
        }
        if (invalidate)
            c.Invalidate(slot);
    }

    /// <summary>DC CVAU: every L1D's dirty copy is written into L2 (the Point of Unification).</summary>
    private bool CleanLineToPoU(ulong line)
    {
        bool wrote = false;
        foreach (Cache c in _l1d)
        {
            c.Statistics.Maintenance++;
            int slot = c.Lookup(line);
            if (slot >= 0 && c.Dirty[slot])
            {
                c.Statistics.Writebacks++;
                WriteLineToOuter(0, line, c.LineData(slot));
                c.Dirty[slot] = false;
                wrote = true;
            }
        }
        return wrote;
    }

    private static void InvalidateAll(Cache c)
    {
        c.Statistics.Maintenance++;
        c.InvalidateAllLines();
    }

    private static int WayBits(int ways) => ways <= 1 ? 0 : System.Numerics.BitOperations.Log2((uint)ways - 1) + 1;
}

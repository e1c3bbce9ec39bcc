using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Emulator.Mmu.Attributes;
using Emulator.Mmu.Physical;

namespace Emulator.Mmu.Caches;

/// <summary>
/// The cache hierarchy in front of <see cref="Ram"/>: agents 0..CpuCount-1 are guest CPUs (an L1D
/// and an L1I each), agent CpuCount is the host agent (the VMM's display thread, an L1D); all share
/// L2 and the optional L3. Lines carry data; RAM is the only backing store. See README.md here for
/// the rules; in short:
/// <list type="bullet">
/// <item>The inner attributes decide (<see cref="AccessClass"/>). Write-Back: read and write lines,
/// allocate per the access's hints, fill from the next level or memory, write dirty victims back
/// (L2/L3 are non-inclusive: a victim written back to a level that misses is allocated there).
/// Write-Through: reads as Write-Back; writes update present copies and memory, never allocate.
/// Non-cacheable and Device: memory only, no lookup, unless <see cref="NcSnoop"/>.</item>
/// <item>Coherence (MSI over the shared L2) for cacheable data accesses: a dirty L1D line is
/// Modified and no other L1D holds it; a read miss first makes other L1Ds write a Modified copy back
/// to L2 (they keep it clean, Shared); a write first makes other L1Ds write back and invalidate.
/// L1I fills from L2/L3/memory without snooping L1Ds and is never invalidated by data writes.</item>
/// <item>Callers pass physical addresses inside RAM (MMIO is dispatched before the cache).</item>
/// </list>
/// Every method returns the access's cost in cycles. Not thread-safe: one simulation thread
/// interleaves the agents.
/// </summary>
public sealed partial class CacheHierarchy
{
    private static readonly byte[] s_zeros = new byte[2048];

    private readonly Ram _ram;
    private readonly ulong _ramBase;
    private readonly Cache[] _l1d;
    private readonly Cache[] _l1i;
    private readonly Cache[] _outer;
    private readonly Cache[] _all;
    private readonly int _lineShift;
    private readonly int _lineSize;
    private readonly ulong _lineMask;
    private readonly int _memoryLatency;
    private ulong _oracleLo = ulong.MaxValue;
    private ulong _oracleHi;

    public CacheHierarchy(CacheHierarchyConfig config, Ram ram, int cpuCount = 1)
    {
        if (config.Validate() is { } error)
            throw new CacheConfigException($"cache configuration '{config.Name}': {error.Field}: {error.Message}");
        ArgumentOutOfRangeException.ThrowIfLessThan(cpuCount, 1);
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("the cache model assumes a little-endian host");
        Config = config;
        CpuCount = cpuCount;
        _ram = ram;
        _ramBase = ram.BaseAddress;
        _lineSize = config.LineSize;
        _lineShift = System.Numerics.BitOperations.Log2((uint)_lineSize);
        _lineMask = (ulong)_lineSize - 1;
        _memoryLatency = config.MemoryLatency;

        ulong seed = config.Seed;
        _l1d = new Cache[cpuCount + 1];
        _l1i = new Cache[cpuCount];
        var all = new List<Cache>();
        for (int i = 0; i < cpuCount; i++)
        {
            _l1d[i] = new Cache($"cpu{i}.l1d", config.L1D, seed + (ulong)(2 * i + 1));
            _l1i[i] = new Cache($"cpu{i}.l1i", config.L1I, seed + (ulong)(2 * i + 2));
            all.Add(_l1d[i]);
            all.Add(_l1i[i]);
        }
        _l1d[cpuCount] = new Cache("host.l1d", config.HostL1DOrDefault, seed + 1001);
        all.Add(_l1d[cpuCount]);
        _outer = config.L3 is null
            ? [new Cache("l2", config.L2, seed + 2001)]
            : [new Cache("l2", config.L2, seed + 2001), new Cache("l3", config.L3, seed + 3001)];
        all.AddRange(_outer);
        _all = [.. all];
    }

    public CacheHierarchyConfig Config { get; }

    public int CpuCount { get; }

    /// <summary>The host agent's index for the agent-taking methods.</summary>
    public int HostAgent => CpuCount;

    public Ram Ram => _ram;

    public int LineSize => _lineSize;

    /// <summary>Non-cacheable and Device accesses snoop: reads clean the line to memory first, writes clean and invalidate it first.</summary>
    public bool NcSnoop { get; set; }

    /// <summary>
    /// Instruction fetches are coherent with the data caches (CTR_EL0.IDC = 1 hardware): an L1I
    /// refill takes dirty data from any L1D. Off by default (Cortex-A57/A72: DC CVAU is needed);
    /// FEAT_S2FWB hosts have it, which is why KVM skips the clean when FWB is in force.
    /// </summary>
    public bool CoherentInstructionFetch { get; set; }

    public CoherentOracle Oracle { get; } = new();

    /// <summary>Every cache: cpuN.l1d, cpuN.l1i for each CPU, host.l1d, l2, then l3 if configured.</summary>
    public IReadOnlyList<Cache> Caches => _all;

    public Cache L1D(int agent) => _l1d[agent];

    public Cache L1I(int cpu) => _l1i[cpu];

    public Cache L2 => _outer[0];

    public Cache? L3 => _outer.Length > 1 ? _outer[1] : null;

    public Cache? Find(string name) => Array.Find(_all, c => c.Name == name);

    // ---- guest CPU data accesses -------------------------------------------------------------

    /// <summary>
    /// A data read of 1, 2, 4 or 8 bytes (little-endian) by <paramref name="agent"/> with the
    /// access's combined attributes. An access crossing a line is split. Returns cycles.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Read(int agent, ulong pa, int size, MemoryAttributes attrs, out ulong value)
    {
        Debug.Assert(_ram.Contains(pa, (ulong)size));
        if (TryReadHit(agent, pa, size, attrs, out value, out int latency))
            return latency;
        byte cls = AccessClass.OfAttr[attrs.Attr];
        if ((cls & AccessClass.KindMask) < AccessClass.WriteThrough && !NcSnoop)
        {
            ulong ramOffset = pa - _ramBase;
            int inChunk = (int)(ramOffset & (Ram.ChunkSize - 1));
            if (inChunk + size <= Ram.ChunkSize)
            {
                byte[]? chunk = _ram.ChunkForRead(ramOffset);
                value = chunk is null ? 0 : Load(chunk, inChunk, size);
                CountBusLines(pa, size);
                return _memoryLatency;
            }
        }
        return ReadSlow(agent, pa, size, cls, out value);
    }

    /// <summary>
    /// <see cref="Read"/>'s common case alone: a cacheable read within one line that hits
    /// <paramref name="agent"/>'s L1D, done exactly as <see cref="Read"/> does it (value, replacement
    /// state, hit count; <paramref name="latency"/> its cycles). False, with nothing changed, otherwise.
    /// Small enough to inline into a caller's fast path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadHit(int agent, ulong pa, int size, MemoryAttributes attrs, out ulong value, out int latency)
    {
        ulong offset = pa & _lineMask;
        if ((AccessClass.OfAttr[attrs.Attr] & AccessClass.KindMask) >= AccessClass.WriteThrough && offset + (ulong)size <= (ulong)_lineSize)
        {
            Cache l1 = _l1d[agent];
            int slot = l1.LookupRecent(pa >> _lineShift);
            if (slot >= 0)
            {
                value = Load(l1.Data, (slot << _lineShift) + (int)offset, size);
                l1.Touch(slot);
                l1.Statistics.Hits++;
                latency = l1.HitLatency;
                return true;
            }
        }
        value = 0;
        latency = 0;
        return false;
    }

    /// <summary>A data write of 1, 2, 4 or 8 bytes (little-endian); see <see cref="Read"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Write(int agent, ulong pa, int size, ulong value, MemoryAttributes attrs)
    {
        Debug.Assert(_ram.Contains(pa, (ulong)size));
        if (TryWriteHit(agent, pa, size, value, attrs, out int latency))
            return latency;
        return WriteSlow(agent, pa, size, value, AccessClass.OfAttr[attrs.Attr]);
    }

    /// <summary>
    /// <see cref="Write"/>'s common case alone: a write-back write within one line that hits a
    /// dirty line of <paramref name="agent"/>'s L1D outside the oracle's regions, done exactly as
    /// <see cref="Write"/> does it. False, with nothing changed, otherwise.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryWriteHit(int agent, ulong pa, int size, ulong value, MemoryAttributes attrs, out int latency)
    {
        ulong offset = pa & _lineMask;
        if ((AccessClass.OfAttr[attrs.Attr] & AccessClass.KindMask) == AccessClass.WriteBack && offset + (ulong)size <= (ulong)_lineSize
            && !(pa < _oracleHi && pa + (ulong)size > _oracleLo))
        {
            Cache l1 = _l1d[agent];
            int slot = l1.LookupRecent(pa >> _lineShift);
            if (slot >= 0 && l1.Dirty[slot])
            {
                Store(l1.Data, (slot << _lineShift) + (int)offset, size, value);
                l1.Touch(slot);
                l1.Statistics.Hits++;
                latency = l1.HitLatency;
                return true;
            }
        }
        latency = 0;
        return false;
    }

    /// <summary>A data read of any length (e.g. a pair load), split at line boundaries.</summary>
    public int ReadBytes(int agent, ulong pa, Span<byte> destination, MemoryAttributes attrs) =>
        ReadBytesClass(agent, pa, destination, AccessClass.Of(attrs));

    /// <summary>A data write of any length, split at line boundaries.</summary>
    public int WriteBytes(int agent, ulong pa, ReadOnlySpan<byte> source, MemoryAttributes attrs) =>
        WriteBytesClass(agent, pa, source, AccessClass.Of(attrs));

    // ---- instruction fetch -------------------------------------------------------------------

    /// <summary>
    /// Fetches a 4-byte instruction through <paramref name="cpu"/>'s L1I when the fetch's attributes
    /// are cacheable. The L1I fills from L2/L3/memory and does not see data still dirty in an L1D
    /// (DC CVAU then IC IVAU make new code visible, as on Arm).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Fetch(int cpu, ulong pa, MemoryAttributes attrs, out uint instruction)
    {
        byte cls = AccessClass.OfAttr[attrs.Attr];
        if ((cls & AccessClass.KindMask) >= AccessClass.WriteThrough && (pa & 3) == 0)
        {
            Cache l1 = _l1i[cpu];
            int slot = l1.Lookup(pa >> _lineShift);
            if (slot >= 0)
            {
                instruction = Unsafe.ReadUnaligned<uint>(ref At(l1.Data, (slot << _lineShift) + (int)(pa & _lineMask)));
                l1.Touch(slot);
                l1.Statistics.Hits++;
                return l1.HitLatency;
            }
        }
        return FetchSlow(cpu, pa, cls, out instruction);
    }

    /// <summary>
    /// <see cref="Fetch"/>, also giving where the instruction's line now sits: the L1I's line
    /// storage and the byte offset of the line in it, or null and -1 when the fetch did not go
    /// through the L1I (Non-cacheable). The place stays valid while the L1I's
    /// <see cref="Cache.Changes"/> counter does not move; re-reading a line found this way has the
    /// same effect on the replacement state as the fetch that found it (touching the most recently
    /// used line again changes nothing), so a caller may count such reads as L1I hits itself.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int FetchLine(int cpu, ulong pa, MemoryAttributes attrs, out uint instruction, out byte[]? storage, out int lineOffset)
    {
        int cycles = Fetch(cpu, pa, attrs, out instruction);
        storage = null;
        lineOffset = -1;
        if (FetchesThroughL1I(attrs))
        {
            Cache l1 = _l1i[cpu];
            int slot = l1.Lookup(pa >> _lineShift);
            if (slot >= 0)
            {
                storage = l1.Data;
                lineOffset = slot << _lineShift;
            }
        }
        return cycles;
    }

    /// <summary>Whether a fetch with <paramref name="attrs"/> goes through the L1I (cacheable), rather than to memory.</summary>
    public static bool FetchesThroughL1I(MemoryAttributes attrs) => (AccessClass.OfAttr[attrs.Attr] & AccessClass.KindMask) >= AccessClass.WriteThrough;

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private int FetchSlow(int cpu, ulong pa, byte cls, out uint instruction)
    {
        Span<byte> bytes = stackalloc byte[4];
        int cycles = 0;
        if ((cls & AccessClass.KindMask) < AccessClass.WriteThrough)
        {
            cycles = NonCacheableRead(pa, bytes);
        }
        else
        {
            ulong p = pa;
            Span<byte> rest = bytes;
            while (!rest.IsEmpty)
            {
                int n = Math.Min(rest.Length, _lineSize - (int)(p & _lineMask));
                cycles += ReadPart(_l1i[cpu], -1, p, rest[..n], cls);
                rest = rest[n..];
                p += (ulong)n;
            }
        }
        instruction = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        return cycles;
    }

    // ---- slow paths ---------------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private int ReadSlow(int agent, ulong pa, int size, byte cls, out ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        bytes.Clear();
        int cycles = ReadBytesClass(agent, pa, bytes[..size], cls);
        value = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        return cycles;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private int WriteSlow(int agent, ulong pa, int size, ulong value, byte cls)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return WriteBytesClass(agent, pa, bytes[..size], cls);
    }

    private int ReadBytesClass(int agent, ulong pa, Span<byte> destination, byte cls)
    {
        if ((cls & AccessClass.KindMask) < AccessClass.WriteThrough)
            return NonCacheableRead(pa, destination);
        int cycles = 0;
        Cache l1 = _l1d[agent];
        while (!destination.IsEmpty)
        {
            int n = Math.Min(destination.Length, _lineSize - (int)(pa & _lineMask));
            cycles += ReadPart(l1, agent, pa, destination[..n], cls);
            destination = destination[n..];
            pa += (ulong)n;
        }
        return cycles;
    }

    private int WriteBytesClass(int agent, ulong pa, ReadOnlySpan<byte> source, byte cls)
    {
        int cycles;
        if ((cls & AccessClass.KindMask) < AccessClass.WriteThrough)
        {
            cycles = NonCacheableWrite(pa, source);
        }
        else
        {
            cycles = 0;
            ulong p = pa;
            ReadOnlySpan<byte> rest = source;
            while (!rest.IsEmpty)
            {
                int n = Math.Min(rest.Length, _lineSize - (int)(p & _lineMask));
                cycles += WritePart(agent, p, rest[..n], cls);
                rest = rest[n..];
                p += (ulong)n;
            }
        }
        if (pa < _oracleHi && pa + (ulong)source.Length > _oracleLo)
        {
            Oracle.Record(pa, source);
            _provenance?.OnStore(agent, pa, source.Length, cls);
        }
        return cycles;
    }

    /// <summary>Reads within one line through <paramref name="l1"/>; <paramref name="agent"/> -1 means an L1I fill (no snoop).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ReadPart(Cache l1, int agent, ulong pa, Span<byte> destination, byte cls)
    {
        ulong line = pa >> _lineShift;
        int offset = (int)(pa & _lineMask);
        int slot = l1.Lookup(line);
        if (slot >= 0)
        {
            l1.Data.AsSpan((slot << _lineShift) + offset, destination.Length).CopyTo(destination);
            l1.Touch(slot);
            l1.Statistics.Hits++;
            return l1.HitLatency;
        }
        l1.Statistics.Misses++;
        if (agent >= 0 || CoherentInstructionFetch)
            SnoopOtherL1D(agent, line, invalidate: false); // agent -1 (an L1I refill) snoops every L1D
        int cycles = l1.HitLatency;
        if ((cls & AccessClass.ReadAllocate) != 0)
        {
            slot = AllocateL1(l1, line);
            cycles += FillFromOuter(0, line, l1.LineData(slot), allocate: true);
            l1.Install(slot, line, dirty: false);
            l1.Statistics.Fills++;
            if (_provenance is { } p && !_hostReading)
                p.OnFill(agent, CacheIndex(l1), line, speculative: false);
            l1.Data.AsSpan((slot << _lineShift) + offset, destination.Length).CopyTo(destination);
        }
        else
        {
            Span<byte> temp = stackalloc byte[_lineSize];
            cycles += FillFromOuter(0, line, temp, allocate: false);
            temp.Slice(offset, destination.Length).CopyTo(destination);
        }
        return cycles;
    }

    /// <summary>Writes within one line by a data agent with a cacheable (WT or WB) class.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int WritePart(int agent, ulong pa, ReadOnlySpan<byte> source, byte cls)
    {
        Cache l1 = _l1d[agent];
        ulong line = pa >> _lineShift;
        int offset = (int)(pa & _lineMask);
        int slot = l1.Lookup(line);

        if ((cls & AccessClass.KindMask) == AccessClass.WriteThrough)
        {
            // Write-through: other agents' copies go (MSI), present copies here and below are
            // updated without changing their dirty state, memory is written; a miss never allocates.
            SnoopOtherL1D(agent, line, invalidate: true);
            if (slot >= 0)
            {
                source.CopyTo(l1.Data.AsSpan((slot << _lineShift) + offset));
                l1.Touch(slot);
                l1.Statistics.Hits++;
            }
            else
            {
                l1.Statistics.Misses++;
            }
            foreach (Cache c in _outer)
            {
                int s = c.Lookup(line);
                if (s >= 0)
                    source.CopyTo(c.Data.AsSpan((s << _lineShift) + offset));
            }
            _ram.Write(pa, source);
            CountBusLines(pa, source.Length);
            return l1.HitLatency + _memoryLatency;
        }

        if (slot >= 0)
        {
            if (!l1.Dirty[slot])
            {
                SnoopOtherL1D(agent, line, invalidate: true);
                l1.Dirty[slot] = true;
            }
            source.CopyTo(l1.Data.AsSpan((slot << _lineShift) + offset));
            l1.Touch(slot);
            l1.Statistics.Hits++;
            return l1.HitLatency;
        }

        l1.Statistics.Misses++;
        SnoopOtherL1D(agent, line, invalidate: true);
        int cycles = l1.HitLatency;
        if ((cls & AccessClass.WriteAllocate) != 0)
        {
            slot = AllocateL1(l1, line);
            if (source.Length < _lineSize)
            {
                cycles += FillFromOuter(0, line, l1.LineData(slot), allocate: true);
                l1.Statistics.Fills++;
                _provenance?.OnFill(agent, CacheIndex(l1), line, speculative: false);
            }
            l1.Install(slot, line, dirty: true);
            source.CopyTo(l1.Data.AsSpan((slot << _lineShift) + offset));
            return cycles;
        }

        // No write-allocate: write around L1 into the first lower level holding the line, else memory.
        for (int level = 0; level < _outer.Length; level++)
        {
            Cache c = _outer[level];
            cycles += c.HitLatency;
            int s = c.Lookup(line);
            if (s >= 0)
            {
                source.CopyTo(c.Data.AsSpan((s << _lineShift) + offset));
                c.Dirty[s] = true;
                c.Touch(s);
                c.Statistics.Hits++;
                return cycles;
            }
            c.Statistics.Misses++;
        }
        _ram.Write(pa, source);
        CountBusLines(pa, source.Length);
        return cycles + _memoryLatency;
    }

    private int NonCacheableRead(ulong pa, Span<byte> destination)
    {
        if (NcSnoop)
            MaintainRange(pa, (ulong)destination.Length, clean: true, invalidate: false, countMaintenance: false);
        _ram.Read(pa, destination);
        CountBusLines(pa, destination.Length);
        return NonCacheableCost(pa, destination.Length);
    }

    private int NonCacheableWrite(ulong pa, ReadOnlySpan<byte> source)
    {
        if (NcSnoop)
            MaintainRange(pa, (ulong)source.Length, clean: true, invalidate: true, countMaintenance: false);
        _ram.Write(pa, source);
        CountBusLines(pa, source.Length);
        return NonCacheableCost(pa, source.Length);
    }

    /// <summary>A Non-cacheable or Device access pays the memory latency once per line-sized bus transaction it needs.</summary>
    private int NonCacheableCost(ulong pa, int length)
    {
        if (length == 0)
            return _memoryLatency;
        ulong lines = ((pa + (ulong)length - 1) >> _lineShift) - (pa >> _lineShift) + 1;
        return _memoryLatency * (int)lines;
    }

    /// <summary>
    /// Makes other agents' L1D copies of <paramref name="line"/> give up ownership: a dirty
    /// (Modified) copy is written back to L2 and becomes clean (Shared); with
    /// <paramref name="invalidate"/> every copy is dropped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SnoopOtherL1D(int agent, ulong line, bool invalidate)
    {
        Cache[] l1d = _l1d;
        for (int a = 0; a < l1d.Length; a++)
        {
            if (a == agent)
                continue;
            Cache c = l1d[a];
            int slot = c.Lookup(line);
            if (slot < 0)
                continue;
            if (c.Dirty[slot])
            {
                c.Statistics.Writebacks++;
                WriteLineToOuter(0, line, c.LineData(slot));
                c.Dirty[slot] = false;
            }
            if (invalidate)
            {
                c.Invalidate(slot);
                c.Statistics.SnoopInvalidations++;
            }
        }
    }

    /// <summary>Frees a way of <paramref name="l1"/> for <paramref name="line"/>, writing a dirty victim back to L2.</summary>
    private int AllocateL1(Cache l1, ulong line) => AllocateIn(l1, line, nextLevel: 0);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int AllocateIn(Cache cache, ulong line, int nextLevel)
    {
        int slot = cache.ChooseVictim(line);
        if (cache.Tags[slot] != 0)
        {
            cache.Statistics.Evictions++;
            _provenance?.OnEviction(CacheIndex(cache), cache.LineOf(slot), cache.Dirty[slot]);
            if (cache.Dirty[slot])
            {
                cache.Statistics.Writebacks++;
                WriteLineToOuter(nextLevel, cache.LineOf(slot), cache.LineData(slot));
            }
            cache.Invalidate(slot);
        }
        return slot;
    }

    /// <summary>Reads a whole line from outer level <paramref name="level"/> (L2 = 0) or memory, allocating on the way when asked.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int FillFromOuter(int level, ulong line, Span<byte> destination, bool allocate)
    {
        if (level == _outer.Length)
        {
            _ram.Read(line << _lineShift, destination);
            BusTransactions++;
            return _memoryLatency;
        }
        Cache c = _outer[level];
        int slot = c.Lookup(line);
        if (slot >= 0)
        {
            c.LineData(slot).CopyTo(destination);
            c.Touch(slot);
            c.Statistics.Hits++;
            return c.HitLatency;
        }
        c.Statistics.Misses++;
        if (!allocate)
            return c.HitLatency + FillFromOuter(level + 1, line, destination, allocate: false);
        slot = AllocateIn(c, line, level + 1);
        int cycles = c.HitLatency + FillFromOuter(level + 1, line, c.LineData(slot), allocate: true);
        c.Install(slot, line, dirty: false);
        c.Statistics.Fills++;
        c.LineData(slot).CopyTo(destination);
        return cycles;
    }

    /// <summary>Writes a whole dirty line into outer level <paramref name="level"/> (allocating it there, dirty) or memory.</summary>
    private void WriteLineToOuter(int level, ulong line, ReadOnlySpan<byte> data)
    {
        if (level == _outer.Length)
        {
            _ram.Write(line << _lineShift, data);
            BusTransactions++;
            _provenance?.OnMemoryWrite(line, level == 0 ? ServedFromNone : CacheIndex(_outer[level - 1]));
            return;
        }
        Cache c = _outer[level];
        int slot = c.Lookup(line);
        if (slot < 0)
        {
            slot = AllocateIn(c, line, level + 1);
            c.Install(slot, line, dirty: true);
        }
        else
        {
            c.Dirty[slot] = true;
            c.Touch(slot);
        }
        data.CopyTo(c.LineData(slot));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref byte At(byte[] array, int index) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Load(byte[] data, int index, int size)
    {
        Debug.Assert((uint)(index + size) <= (uint)data.Length);
        ref byte p = ref At(data, index);
        return size switch
        {
            8 => Unsafe.ReadUnaligned<ulong>(ref p),
            4 => Unsafe.ReadUnaligned<uint>(ref p),
            2 => Unsafe.ReadUnaligned<ushort>(ref p),
            _ => p,
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(byte[] data, int index, int size, ulong value)
    {
        Debug.Assert((uint)(index + size) <= (uint)data.Length);
        ref byte p = ref At(data, index);
        switch (size)
        {
            case 8: Unsafe.WriteUnaligned(ref p, value); break;
            case 4: Unsafe.WriteUnaligned(ref p, (uint)value); break;
            case 2: Unsafe.WriteUnaligned(ref p, (ushort)value); break;
            default: p = (byte)value; break;
        }
    }
}

using System.Text.Json;

namespace Emulator.Mmu.Caches;

/// <summary>The host agent (the VMM's thread): cacheable reads and writes, image loading, the oracle, speculation, statistics.</summary>
public sealed partial class CacheHierarchy
{
    private SpeculativeFillConfig? _speculation;
    private XorShift64 _speculationRandom;
    private ulong _nextLineThreshold;

    /// <summary>
    /// The host agent's cacheable (Normal WB, RW-allocate) read of any length. Each line-sized
    /// piece that overlaps an oracle region and differs from the oracle counts one stale read.
    /// </summary>
    public int HostRead(ulong pa, Span<byte> destination)
    {
        int cycles = 0;
        Cache l1 = _l1d[HostAgent];
        while (!destination.IsEmpty)
        {
            int n = Math.Min(destination.Length, _lineSize - (int)(pa & _lineMask));
            Span<byte> part = destination[..n];
            bool dirty = false;
            byte from = _provenance is null ? (byte)0 : HostReadSource(pa >> _lineShift, out dirty);
            _hostReading = true;
            cycles += ReadPart(l1, HostAgent, pa, part, AccessClass.HostWriteBack);
            _hostReading = false;
            if (pa < _oracleHi && pa + (ulong)n > _oracleLo)
            {
                bool stale = Oracle.CheckRead(pa, part);
                _provenance?.OnScanoutRead(pa >> _lineShift, from, dirty, stale);
            }
            AfterHostAccess(pa);
            destination = destination[n..];
            pa += (ulong)n;
        }
        return cycles;
    }

    /// <summary>The host agent's cacheable write of any length (a VMM's memcpy into guest RAM).</summary>
    public int HostWrite(ulong pa, ReadOnlySpan<byte> source)
    {
        int cycles = WriteBytesClass(HostAgent, pa, source, AccessClass.HostWriteBack);
        if (_speculation is not null && !source.IsEmpty)
            AfterHostAccess(pa + (ulong)source.Length - 1);
        return cycles;
    }

    /// <summary>
    /// Loads a guest image as a VMM does: a cacheable memcpy by the host agent, leaving the last
    /// lines in its caches, dirty. With <paramref name="cleanToPoC"/> the range is then cleaned to
    /// memory (what KVM does before mapping a page without FEAT_S2FWB).
    /// </summary>
    public int LoadImage(ulong pa, ReadOnlySpan<byte> image, bool cleanToPoC)
    {
        int cycles = HostWrite(pa, image);
        if (cleanToPoC)
            cycles += HostClean(pa, (ulong)image.Length);
        return cycles;
    }

    /// <summary>
    /// Tracks [pa, pa + size) in the coherent oracle. Its initial truth is the newest data the
    /// hierarchy holds now (a dirty cached copy, else memory): register regions before the guest runs.
    /// </summary>
    public OracleRegion AddOracleRegion(string name, ulong pa, ulong size)
    {
        if (size == 0 || size > int.MaxValue || !_ram.Contains(pa, size))
            throw new ArgumentOutOfRangeException(nameof(size), $"oracle region '{name}' at 0x{pa:x}+0x{size:x} must lie in RAM and be at most 2 GiB");
        var region = new OracleRegion(name, pa, size);
        PeekNewest(pa, region.Shadow);
        Oracle.Add(region);
        _oracleLo = Math.Min(_oracleLo, pa);
        _oracleHi = Math.Max(_oracleHi, pa + size);
        return region;
    }

    /// <summary>
    /// Copies the newest data the hierarchy holds for a range without changing any state: the
    /// highest dirty cached copy of each line, else memory. (Memory written Non-cacheably under a
    /// clean cached line counts as newest here; the oracle is the authority on program order.)
    /// </summary>
    public void PeekNewest(ulong pa, Span<byte> destination)
    {
        while (!destination.IsEmpty)
        {
            int offset = (int)(pa & _lineMask);
            int n = Math.Min(destination.Length, _lineSize - offset);
            ulong line = pa >> _lineShift;
            bool found = false;
            foreach (Cache c in _all)
            {
                int slot = c.Lookup(line);
                if (slot >= 0 && c.Dirty[slot])
                {
                    c.Data.AsSpan((slot << _lineShift) + offset, n).CopyTo(destination);
                    found = true;
                    break;
                }
            }
            if (!found)
                _ram.Read(pa, destination[..n]);
            destination = destination[n..];
            pa += (ulong)n;
        }
    }

    // ---- speculative fills --------------------------------------------------------------------

    /// <summary>Turns the speculative-fill model on (or off with null), restarting its generator from the seed.</summary>
    public void SetSpeculativeFills(SpeculativeFillConfig? config)
    {
        _speculation = config;
        if (config is null)
            return;
        foreach (PhysicalRange r in config.Regions)
        {
            if (r.Size == 0 || !_ram.Contains(r.Base, r.Size))
                throw new ArgumentOutOfRangeException(nameof(config), $"speculative-fill region 0x{r.Base:x}+0x{r.Size:x} must lie in RAM");
        }
        _speculationRandom = new XorShift64(config.Seed);
        _nextLineThreshold = XorShift64.Threshold(config.NextLineRate);
    }

    /// <summary>
    /// Pulls <paramref name="count"/> random lines of the speculation regions into host.l1d (lines
    /// already there are skipped but still use a draw). Returns the number of lines filled.
    /// </summary>
    public int SpeculateRandomLines(int count)
    {
        if (_speculation is not { Regions.Count: > 0 } spec)
            return 0;
        int filled = 0;
        for (int i = 0; i < count; i++)
        {
            PhysicalRange r = spec.Regions[spec.Regions.Count == 1 ? 0 : _speculationRandom.NextBelow(spec.Regions.Count)];
            ulong firstLine = r.Base >> _lineShift;
            ulong lines = ((r.Base + r.Size - 1) >> _lineShift) - firstLine + 1;
            ulong line = firstLine + (ulong)((UInt128)_speculationRandom.Next() * lines >> 64);
            if (SpeculativeFill(line))
                filled++;
        }
        return filled;
    }

    private void AfterHostAccess(ulong pa)
    {
        if (_speculation is null || !_speculationRandom.Chance(_nextLineThreshold))
            return;
        ulong next = (pa >> _lineShift) + 1;
        ulong nextPa = next << _lineShift;
        foreach (PhysicalRange r in _speculation.Regions)
        {
            if (r.Contains(nextPa))
            {
                SpeculativeFill(next);
                return;
            }
        }
    }

    /// <summary>Allocates <paramref name="line"/> into host.l1d as a coherent read would, without an access. False if it was there.</summary>
    private bool SpeculativeFill(ulong line)
    {
        Cache l1 = _l1d[HostAgent];
        if (l1.Lookup(line) >= 0)
            return false;
        SnoopOtherL1D(HostAgent, line, invalidate: false);
        int slot = AllocateL1(l1, line);
        FillFromOuter(0, line, l1.LineData(slot), allocate: true);
        l1.Install(slot, line, dirty: false);
        l1.Statistics.Fills++;
        l1.Statistics.SpeculativeFills++;
        _provenance?.OnFill(HostAgent, CacheIndex(l1), line, speculative: true);
        return true;
    }

    // ---- statistics ---------------------------------------------------------------------------

    /// <summary>
    /// Writes the report's <c>"cache"</c> property into the open object of <paramref name="writer"/>:
    /// one object per cache name with hits, misses, fills, writebacks, evictions, maintenance,
    /// speculative_fills and snoop_invalidations; then bus_transactions (the memory transactions
    /// BUS_ACCESS counts, CacheHierarchy.Bus.cs), stale_reads (total) and
    /// stale_reads_by_region (per oracle region name).
    /// </summary>
    public void WriteStatistics(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("cache");
        foreach (Cache c in _all)
        {
            ref readonly CacheStatistics s = ref c.Statistics;
            writer.WriteStartObject(c.Name);
            writer.WriteNumber("hits", s.Hits);
            writer.WriteNumber("misses", s.Misses);
            long lookups = s.Hits + s.Misses;
            writer.WriteNumber("hit_rate", lookups == 0 ? 0 : Math.Round((double)s.Hits / lookups, 6));
            writer.WriteNumber("fills", s.Fills);
            writer.WriteNumber("writebacks", s.Writebacks);
            writer.WriteNumber("evictions", s.Evictions);
            writer.WriteNumber("maintenance", s.Maintenance);
            writer.WriteNumber("speculative_fills", s.SpeculativeFills);
            writer.WriteNumber("snoop_invalidations", s.SnoopInvalidations);
            writer.WriteEndObject();
        }
        writer.WriteNumber("bus_transactions", BusTransactions);
        writer.WriteNumber("stale_reads", Oracle.StaleReads);
        writer.WriteStartObject("stale_reads_by_region");
        foreach (OracleRegion r in Oracle.Regions)
            writer.WriteNumber(r.Name, r.StaleReads);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}

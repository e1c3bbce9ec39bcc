namespace Emulator.Mmu.Caches;

/// <summary>
/// One physical region the oracle tracks (VRAM at least): <see cref="Truth"/> holds what a fully
/// coherent system would hold, updated by every write in program order whatever its path.
/// </summary>
public sealed class OracleRegion
{
    private readonly byte[] _shadow;

    internal OracleRegion(string name, ulong baseAddress, ulong size)
    {
        Name = name;
        Base = baseAddress;
        Size = size;
        _shadow = new byte[size];
    }

    public string Name { get; }

    public ulong Base { get; }

    public ulong Size { get; }

    /// <summary>Host reads (counted per cache-line-sized piece) that returned data differing from <see cref="Truth"/>.</summary>
    public long StaleReads { get; internal set; }

    /// <summary>The coherent contents of the region.</summary>
    public ReadOnlySpan<byte> Truth => _shadow;

    internal Span<byte> Shadow => _shadow;

    internal bool Overlaps(ulong pa, ulong length, out int regionOffset, out int dataOffset, out int count)
    {
        ulong start = Math.Max(pa, Base);
        ulong end = Math.Min(pa + length, Base + Size);
        if (start >= end)
        {
            regionOffset = dataOffset = count = 0;
            return false;
        }
        regionOffset = (int)(start - Base);
        dataOffset = (int)(start - pa);
        count = (int)(end - start);
        return true;
    }
}

/// <summary>The set of oracle regions; <see cref="CacheHierarchy"/> feeds it every write and checks host reads against it.</summary>
public sealed class CoherentOracle
{
    private OracleRegion[] _regions = [];

    public IReadOnlyList<OracleRegion> Regions => _regions;

    /// <summary>Stale host reads over all regions.</summary>
    public long StaleReads
    {
        get
        {
            long n = 0;
            foreach (OracleRegion r in _regions)
                n += r.StaleReads;
            return n;
        }
    }

    public OracleRegion? Find(string name) => Array.Find(_regions, r => r.Name == name);

    /// <summary>Copies the coherent contents of [pa, pa + destination.Length) (bytes outside every region are left alone); false if nothing overlapped.</summary>
    public bool ReadTruth(ulong pa, Span<byte> destination)
    {
        bool any = false;
        foreach (OracleRegion r in _regions)
        {
            if (r.Overlaps(pa, (ulong)destination.Length, out int ro, out int d, out int n))
            {
                r.Shadow.Slice(ro, n).CopyTo(destination.Slice(d, n));
                any = true;
            }
        }
        return any;
    }

    internal void Add(OracleRegion region) => _regions = [.. _regions, region];

    internal void Record(ulong pa, ReadOnlySpan<byte> data)
    {
        foreach (OracleRegion r in _regions)
        {
            if (r.Overlaps(pa, (ulong)data.Length, out int ro, out int d, out int n))
                data.Slice(d, n).CopyTo(r.Shadow.Slice(ro, n));
        }
    }

    /// <summary>Counts a stale read in each region where <paramref name="returned"/> differs from the truth.</summary>
    internal bool CheckRead(ulong pa, ReadOnlySpan<byte> returned)
    {
        bool stale = false;
        foreach (OracleRegion r in _regions)
        {
            if (r.Overlaps(pa, (ulong)returned.Length, out int ro, out int d, out int n) &&
                !returned.Slice(d, n).SequenceEqual(r.Shadow.Slice(ro, n)))
            {
                r.StaleReads++;
                stale = true;
            }
        }
        return stale;
    }
}

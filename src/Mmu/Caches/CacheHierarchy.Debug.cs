namespace Emulator.Mmu.Caches;

/// <summary>The host debugger's write: memory and every cached copy at once, as if coherent by magic.</summary>
public sealed partial class CacheHierarchy
{
    /// <summary>
    /// Writes <paramref name="source"/> at <paramref name="pa"/> into memory and into every cache
    /// that holds one of its lines (each copy keeps its state: a dirty line stays dirty, holding
    /// the new bytes), and into the coherent oracle's truth; no line is filled, evicted or
    /// touched, no counter moves. A debugger's write thus reaches whatever the next access reads.
    /// </summary>
    public void DebugWrite(ulong pa, ReadOnlySpan<byte> source)
    {
        _ram.Write(pa, source);
        if (pa < _oracleHi && pa + (ulong)source.Length > _oracleLo)
            Oracle.Record(pa, source);
        while (!source.IsEmpty)
        {
            int offset = (int)(pa & _lineMask);
            int n = Math.Min(source.Length, _lineSize - offset);
            ulong line = pa >> _lineShift;
            foreach (Cache c in _all)
            {
                int slot = c.Lookup(line);
                if (slot >= 0)
                    source[..n].CopyTo(c.Data.AsSpan((slot << _lineShift) + offset, n));
            }
            source = source[n..];
            pa += (ulong)n;
        }
    }
}

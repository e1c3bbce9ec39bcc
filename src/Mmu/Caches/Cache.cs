using System.Numerics;
using System.Runtime.CompilerServices;

namespace Emulator.Mmu.Caches;

/// <summary>
/// One set-associative cache whose lines carry data. Storage is flat: slot = set * ways + way
/// indexes <see cref="Tags"/> (line number + 1; 0 = invalid), <see cref="Dirty"/>, and the line's
/// bytes at <c>Data[slot &lt;&lt; LineShift]</c>. No object exists per line or per access.
/// The policy (what fills, what is written back where) lives in <see cref="CacheHierarchy"/>;
/// this class only finds, replaces and stores lines.
/// </summary>
public sealed class Cache
{
    internal readonly ulong[] Tags;
    internal readonly bool[] Dirty;
    internal readonly byte[] Data;
    internal readonly int LineShift;
    internal readonly int Ways;
    internal readonly int SetMask;
    internal readonly int HitLatency;

    private readonly ReplacementPolicy _policy;
    private readonly ulong[] _lastUse;
    private readonly ulong[] _plruBits;
    private readonly int _plruLevels;
    private XorShift64 _random;
    private ulong _clock;

    /// <summary>Bumped whenever a line is installed or invalidated (see <see cref="ChangeCounter"/>).</summary>
    public readonly ChangeCounter Changes = new();

    /// <summary>
    /// The slot touched last (installed or used; -1 before any). While it still holds its line,
    /// that line is its set's most recently used, so touching it again changes no replacement
    /// decision (<see cref="Touch"/> leaves it alone, and a hit can look there first).
    /// </summary>
    internal int LastTouched = -1;

    /// <summary>This cache's counters; a public field so the hierarchy increments it in place.</summary>
    public CacheStatistics Statistics;

    public Cache(string name, CacheLevelConfig config, ulong seed)
    {
        if (config.Validate() is { } error)
            throw new ArgumentException($"{name}.{error.Field}: {error.Message}", nameof(config));
        Name = name;
        Config = config;
        LineShift = BitOperations.Log2((uint)config.LineSize);
        Ways = config.Ways;
        Sets = config.Sets;
        SetMask = Sets - 1;
        HitLatency = config.HitLatency;
        _policy = config.Replacement;
        int slots = Sets * Ways;
        Tags = new ulong[slots];
        Dirty = new bool[slots];
        Data = new byte[(long)slots << LineShift];
        _lastUse = _policy == ReplacementPolicy.Lru ? new ulong[slots] : [];
        _plruBits = _policy == ReplacementPolicy.PseudoLru ? new ulong[Sets] : [];
        _plruLevels = BitOperations.Log2((uint)Ways);
        _random = new XorShift64(seed);
    }

    /// <summary>The name used in statistics: cpu0.l1d, cpu0.l1i, host.l1d, l2, l3.</summary>
    public string Name { get; }

    public CacheLevelConfig Config { get; }

    public int Sets { get; }

    public int LineSize => 1 << LineShift;

    /// <summary>log2 of <see cref="LineSize"/>: a physical address shifted right by it is a line number.</summary>
    public int LineShiftBits => LineShift;

    /// <summary>The slot holding line number <paramref name="line"/> (PA &gt;&gt; line shift), or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Lookup(ulong line)
    {
        ulong[] tags = Tags;
        int slot = (int)(line & (uint)SetMask) * Ways;
        int end = slot + Ways;
        ulong key = line + 1;
        for (; slot < end; slot++)
        {
            if (tags[slot] == key)
                return slot;
        }
        return -1;
    }

    /// <summary><see cref="Lookup"/>, trying the slot touched last first (repeated hits on one line).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int LookupRecent(ulong line)
    {
        int last = LastTouched;
        return last >= 0 && Tags[last] == line + 1 ? last : Lookup(line);
    }

    /// <summary>Records a use of <paramref name="slot"/> for the replacement policy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Touch(int slot)
    {
        if (slot == LastTouched)
            return; // already the most recently used of its set (LRU: its stamp is the set's newest)
        LastTouched = slot;
        if (_policy == ReplacementPolicy.Lru)
            _lastUse[slot] = ++_clock;
        else if (_policy == ReplacementPolicy.PseudoLru)
            TouchPlru(slot);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void TouchPlru(int slot)
    {
        int set = slot / Ways;
        int way = slot - set * Ways;
        ulong bits = _plruBits[set];
        int node = 1;
        for (int level = _plruLevels - 1; level >= 0; level--)
        {
            int right = (way >> level) & 1;
            // The node points away from the half just used: 1 = victim on the right.
            if (right == 0)
                bits |= 1UL << node;
            else
                bits &= ~(1UL << node);
            node = node * 2 + right;
        }
        _plruBits[set] = bits;
    }

    /// <summary>
    /// The slot to fill for <paramref name="line"/>: the first invalid way of its set, else the
    /// policy's victim (LRU: least recently touched; PLRU: follow the tree bits; random: seeded).
    /// The caller writes back and invalidates the victim.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal int ChooseVictim(ulong line)
    {
        int first = (int)(line & (uint)SetMask) * Ways;
        for (int w = 0; w < Ways; w++)
        {
            if (Tags[first + w] == 0)
                return first + w;
        }
        switch (_policy)
        {
            case ReplacementPolicy.Lru:
            {
                int victim = first;
                for (int w = 1; w < Ways; w++)
                {
                    if (_lastUse[first + w] < _lastUse[victim])
                        victim = first + w;
                }
                return victim;
            }
            case ReplacementPolicy.PseudoLru:
            {
                ulong bits = _plruBits[first / Ways];
                int node = 1;
                for (int level = 0; level < _plruLevels; level++)
                    node = node * 2 + (int)((bits >> node) & 1);
                return first + node - Ways;
            }
            default:
                return first + _random.NextBelow(Ways);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Span<byte> LineData(int slot) => Data.AsSpan(slot << LineShift, 1 << LineShift);

    internal ulong LineOf(int slot) => Tags[slot] - 1;

    internal void Install(int slot, ulong line, bool dirty)
    {
        Tags[slot] = line + 1;
        Dirty[slot] = dirty;
        Changes.Value++;
        Touch(slot);
    }

    internal void Invalidate(int slot)
    {
        Tags[slot] = 0;
        Dirty[slot] = false;
        Changes.Value++;
    }

    internal void InvalidateAllLines()
    {
        Array.Clear(Tags);
        Array.Clear(Dirty);
        Changes.Value++;
    }

    /// <summary>Whether the line holding physical address <paramref name="pa"/> is present.</summary>
    public bool Contains(ulong pa) => Lookup(pa >> LineShift) >= 0;

    /// <summary>Whether the line holding <paramref name="pa"/> is present and dirty.</summary>
    public bool IsDirty(ulong pa) => Lookup(pa >> LineShift) is int slot && slot >= 0 && Dirty[slot];

    /// <summary>The way holding <paramref name="pa"/>'s line, or -1.</summary>
    public int WayOf(ulong pa) => Lookup(pa >> LineShift) is int slot && slot >= 0 ? slot % Ways : -1;

    /// <summary>Copies the cached bytes of the line holding <paramref name="pa"/>; false when absent.</summary>
    public bool TryPeekLine(ulong pa, Span<byte> destination)
    {
        int slot = Lookup(pa >> LineShift);
        if (slot < 0)
            return false;
        LineData(slot).CopyTo(destination);
        return true;
    }

    public int ValidLines => Tags.Count(t => t != 0);

    public int DirtyLines
    {
        get
        {
            int n = 0;
            for (int i = 0; i < Tags.Length; i++)
            {
                if (Tags[i] != 0 && Dirty[i])
                    n++;
            }
            return n;
        }
    }
}

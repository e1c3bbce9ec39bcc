using Emulator.Mmu.Attributes;
using Emulator.Mmu.Translation;

namespace Emulator.Mmu.Tests.Translation;

/// <summary>Descriptor memory for walk tests: a sparse map of 8-byte words, recording every read.</summary>
public sealed class FakeDescriptorMemory
{
    public Dictionary<ulong, ulong> Words { get; } = [];

    public List<(ulong Pa, MemoryAttributes Attributes)> Reads { get; } = [];

    public List<ulong> Writes { get; } = [];

    /// <summary>Addresses at or above this read as an external abort.</summary>
    public ulong AbortAbove { get; set; } = ulong.MaxValue;

    public Reader CreateReader() => new(this);

    public readonly struct Reader(FakeDescriptorMemory memory) : IDescriptorReader
    {
        public bool ReadDescriptor(ulong pa, MemoryAttributes walkAttributes, out ulong descriptor)
        {
            memory.Reads.Add((pa, walkAttributes));
            descriptor = 0;
            if (pa >= memory.AbortAbove)
                return false;
            memory.Words.TryGetValue(pa, out descriptor);
            return true;
        }

        public bool WriteDescriptor(ulong pa, MemoryAttributes walkAttributes, ulong descriptor)
        {
            memory.Writes.Add(pa);
            if (pa >= memory.AbortAbove)
                return false;
            memory.Words[pa] = descriptor;
            return true;
        }
    }
}

/// <summary>
/// Builds stage-1 translation tables in a <see cref="FakeDescriptorMemory"/> for one VA range,
/// allocating each table from <c>tableBase</c> upwards, one granule apiece.
/// </summary>
public sealed class PageTableBuilder
{
    public const ulong Valid = 1, TableOrPage = 2, Af = 1UL << 10, NotGlobal = 1UL << 11;
    public const ulong Pxn = 1UL << 53, Uxn = 1UL << 54;

    private readonly FakeDescriptorMemory _memory;
    private ulong _next;

    public PageTableBuilder(FakeDescriptorMemory memory, int granuleBits, int inputBits, ulong tableBase)
    {
        _memory = memory;
        GranuleBits = granuleBits;
        InputBits = inputBits;
        Root = tableBase;
        _next = tableBase + (1UL << granuleBits);
    }

    public int GranuleBits { get; }

    public int InputBits { get; }

    public ulong Root { get; }

    public int StartLevel => Stage1Walk.StartLevel(InputBits, GranuleBits);

    public static ulong AttrIndx(int index) => (ulong)index << 2;

    public static ulong Ap(int ap21) => (ulong)ap21 << 6;

    public static ulong Sh(int sh) => (ulong)sh << 8;

    /// <summary>Address of the descriptor for <paramref name="va"/> at <paramref name="level"/>, creating tables above it.</summary>
    public ulong DescriptorAddress(ulong va, int level, ulong tableAttributes = 0)
    {
        int stride = GranuleBits - 3;
        ulong table = Root;
        for (int l = StartLevel; ; l++)
        {
            int shift = GranuleBits + (3 - l) * stride;
            int bits = Math.Min(stride, InputBits - shift);
            ulong address = table + ((va >> shift) & ((1UL << bits) - 1)) * 8;
            if (l == level)
                return address;
            if (!_memory.Words.TryGetValue(address, out ulong desc) || (desc & 3) != 3)
            {
                desc = _next | Valid | TableOrPage | tableAttributes;
                _next += 1UL << GranuleBits;
                _memory.Words[address] = desc;
            }
            table = desc & 0x0000_FFFF_FFFF_F000 & ~((1UL << GranuleBits) - 1);
        }
    }

    /// <summary>Maps a page (level 3) or a block (lower levels) with the given lower/upper attribute bits.</summary>
    public ulong Map(ulong va, ulong pa, int level, ulong attributes, ulong tableAttributes = 0)
    {
        ulong address = DescriptorAddress(va, level, tableAttributes);
        ulong type = level == 3 ? Valid | TableOrPage : Valid;
        _memory.Words[address] = pa | type | attributes;
        return address;
    }
}

using Emulator.Mmu.Translation;

namespace Emulator.Mmu.Tests.Translation;

/// <summary>
/// Builds stage-2 translation tables in a <see cref="FakeDescriptorMemory"/>: the start-level table
/// (concatenated when the IPA size needs it) at <c>root</c>, further tables allocated one granule
/// apiece after it.
/// </summary>
public sealed class Stage2TableBuilder
{
    public const ulong Valid = 1, TableOrPage = 2, Af = 1UL << 10;

    private readonly FakeDescriptorMemory _memory;
    private ulong _next;

    public Stage2TableBuilder(FakeDescriptorMemory memory, int granuleBits, int inputBits, int startLevel, ulong root)
    {
        _memory = memory;
        GranuleBits = granuleBits;
        InputBits = inputBits;
        StartLevel = startLevel;
        Root = root;
        ulong rootSize = 8UL << StartIndexBits;
        ulong granule = 1UL << granuleBits;
        _next = root + Math.Max(rootSize, granule);
    }

    public int GranuleBits { get; }

    public int InputBits { get; }

    public int StartLevel { get; }

    public ulong Root { get; }

    public int StartIndexBits => InputBits - Shift(StartLevel);

    public int Shift(int level) => GranuleBits + (3 - level) * (GranuleBits - 3);

    /// <summary>A leaf's attribute bits: MemAttr[3:0], S2AP, SH, AF, XN[1:0].</summary>
    public static ulong Leaf(int memAttr, int s2ap = 0b11, int sh = 0b11, bool af = true, int xn = 0) =>
        (ulong)(uint)memAttr << 2 | (ulong)(uint)s2ap << 6 | (ulong)(uint)sh << 8 | (af ? Af : 0) | (ulong)(uint)xn << 53;

    /// <summary>Address of the descriptor for <paramref name="ipa"/> at <paramref name="level"/>, creating tables above it.</summary>
    public ulong DescriptorAddress(ulong ipa, int level)
    {
        ulong table = Root;
        for (int l = StartLevel; ; l++)
        {
            int bits = l == StartLevel ? StartIndexBits : GranuleBits - 3;
            ulong address = table + ((ipa >> Shift(l)) & ((1UL << bits) - 1)) * 8;
            if (l == level)
                return address;
            if (!_memory.Words.TryGetValue(address, out ulong desc) || (desc & 3) != 3)
            {
                desc = _next | Valid | TableOrPage;
                _next += 1UL << GranuleBits;
                _memory.Words[address] = desc;
            }
            table = desc & 0x0000_FFFF_FFFF_F000 & ~((1UL << GranuleBits) - 1);
        }
    }

    /// <summary>Maps a page (level 3) or a block (lower levels); returns the descriptor's address.</summary>
    public ulong Map(ulong ipa, ulong pa, int level, ulong attributes)
    {
        ulong address = DescriptorAddress(ipa, level);
        _memory.Words[address] = pa | (level == 3 ? Valid | TableOrPage : Valid) | attributes;
        return address;
    }
}

/// <summary>Stage-2 register values for tests.</summary>
public static class Stage2Regs
{
    public const ulong Vm = 1, Dc = 1UL << 12, Cd = 1UL << 32, Id = 1UL << 33, Fwb = 1UL << 46, Ptw = 1UL << 2;

    /// <summary>VTCR_EL2 with T0SZ, SL0, TG0 from the granule, PS (default 48 bits), and walks Inner/Outer WB RWA Inner Shareable.</summary>
    public static ulong Vtcr(int granuleBits, int inputBits, int sl0, int ps = 5, ulong extra = 0) =>
        (ulong)(uint)(64 - inputBits) | (ulong)(uint)sl0 << 6 | 0b01UL << 8 | 0b01UL << 10 | 0b11UL << 12
        | (granuleBits switch { 12 => 0b00UL, 16 => 0b01UL, _ => 0b10UL }) << 14 | (ulong)(uint)ps << 16 | extra;

    public static Stage2Registers Regs(int granuleBits, int inputBits, int sl0, ulong root, ushort vmid = 1, ulong hcr = Vm, int ps = 5, int paBits = 48) =>
        new(hcr, Vtcr(granuleBits, inputBits, sl0, ps), root | (ulong)vmid << 48, paBits);

    public static bool Walk(in Stage2Registers regs, FakeDescriptorMemory memory, ulong ipa, out S2Mapping mapping, out FaultRecord fault)
    {
        var reader = memory.CreateReader();
        return Stage2Walk.Walk(regs, ipa, ref reader, out mapping, out fault);
    }
}

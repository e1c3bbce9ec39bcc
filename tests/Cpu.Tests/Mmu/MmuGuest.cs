using Emulator.Cpu.Core;
using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests.Mmu;

/// <summary>
/// A guest with stage-1 translation: translation tables written by the test into guest RAM (an
/// identity map of RAM with blocks, Normal WB, EL1 only, UXN), and the code that programs MAIR, TCR and
/// TTBR0/1 and sets SCTLR_EL1.M/C/I, executed by the guest itself.
/// </summary>
public sealed class MmuGuest
{
    public const ulong Valid = 1, TableOrPage = 2, Af = 1UL << 10, NotGlobal = 1UL << 11;
    public const ulong Pxn = 1UL << 53, Uxn = 1UL << 54;
    public const ulong InnerShareable = 0b11UL << 8, OuterShareable = 0b10UL << 8;

    /// <summary>Attr0 Normal WB, Attr1 Device-nGnRE, Attr2 Normal NC, Attr3 Device-nGnRnE.</summary>
    public const ulong Mair = 0x00_44_04_FF;

    public const ulong TableBase = GuestMachine.RamBase + 0x40_0000;

    /// <summary>Physical pages the tests map at their VAs (8 MiB into RAM).</summary>
    public const ulong PagePool = GuestMachine.RamBase + 0x80_0000;

    public static readonly SysRegister TTBR0_EL1 = new(3, 0, 2, 0, 0);
    public static readonly SysRegister TTBR1_EL1 = new(3, 0, 2, 0, 1);
    public static readonly SysRegister TCR_EL1 = new(3, 0, 2, 0, 2);
    public static readonly SysRegister MAIR_EL1 = new(3, 0, 10, 2, 0);
    public static readonly SysRegister PAR_EL1 = new(3, 0, 7, 4, 0);
    public static readonly SysRegister CONTEXTIDR_EL1 = new(3, 0, 13, 0, 1);

    private ulong _nextTable;
    private readonly ulong _root0, _root1;

    public MmuGuest(int granuleBits = 12, int inputBits = 48, CpuConfiguration? configuration = null)
    {
        Machine = new GuestMachine(configuration);
        GranuleBits = granuleBits;
        InputBits = inputBits;
        _root0 = TableBase;
        _root1 = TableBase + (1UL << granuleBits);
        _nextTable = TableBase + (2UL << granuleBits);
        Machine.InstallHvcVectors();
        int blockShift = granuleBits + (granuleBits - 3);
        for (ulong pa = GuestMachine.RamBase; pa < GuestMachine.RamBase + GuestMachine.RamSize; pa += 1UL << blockShift)
            Map(pa, pa, 2, Af | InnerShareable | Uxn); // EL1 only; UXN as Linux sets it: AP alone does not stop EL0 execution
    }

    public GuestMachine Machine { get; }

    public int GranuleBits { get; }

    public int InputBits { get; }

    public ulong PageSize => 1UL << GranuleBits;

    public int StartLevel => 4 - (InputBits - GranuleBits + GranuleBits - 4) / (GranuleBits - 3);

    public ulong Tcr
    {
        get
        {
            ulong tg0 = GranuleBits switch { 12 => 0b00UL, 16 => 0b01UL, _ => 0b10UL };
            ulong tg1 = GranuleBits switch { 12 => 0b10UL, 14 => 0b01UL, _ => 0b11UL };
            ulong txsz = (ulong)(uint)(64 - InputBits);
            // Walks Inner Shareable WB; IPS = 40 bits; 16-bit ASIDs.
            return txsz | txsz << 16 | tg0 << 14 | tg1 << 30 | 0b01UL << 8 | 0b01UL << 10 | 0b11UL << 12
                | 0b01UL << 24 | 0b01UL << 26 | 0b11UL << 28 | 2UL << 32 | 1UL << 36 | ExtraTcr;
        }
    }

    /// <summary>Bits ORed into <see cref="Tcr"/> (for example TCR_EL1.HA, bit 39).</summary>
    public ulong ExtraTcr { get; set; }

    public ulong Ttbr0(ushort asid = 0) => _root0 | (ulong)asid << 48;

    public ulong Ttbr1 => _root1;

    /// <summary>Address of the descriptor for <paramref name="va"/> at <paramref name="level"/>, creating tables above it.</summary>
    public ulong DescriptorAddress(ulong va, int level)
    {
        int stride = GranuleBits - 3;
        ulong table = ((va >> 55) & 1) != 0 ? _root1 : _root0;
        for (int l = StartLevel; ; l++)
        {
            int shift = GranuleBits + (3 - l) * stride;
            int bits = Math.Min(stride, InputBits - shift);
            ulong address = table + ((va >> shift) & ((1UL << bits) - 1)) * 8;
            if (l == level)
                return address;
            ulong desc = Machine.Read64(address);
            if ((desc & 3) != 3)
            {
                desc = _nextTable | Valid | TableOrPage;
                _nextTable += PageSize;
                Machine.Write64(address, desc);
            }
            table = desc & 0x0000_FFFF_FFFF_F000 & ~(PageSize - 1);
        }
    }

    /// <summary>Maps a page (level 3) or block; returns the descriptor's address.</summary>
    public ulong Map(ulong va, ulong pa, int level, ulong attributes)
    {
        ulong address = DescriptorAddress(va, level);
        Machine.Write64(address, pa | (level == 3 ? Valid | TableOrPage : Valid) | attributes);
        return address;
    }

    /// <summary>A page descriptor value.</summary>
    public static ulong Page(ulong pa, ulong attributes) => pa | Valid | TableOrPage | attributes;

    /// <summary>Guest code that programs the regime and turns the MMU on (M, C, I; plus <paramref name="extraSctlr"/>).</summary>
    public uint[] EnableMmu(ushort asid = 0, ulong extraSctlr = 0) =>
    [
        .. MovImm(X28, Mair), Msr(MAIR_EL1, X28),
        .. MovImm(X28, Tcr), Msr(TCR_EL1, X28),
        .. MovImm(X28, Ttbr0(asid)), Msr(TTBR0_EL1, X28),
        .. MovImm(X28, Ttbr1), Msr(TTBR1_EL1, X28),
        Isb(),
        Mrs(X28, SCTLR_EL1),
        .. MovImm(X27, 1 | 1UL << 2 | 1UL << 12 | extraSctlr),
        Orr(X28, X28, X27),
        Msr(SCTLR_EL1, X28),
        Isb(),
    ];

    /// <summary>Loads <paramref name="code"/> at the code base after the MMU-enabling prologue.</summary>
    public MmuGuest Load(IEnumerable<uint> code, ushort asid = 0, ulong extraSctlr = 0)
    {
        Machine.WriteWords(GuestMachine.CodeBase, [.. EnableMmu(asid, extraSctlr), .. code]);
        return this;
    }

    // ---- System instructions ----

    public static uint Sys(int op1, int crn, int crm, int op2, Reg t) =>
        0xD508_0000u | (uint)op1 << 16 | (uint)crn << 12 | (uint)crm << 8 | (uint)op2 << 5 | (uint)t.N;

    public static uint AtS1E1R(Reg t) => Sys(0, 7, 8, 0, t);

    public static uint AtS1E1W(Reg t) => Sys(0, 7, 8, 1, t);

    public static uint AtS1E0R(Reg t) => Sys(0, 7, 8, 2, t);

    public static uint AtS1E0W(Reg t) => Sys(0, 7, 8, 3, t);

    /// <summary>TLBI with CRm 7 (local) or 3 (Inner Shareable) and op2.</summary>
    public static uint Tlbi(int crm, int op2, Reg t) => Sys(0, 8, crm, op2, t);
}

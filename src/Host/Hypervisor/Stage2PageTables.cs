using System.Buffers.Binary;
using Emulator.Mmu.Physical;

namespace Emulator.Host.Hypervisor;

/// <summary>
/// The hypervisor's stage-2 translation tables, as real VMSAv8-64 stage-2 descriptors in host
/// memory that the core's stage-2 walk reads (KVM's kvm_pgtable for one VM). 4 KB granule,
/// 40-bit IPA space as KVM's default (KVM_PHYS_SHIFT, a VM created with IPA size 0): VTCR_EL2.T0SZ
/// = 24 and SL0 = 1, so the walk starts at level 1 with two concatenated level-1 tables, an 8 KB
/// root aligned to 8 KB whose 1024 entries are indexed by IPA[39:30] (the Arm ARM's stage-2
/// start-table concatenation, AArch64.S2StartLevel / AArch64.S2TTBaseAddress; KVM's
/// kvm_pgtable_stage2_pgd_size). 40-bit PA. That covers QEMU virt's whole memory map, its 64-bit
/// PCI MMIO window (0x80_0000_0000, 512 GiB) included. Maps 4 KB pages (level 3) or 2 MB blocks
/// (level 2); tables come from a pool in <see cref="Memory"/> and are never freed (a VM's tables
/// live as long as the VM).
/// </summary>
public sealed class Stage2PageTables
{
    public const int PageShift = 12;
    public const ulong PageSize = 1UL << PageShift;
    public const int BlockShift = 21;
    public const ulong BlockSize = 1UL << BlockShift;

    /// <summary>Where the table pool lives in the host's own address space (not the guest's).</summary>
    private const ulong PoolBase = 0x1_0000_0000;

    private const ulong AddressMask = 0x0000_FFFF_FFFF_F000;
    private const int InputBits = 40;

    /// <summary>Width of the IPA space the tables translate (VTCR_EL2.T0SZ = 24).</summary>
    public const int IpaBits = InputBits;

    /// <summary>Concatenated tables at the start level: 2^(IPA bits - 30 - 9) for level 1 with a 4 KB granule.</summary>
    public const int RootPages = 1 << (InputBits - 30 - 9);

    // VTCR_EL2: T0SZ = 24, SL0 = 01 (start at level 1 for 4K), IRGN0 = ORGN0 = 01 (WB RA WA),
    // SH0 = 11 (Inner Shareable), TG0 = 00 (4K), PS = 010 (40 bits).
    private const ulong VtcrValue = (64UL - InputBits) | 1UL << 6 | 1UL << 8 | 1UL << 10 | 3UL << 12 | 0UL << 14 | 2UL << 16;

    private readonly ulong _root;
    private ulong _nextTable;

    /// <param name="poolBytes">Size of the table pool (lazily allocated host memory).</param>
    public Stage2PageTables(ulong poolBytes = 64UL << 20)
    {
        Memory = new Ram(PoolBase, poolBytes);
        _nextTable = PoolBase;
        _root = AllocateTable(RootPages); // the pool starts 8 KB-aligned: the root's alignment
    }

    /// <summary>The host memory holding the tables (given to the core as its stage-2 table memory).</summary>
    public Ram Memory { get; }

    public ulong Vtcr => VtcrValue;

    /// <summary>VTTBR_EL2 for <paramref name="vmid"/>: the root table address and the VMID in bits [55:48].</summary>
    public ulong Vttbr(ushort vmid) => _root | (ulong)(vmid & 0xFF) << 48;

    /// <summary>Table pages in use (statistics).</summary>
    public int Tables => (int)((_nextTable - PoolBase) >> PageShift);

    /// <summary>
    /// Installs a leaf for <paramref name="ipa"/>: a 4 KB page (<paramref name="block"/> false) or a
    /// 2 MB block, with stage-2 MemAttr, S2AP (bit 0 read, bit 1 write), execute-never, Inner
    /// Shareable and AF set. Replaces whatever was there (the caller invalidates the TLB).
    /// </summary>
    public void Map(ulong ipa, ulong pa, bool block, byte memAttr, bool read, bool write, bool executable)
    {
        int level = block ? 2 : 3;
        ulong attrs = (ulong)(memAttr & 0xF) << 2
            | (read ? 1UL << 6 : 0) | (write ? 1UL << 7 : 0)
            | 3UL << 8            // SH = Inner Shareable
            | 1UL << 10           // AF
            | (executable ? 0 : 2UL << 53); // XN[1:0] = 10: execute-never at EL1 and EL0
        ulong type = block ? 0b01UL : 0b11UL;
        int shift = block ? BlockShift : PageShift;
        ulong oa = pa & ~((1UL << shift) - 1);
        WriteEntry(EntryAddress(ipa, level, allocate: true), oa | attrs | type);
    }

    /// <summary>The leaf descriptor translating <paramref name="ipa"/> and its level, or false when there is none (an IPA outside the IPA space has none).</summary>
    public bool TryGetLeaf(ulong ipa, out ulong descriptor, out int level)
    {
        ulong table = _root;
        if ((ipa >> InputBits) != 0)
        {
            descriptor = 0;
            level = 0;
            return false;
        }
        for (level = 1; level <= 3; level++)
        {
            descriptor = ReadEntry(table + IndexOf(ipa, level) * 8);
            if ((descriptor & 1) == 0)
                return false;
            if (level == 3 || (descriptor & 2) == 0)
                return true;
            table = descriptor & AddressMask;
        }
        descriptor = 0;
        return false;
    }

    /// <summary>Changes the S2AP write bit of the leaf at <paramref name="ipa"/>. False when nothing is mapped there.</summary>
    public bool SetWritable(ulong ipa, bool writable)
    {
        if (!TryGetLeaf(ipa, out _, out int level))
            return false;
        ulong address = EntryAddress(ipa, level, allocate: false);
        ulong d = ReadEntry(address);
        WriteEntry(address, writable ? d | 1UL << 7 : d & ~(1UL << 7));
        return true;
    }

    /// <summary>Makes the leaf at <paramref name="ipa"/> executable (XN = 00). False when nothing is mapped there.</summary>
    public bool SetExecutable(ulong ipa)
    {
        if (!TryGetLeaf(ipa, out _, out int level))
            return false;
        ulong address = EntryAddress(ipa, level, allocate: false);
        WriteEntry(address, ReadEntry(address) & ~(3UL << 53));
        return true;
    }

    /// <summary>Removes the leaf at <paramref name="ipa"/> (if any).</summary>
    public void Unmap(ulong ipa)
    {
        if (TryGetLeaf(ipa, out _, out int level))
            WriteEntry(EntryAddress(ipa, level, allocate: false), 0);
    }

    /// <summary>The entry index at <paramref name="level"/>: 9 bits, IPA[39:30] (10 bits) at the concatenated start level.</summary>
    private static ulong IndexOf(ulong ipa, int level) =>
        (ipa >> (PageShift + 9 * (3 - level))) & (level == 1 ? (ulong)(512 * RootPages - 1) : 0x1FF);

    private ulong EntryAddress(ulong ipa, int level, bool allocate)
    {
        if ((ipa >> InputBits) != 0)
            throw new ArgumentOutOfRangeException(nameof(ipa), $"IPA 0x{ipa:x} is outside the {InputBits}-bit IPA space");
        ulong table = _root;
        for (int l = 1; l < level; l++)
        {
            ulong entry = table + IndexOf(ipa, l) * 8;
            ulong d = ReadEntry(entry);
            if ((d & 3) != 3)
            {
                if (!allocate)
                    throw new InvalidOperationException($"no stage-2 table for IPA 0x{ipa:x} at level {l}");
                ulong next = AllocateTable();
                WriteEntry(entry, next | 0b11);
                d = next | 0b11;
            }
            table = d & AddressMask;
        }
        return table + IndexOf(ipa, level) * 8;
    }

    private ulong AllocateTable(int pages = 1)
    {
        ulong bytes = (ulong)pages * PageSize;
        if (!Memory.Contains(_nextTable, bytes))
            throw new InvalidOperationException("the stage-2 table pool is exhausted");
        ulong table = _nextTable;
        _nextTable += bytes;
        return table; // lazily allocated memory reads as zeros: every entry invalid
    }

    private ulong ReadEntry(ulong address)
    {
        Span<byte> b = stackalloc byte[8];
        Memory.Read(address, b);
        return BinaryPrimitives.ReadUInt64LittleEndian(b);
    }

    private void WriteEntry(ulong address, ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, value);
        Memory.Write(address, b);
    }
}

using Emulator.Mmu.Attributes;

namespace Emulator.Mmu.Translation;

/// <summary>
/// The VMSAv8-64 stage-1 translation table walk of the EL1&amp;0 regime (AArch64.S1Walk /
/// AArch64.TranslationTableWalk): 4 KB, 16 KB and 64 KB granules, input sizes from TCR_EL1.TnSZ
/// (16..39, values outside clamped as QEMU does), 48-bit output addresses (no FEAT_LPA/LPA2), and
/// optionally the hardware Access flag update of FEAT_HAFDBS (no dirty state). Pure: it reads and
/// writes descriptors only through the <see cref="IDescriptorReader"/>.
/// </summary>
public static class Stage1Walk
{
    /// <summary>Bits [47:12] of a descriptor or TTBR: the address field.</summary>
    private const ulong AddressMask48 = 0x0000_FFFF_FFFF_F000;

    /// <summary>The VA with bits [63:56] replaced by copies of bit 55: the TLB's key, whatever TBI says.</summary>
    public static ulong Canonical(ulong va) => (ulong)((long)(va << 8) >> 8);

    /// <summary>
    /// AArch64.GetVARange and the VA range check of AArch64.S1Translate: selects TTBR1 (VA[55] = 1)
    /// or TTBR0 and checks that the bits above the input size are all 0 (TTBR0) or all 1 (TTBR1),
    /// ignoring bits [63:56] when TCR_EL1.TBIn is set. Out of range is a level-0 Translation fault.
    /// </summary>
    public static bool IsVaInRange(in TranslationRegisters regs, ulong va, out bool upper)
    {
        upper = ((va >> 55) & 1) != 0;
        ulong tcr = regs.Tcr;
        int inputBits = InputBits(tcr, upper);
        bool tbi = ((tcr >> (upper ? 38 : 37)) & 1) != 0;
        int top = tbi ? 55 : 63;
        ulong field = (va >> inputBits) & ((1UL << (top - inputBits + 1)) - 1);
        ulong expected = upper ? (1UL << (top - inputBits + 1)) - 1 : 0;
        return field == expected;
    }

    /// <summary>64 - TnSZ, with TnSZ clamped to the implemented range 16..39.</summary>
    public static int InputBits(ulong tcr, bool upper)
    {
        int txsz = (int)((upper ? tcr >> 16 : tcr) & 0x3F);
        return 64 - Math.Clamp(txsz, 16, 39);
    }

    /// <summary>
    /// log2 of the granule from TCR_EL1.TG0 (00 4K, 01 64K, 10 16K) or TG1 (01 16K, 10 4K, 11 64K).
    /// Reserved encodings select 4 KB (IMPLEMENTATION DEFINED choice among the implemented sizes).
    /// </summary>
    public static int GranuleBits(ulong tcr, bool upper)
    {
        if (upper)
        {
            return (int)((tcr >> 30) & 3) switch
            {
                1 => 14,
                3 => 16,
                _ => 12,
            };
        }
        return (int)((tcr >> 14) & 3) switch
        {
            1 => 16,
            2 => 14,
            _ => 12,
        };
    }

    /// <summary>The level the walk starts at: 4 - ceil((inputsize - grainsize) / stride).</summary>
    public static int StartLevel(int inputBits, int granuleBits)
    {
        int stride = granuleBits - 3;
        return 4 - (inputBits - granuleBits + stride - 1) / stride;
    }

    /// <summary>The attributes of the walk's own reads for the VA range (TCR_EL1.IRGNn/ORGNn/SHn).</summary>
    public static MemoryAttributes WalkAttributes(in TranslationRegisters regs, bool upper)
    {
        int s = upper ? 16 : 0;
        ulong tcr = regs.Tcr;
        return Stage1Attributes.Walk((int)((tcr >> (8 + s)) & 3), (int)((tcr >> (10 + s)) & 3), (int)((tcr >> (12 + s)) & 3), regs.DataCacheable);
    }

    /// <summary>
    /// Walks the tables for <paramref name="va"/>, which must have passed <see cref="IsVaInRange"/>.
    /// Returns the leaf mapping, or the fault: Translation (EPDn set, invalid or reserved
    /// descriptor), Address size (TTBR or descriptor address above the output size; level 0 for
    /// the TTBR), Access flag, or a synchronous External abort on the walk.
    /// </summary>
    public static bool Walk<TReader>(in TranslationRegisters regs, ulong va, ref TReader reader, out S1Mapping mapping, out FaultRecord fault)
        where TReader : struct, IDescriptorReader
    {
        mapping = default;
        ulong tcr = regs.Tcr;
        bool upper = ((va >> 55) & 1) != 0;
        if (((tcr >> (upper ? 23 : 7)) & 1) != 0)
        {
            fault = new FaultRecord(FaultType.Translation, 0); // EPDn: a TLB miss faults
            return false;
        }
        int inputBits = InputBits(tcr, upper);
        int granuleBits = GranuleBits(tcr, upper);
        int stride = granuleBits - 3;
        int level = StartLevel(inputBits, granuleBits);
        int oaBits = regs.OutputAddressBits;
        MemoryAttributes walkAttributes = WalkAttributes(regs, upper);
        ulong ttbr = upper ? regs.Ttbr1 : regs.Ttbr0;

        ulong tableAddress = ttbr & 0x0000_FFFF_FFFF_FFFE;
        if ((tableAddress >> oaBits) != 0)
        {
            fault = new FaultRecord(FaultType.AddressSize, 0);
            return false;
        }
        int startIndexBits = inputBits - (granuleBits + (3 - level) * stride);
        tableAddress &= ~((8UL << startIndexBits) - 1);
        ulong addressMask = AddressMask48 & ~((1UL << granuleBits) - 1);

        bool noEl0 = false, readOnly = false, uxnTable = false, pxnTable = false;
        while (true)
        {
            int shift = granuleBits + (3 - level) * stride;
            int indexBits = Math.Min(stride, inputBits - shift);
            ulong index = (va >> shift) & ((1UL << indexBits) - 1);
            if (!reader.ReadDescriptor(tableAddress | index << 3, walkAttributes, out ulong desc))
            {
                fault = new FaultRecord(FaultType.SyncExternalOnWalk, level);
                return false;
            }
            bool valid = (desc & 1) != 0;
            bool tableOrPage = (desc & 2) != 0;
            bool blockAllowed = granuleBits == 12 ? level is 1 or 2 : level == 2;
            if (!valid || (level == 3 && !tableOrPage) || (level < 3 && !tableOrPage && !blockAllowed))
            {
                fault = new FaultRecord(FaultType.Translation, level);
                return false;
            }
            if (((desc & AddressMask48) >> oaBits) != 0)
            {
                fault = new FaultRecord(FaultType.AddressSize, level);
                return false;
            }
            if (level < 3 && tableOrPage)
            {
                // Table descriptor: the hierarchical controls restrict everything below.
                pxnTable |= ((desc >> 59) & 1) != 0;
                uxnTable |= ((desc >> 60) & 1) != 0;
                noEl0 |= ((desc >> 61) & 1) != 0;
                readOnly |= ((desc >> 62) & 1) != 0;
                tableAddress = desc & addressMask;
                level++;
                continue;
            }
            if ((desc & (1UL << 10)) == 0)
            {
                // AArch64.S1Walk / AArch64.SetAccessFlag: with TCR_ELx.HA the walk sets AF itself.
                if (!regs.HardwareUpdatesAccessFlag)
                {
                    fault = new FaultRecord(FaultType.AccessFlag, level);
                    return false;
                }
                desc |= 1UL << 10;
                if (!reader.WriteDescriptor(tableAddress | index << 3, walkAttributes, desc))
                {
                    fault = new FaultRecord(FaultType.SyncExternalOnWalk, level);
                    return false;
                }
            }
            int ap = (int)((desc >> 6) & 3);
            if (noEl0)
                ap &= ~1;
            if (readOnly)
                ap |= 2;
            ulong blockMask = (1UL << shift) - 1;
            mapping = new S1Mapping(
                VaBase: Canonical(va) & ~blockMask,
                OaBase: desc & AddressMask48 & ~blockMask,
                BlockShift: (byte)shift,
                Level: (byte)level,
                Attributes: Stage1Attributes.FromMair(regs.Mair, (int)((desc >> 2) & 7), (int)((desc >> 8) & 3)),
                Ap: (byte)ap,
                Uxn: uxnTable || ((desc >> 54) & 1) != 0,
                Pxn: pxnTable || ((desc >> 53) & 1) != 0,
                NotGlobal: ((desc >> 11) & 1) != 0,
                Asid: regs.Asid,
                Contiguous: ((desc >> 52) & 1) != 0);
            fault = default;
            return true;
        }
    }
}

using Emulator.Mmu.Attributes;

namespace Emulator.Mmu.Translation;

/// <summary>
/// The VMSAv8-64 stage-2 translation table walk of the EL1&amp;0 regime (AArch64.S2Walk with the
/// checks of AArch64.S2Translate that precede it): 4 KB, 16 KB and 64 KB granules, the start level
/// from VTCR_EL2.SL0 (AArch64.S2StartLevel) checked against T0SZ (AArch64.S2InvalidSL /
/// AArch64.S2InconsistentSL), up to 16 concatenated tables at the start level, 48-bit output
/// addresses (no FEAT_LPA/LPA2, no FEAT_TTST), no hardware Access flag or dirty state update
/// (VTCR_EL2.HA/HD ignored: AF = 0 always faults). Every fault is a stage-2 fault carrying the IPA.
/// Pure: it reads descriptors only through the <see cref="IDescriptorReader"/>.
/// </summary>
public static class Stage2Walk
{
    /// <summary>Bits [47:12] of a descriptor: the address field.</summary>
    private const ulong AddressMask48 = 0x0000_FFFF_FFFF_F000;

    /// <summary>Largest VTCR_EL2.T0SZ without FEAT_TTST (AArch64.MaxTxSZ).</summary>
    private const int MaxT0sz = 39;

    /// <summary>AArch64.S2MinTxSZ: the IPA size may not exceed the physical address size (48 bits at most without FEAT_LPA).</summary>
    public static int MinT0sz(int physicalAddressBits) => 64 - Math.Min(physicalAddressBits, 48);

    /// <summary>
    /// AArch64.S2StartLevel with AArch64.S2InvalidSL and AArch64.S2InconsistentSL: the level the
    /// walk starts at, or -1 when VTCR_EL2.{SL0, T0SZ, TG0} is not a legal combination (T0SZ below
    /// 64 - PARange or above 39, where AArch64.S2TxSZFaults makes faulting an IMPLEMENTATION
    /// DEFINED choice, taken here as QEMU does; SL0 = 3; SL0 = 2 (start at level 0 for 4 KB, level 1 for 16/64 KB) without a large
    /// enough PARange; or an IPA size that needs fewer levels or more than 16 concatenated tables
    /// at that start level).
    /// </summary>
    public static int StartLevel(in Stage2Registers regs)
    {
        int t0sz = regs.T0sz;
        if (t0sz < MinT0sz(regs.PhysicalAddressBits) || t0sz > MaxT0sz)
            return -1;
        int granuleBits = regs.GranuleBits;
        int sl0 = regs.Sl0;
        if (sl0 == 3)
            return -1;
        int level;
        if (granuleBits == 12)
        {
            if (sl0 == 2 && regs.PhysicalAddressBits < 44)
                return -1;
            level = 2 - sl0;
        }
        else
        {
            if (sl0 == 2 && regs.PhysicalAddressBits < (granuleBits == 14 ? 42 : 44))
                return -1;
            level = 3 - sl0;
        }
        int stride = granuleBits - 3;
        int minInput = (3 - level) * stride + granuleBits + 1;
        int maxInput = minInput + stride - 1 + 4; // up to 16 concatenated start-level tables
        int inputBits = regs.InputBits;
        return inputBits >= minInput && inputBits <= maxInput ? level : -1;
    }

    /// <summary>Whether VTCR_EL2's SL0/T0SZ/TG0 combination is legal (a walk with it does not take a level-0 Translation fault).</summary>
    public static bool IsConfigurationValid(in Stage2Registers regs) => StartLevel(regs) >= 0;

    /// <summary>
    /// Translates <paramref name="ipa"/> through the stage-2 tables. Faults, in the pseudocode's
    /// order: level-0 Translation for an illegal VTCR_EL2 configuration or an IPA at or above
    /// 2^(64 - T0SZ) (AArch64.IPAIsOutOfRange in AArch64.S2Translate); level-0 Address size for a
    /// VTTBR_EL2.BADDR above the output size; then per level a synchronous External abort on the
    /// descriptor read, Translation (invalid, reserved level-3 encoding, or a block where the
    /// granule allows none), Address size (output address above VTCR_EL2.PS), and at the leaf
    /// Access flag. Permissions are not checked here (see <see cref="S2Mapping.Permits"/>).
    /// VTTBR_EL2.BADDR bits below the start table's alignment are treated as zero.
    /// </summary>
    public static bool Walk<TReader>(in Stage2Registers regs, ulong ipa, ref TReader reader, out S2Mapping mapping, out FaultRecord fault)
        where TReader : struct, IDescriptorReader
    {
        mapping = default;
        int level = StartLevel(regs);
        int inputBits = regs.InputBits;
        if (level < 0 || (ipa >> inputBits) != 0)
        {
            fault = Fault(FaultType.Translation, 0, ipa);
            return false;
        }
        int granuleBits = regs.GranuleBits;
        int stride = granuleBits - 3;
        int oaBits = regs.OutputAddressBits;
        ulong tableAddress = regs.BaseAddress;
        if ((tableAddress >> oaBits) != 0)
        {
            fault = Fault(FaultType.AddressSize, 0, ipa);
            return false;
        }
        int startShift = granuleBits + (3 - level) * stride;
        int indexBits = inputBits - startShift; // up to stride + 4: concatenated tables
        tableAddress &= ~((8UL << indexBits) - 1);
        ulong addressMask = AddressMask48 & ~((1UL << granuleBits) - 1);
        var walkAttributes = regs.WalkAttributes;

        while (true)
        {
            int shift = granuleBits + (3 - level) * stride;
            ulong index = (ipa >> shift) & ((1UL << indexBits) - 1);
            if (!reader.ReadDescriptor(tableAddress | index << 3, walkAttributes, out ulong desc))
            {
                fault = Fault(FaultType.SyncExternalOnWalk, level, ipa);
                return false;
            }
            bool valid = (desc & 1) != 0;
            bool tableOrPage = (desc & 2) != 0;
            bool blockAllowed = granuleBits == 12 ? level is 1 or 2 : level == 2;
            if (!valid || (level == 3 && !tableOrPage) || (level < 3 && !tableOrPage && !blockAllowed))
            {
                fault = Fault(FaultType.Translation, level, ipa);
                return false;
            }
            if (((desc & AddressMask48) >> oaBits) != 0)
            {
                fault = Fault(FaultType.AddressSize, level, ipa);
                return false;
            }
            if (level < 3 && tableOrPage)
            {
                // Stage-2 table descriptors carry no attributes.
                tableAddress = desc & addressMask;
                level++;
                indexBits = stride;
                continue;
            }
            if ((desc & (1UL << 10)) == 0)
            {
                fault = Fault(FaultType.AccessFlag, level, ipa);
                return false;
            }
            ulong blockMask = (1UL << shift) - 1;
            mapping = new S2Mapping(
                IpaBase: ipa & ~blockMask,
                OaBase: desc & AddressMask48 & ~blockMask,
                BlockShift: (byte)shift,
                Level: (byte)level,
                MemAttr: (byte)((desc >> 2) & 0xF),
                Shareability: Stage1Attributes.DecodeShareability((int)((desc >> 8) & 3)),
                S2Ap: (byte)((desc >> 6) & 3),
                Xn: (byte)((desc >> 53) & 3));
            fault = default;
            return true;
        }
    }

    private static FaultRecord Fault(FaultType type, int level, ulong ipa) => new(type, level, Stage2: true, Ipa: ipa);
}

using System.Numerics;

namespace Emulator.Mmu.Caches;

/// <summary>
/// The ID registers that describe a configured hierarchy (Arm ARM D23.2: CTR_EL0, CLIDR_EL1,
/// CCSIDR_EL1 without FEAT_CCIDX, DCZID_EL0). The CPU returns these from MRS.
/// </summary>
public static class CacheIdRegisters
{
    /// <summary>
    /// CTR_EL0: bit 31 RES1; CWG [27:24] and ERG [23:20] = log2(line size in words);
    /// DminLine [19:16] and IminLine [3:0] = log2(L1 line size in words); L1Ip [15:14] = 0b11 PIPT
    /// (0b10 VIPT if configured); DIC [29] = 0; IDC [28] = 0 unless <paramref name="coherentFetch"/>
    /// (the hierarchy's L1I refills take dirty L1D data, so no clean to the PoU is needed).
    /// </summary>
    public static ulong Ctr(CacheHierarchyConfig config, bool coherentFetch = false)
    {
        ulong dmin = Log2Words(Math.Min(config.L1D.LineSize, config.HostL1DOrDefault.LineSize));
        ulong imin = Log2Words(config.L1I.LineSize);
        ulong granule = Log2Words(config.LineSize);
        ulong l1ip = config.InstructionCacheVipt ? 0b10UL : 0b11UL;
        return (1UL << 31) | (coherentFetch ? 1UL << 28 : 0) | (granule << 24) | (granule << 20) | (dmin << 16) | (l1ip << 14) | imin;
    }

    /// <summary>
    /// CLIDR_EL1: Ctype1 = 0b011 (separate I and D), Ctype2 (and Ctype3 with an L3) = 0b100
    /// (unified); LoUIS [23:21] = LoUU [29:27] = 1 (PoU is L2: clean L1 only); LoC [26:24] = number of levels.
    /// </summary>
    public static ulong Clidr(CacheHierarchyConfig config)
    {
        ulong levels = config.L3 is null ? 2UL : 3UL;
        ulong ctype = 0b011UL | (0b100UL << 3);
        if (config.L3 is not null)
            ctype |= 0b100UL << 6;
        return ctype | (1UL << 21) | (levels << 24) | (1UL << 27);
    }

    /// <summary>
    /// CCSIDR_EL1 for the cache CSSELR_EL1 selects (Level [3:1], InD [0]): LineSize [2:0] =
    /// log2(bytes) - 4, Associativity [12:3] = ways - 1, NumSets [27:13] = sets - 1, and the Armv8.0
    /// WT/WB/RA/WA flags [31:28] (0b0111 for data and unified write-back caches, 0b0010 for
    /// instruction caches), as Cortex-A53/A72 report. 0 for a cache that does not exist.
    /// </summary>
    public static ulong Ccsidr(CacheHierarchyConfig config, ulong csselr)
    {
        int level = (int)((csselr >> 1) & 7);
        bool instruction = (csselr & 1) != 0;
        CacheLevelConfig? c = (level, instruction) switch
        {
            (0, false) => config.L1D,
            (0, true) => config.L1I,
            (1, false) => config.L2,
            (2, false) => config.L3,
            _ => null,
        };
        if (c is null)
            return 0;
        ulong flags = instruction ? 0b0010UL : 0b0111UL;
        return (flags << 28) | ((ulong)(c.Sets - 1) << 13) | ((ulong)(c.Ways - 1) << 3) | (uint)(BitOperations.Log2((uint)c.LineSize) - 4);
    }

    /// <summary>DCZID_EL0: BS [3:0] = log2(ZVA block size in words); DZP [4] as the caller says (SCTLR_EL1.DZE at EL0, HCR_EL2).</summary>
    public static ulong Dczid(CacheHierarchyConfig config, bool prohibited) =>
        Log2Words(config.ZvaBlockSize) | (prohibited ? 1UL << 4 : 0);

    private static ulong Log2Words(int bytes) => (ulong)(BitOperations.Log2((uint)bytes) - 2);
}

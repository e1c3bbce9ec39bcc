namespace Emulator.Mmu.Caches;

/// <summary>Data cache maintenance by address (after translation), named as the A64 DC instructions.</summary>
public enum DataCacheOperation : byte
{
    /// <summary>Invalidate to the Point of Coherency: every copy is dropped, dirty data is lost.</summary>
    IVAC,

    /// <summary>Clean to the Point of Coherency: the newest data reaches memory, copies stay (clean).</summary>
    CVAC,

    /// <summary>Clean and invalidate to the Point of Coherency.</summary>
    CIVAC,

    /// <summary>Clean to the Point of Unification (L2 here): dirty L1D data is written into L2.</summary>
    CVAU,

    /// <summary>Clean to the Point of Persistence: treated as CVAC (no persistent memory is modelled).</summary>
    CVAP,
}

/// <summary>Data cache maintenance by set/way (DC ISW, CSW, CISW).</summary>
public enum SetWayOperation : byte
{
    ISW,
    CSW,
    CISW,
}

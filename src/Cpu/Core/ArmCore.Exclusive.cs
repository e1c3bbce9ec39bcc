namespace Emulator.Cpu.Core;

/// <summary>
/// The PE's local exclusive monitor (Arm ARM B2.9, "Synchronization and semaphores"). It tags one
/// physical Exclusives Reservation Granule: CTR_EL0.ERG = 4, i.e. 2^4 words = 64 bytes. A single
/// PE is modelled, so the global monitor always passes and is not kept.
///
/// IMPLEMENTATION DEFINED choices: the monitor is cleared by CLREX, by every store-exclusive
/// (pass or fail), by exception entry and by exception return (AArch64.ExceptionReturn clears it
/// in the pseudocode; clearing on entry is the permitted option taken here). An ordinary store by
/// this PE to the tagged granule does not clear it. A store-exclusive passes when its address lies
/// in the tagged granule, whatever the size of the load-exclusive that tagged it.
/// </summary>
public sealed partial class ArmCore
{
    /// <summary>log2 of the Exclusives Reservation Granule in bytes (CTR_EL0.ERG = 4: 16 words).</summary>
    private const int ExclusiveGranuleShift = 6;

    private bool _exclusiveValid;
    private ulong _exclusiveGranule;

    /// <summary>True while the local monitor is in the Exclusive Access state.</summary>
    public bool ExclusiveMonitorSet => _exclusiveValid;

    /// <summary>ClearExclusiveLocal: the local monitor goes to the Open Access state.</summary>
    internal void ClearExclusiveLocal() => _exclusiveValid = false;

    /// <summary>
    /// AArch64.SetExclusiveMonitors followed by the load itself: translates once (read), checks
    /// the natural alignment that exclusives always require, tags the granule and reads
    /// <paramref name="size"/> bytes (16 for a 64-bit pair: two doublewords, lower address first).
    /// False when a fault was taken.
    /// </summary>
    internal bool LoadExclusive(ulong va, int size, out ulong low, out ulong high)
    {
        low = high = 0;
        if (!TranslateAtomic(va, size, false, out ulong pa))
            return false;
        if (!ReadByPa(va, pa, size > 8 ? 8 : size, false, out low))
            return false;
        if (size > 8 && !ReadByPa(va, pa + 8, 8, false, out high))
            return false;
        _exclusiveGranule = pa >> ExclusiveGranuleShift;
        _exclusiveValid = true;
        return true;
    }

    /// <summary>
    /// AArch64.ExclusiveMonitorsPass followed by the store when it passes. Returns false when a
    /// fault was taken; otherwise <paramref name="passed"/> tells whether the store was done
    /// (status 0) or not (status 1). The alignment check comes first and faults even when the
    /// monitor is open; with the monitor open the address is not translated.
    /// </summary>
    internal bool StoreExclusive(ulong va, int size, ulong low, ulong high, out bool passed)
    {
        passed = false;
        if ((va & (ulong)(size - 1)) != 0)
        {
            DataAbort(va, true, FaultStatus.Alignment);
            return false;
        }
        if (!_exclusiveValid)
            return true;
        if (!TranslateAtomic(va, size, true, out ulong pa))
            return false;
        bool local = (pa >> ExclusiveGranuleShift) == _exclusiveGranule;
        ClearExclusiveLocal();
        if (!local)
            return true;
        if (!WriteByPa(va, pa, size > 8 ? 8 : size, low))
            return false;
        if (size > 8 && !WriteByPa(va, pa + 8, 8, high))
            return false;
        passed = true;
        return true;
    }
}

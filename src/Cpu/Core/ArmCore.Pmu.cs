using System.Numerics;
using Emulator.Cpu.System;
using Emulator.Mmu.Caches;

namespace Emulator.Cpu.Core;

/// <summary>
/// PMUv3 (Arm ARM D13 "The Performance Monitors Extension", Armv8.0): PMCR_EL0, the cycle counter,
/// six event counters with filtering by Exception level, PMSWINC, the EL0 controls of
/// PMUSERENR_EL0 and the overflow interrupt on PPI 7 (INTID 23). Counters are fed by the timing
/// and cache models' own statistics: a counter's value is the change of its statistic since it was
/// last settled (<see cref="Pmu"/>), so counting costs nothing per instruction or access. Overflow
/// of CPU_CYCLES, the cycle counter and INST_RETIRED is found at the exact instruction boundary (the
/// run loop stops there as for a timer deadline); overflow of a cache or branch event is found at
/// the next stop point of the run loop (the end of the host's slice, a timer deadline, an
/// interrupt, a PMU register access, an Exception level change).
/// </summary>
public sealed partial class ArmCore
{
    /// <summary>INTID of the PMU overflow interrupt: PPI 7, as QEMU virt wires it (VIRTUAL_PMU_IRQ).</summary>
    public const uint PmuIntid = 23;

    /// <summary>The PMU's registers and counters.</summary>
    public Pmu Pmu { get; } = new();

    /// <summary>True while some counter counts: Exception level changes must then settle the counters.</summary>
    private bool _pmuActive;

    /// <summary>Resets the PMU (at the PE's reset) and drives its interrupt low.</summary>
    private void ResetPmu()
    {
        Pmu.Reset();
        _pmuActive = _pmuSeesEveryAccess = false;
        _pmuDeadlineCycle = _pmuStopInstruction = ulong.MaxValue;
        InterruptController?.SetPrivateInterruptLevel(PmuIntid, false);
    }

    /// <summary>
    /// The reading of counter <paramref name="index"/>'s event source now: the timing model's cycles
    /// (every 64th with PMCR_EL0.D for the cycle counter) and instructions, the branch predictor's
    /// mispredictions, and the cache model's statistics of this PE's L1 caches and of the L2 (which
    /// is shared: its statistics include the other agents' traffic, the host's VMM reads among them).
    /// SW_INCR has no source (PMSWINC_EL0 writes it); an event not implemented never counts.
    /// </summary>
    private ulong PmuSource(int index)
    {
        if (index == Pmu.CycleCounter)
            return (Pmu.Control & Pmu.PmcrD) != 0 ? Cycles >> 6 : Cycles;
        CacheHierarchy? cache = _cache;
        switch (Pmu.EventType[index] & 0x3FF)
        {
            case PmuEvents.CPU_CYCLES: return Cycles;
            case PmuEvents.INST_RETIRED: return Instructions;
            case PmuEvents.BR_MIS_PRED: return Predictor.Mispredicts;
            case PmuEvents.L1D_CACHE when cache is not null: return Accesses(cache.L1D(_cacheAgent).Statistics);
            case PmuEvents.L1D_CACHE_REFILL when cache is not null: return Refills(cache.L1D(_cacheAgent).Statistics);
            case PmuEvents.L1D_CACHE_WB when cache is not null: return (ulong)cache.L1D(_cacheAgent).Statistics.Writebacks;
            case PmuEvents.L1I_CACHE when cache is not null: return Accesses(cache.L1I(_cacheAgent).Statistics) + PendingFastFetches();
            case PmuEvents.L1I_CACHE_REFILL when cache is not null: return Refills(cache.L1I(_cacheAgent).Statistics);
            case PmuEvents.L2D_CACHE when cache is not null: return Accesses(cache.L2.Statistics);
            case PmuEvents.L2D_CACHE_REFILL when cache is not null: return Refills(cache.L2.Statistics);
            case PmuEvents.L2D_CACHE_WB when cache is not null: return (ulong)cache.L2.Statistics.Writebacks;
            case PmuEvents.EXC_TAKEN: return ExceptionsTaken;
            case PmuEvents.MEM_ACCESS: return DataAccesses;
            case PmuEvents.BUS_ACCESS: return DeviceAccesses + (cache is null ? 0 : (ulong)cache.BusTransactions);
            case PmuEvents.BR_RETIRED: return BranchesRetired;
            default: return 0;
        }

        static ulong Accesses(in CacheStatistics s) => (ulong)(s.Hits + s.Misses);

        // Lines brought in for an access (a refill); the speculative-fill model's lines are not refills.
        static ulong Refills(in CacheStatistics s) => (ulong)(s.Fills - s.SpeculativeFills);
    }

    /// <summary>Fetches the fast path made in this Run that the L1I's hit count has not seen yet (see FlushFastFetches).</summary>
    private ulong PendingFastFetches() => Instructions - _runStartInstructions + _uncountedInRun - _slowFetches + _memoFetchHits;

    /// <summary>
    /// Whether counter <paramref name="index"/> counts now (AArch64.CountPMUEvents): PMCR_EL0.E,
    /// its PMCNTENSET bit, and not filtered out at the current Exception level by P (EL1) or U (EL0)
    /// of PMEVTYPER/PMCCFILTR. Without EL3, NSK and NSU do not take part; the guest never runs at EL2.
    /// </summary>
    private bool PmuCounts(int index)
    {
        if ((Pmu.Control & Pmu.PmcrE) == 0 || (Pmu.CountEnable >> index & 1) == 0)
            return false;
        uint filter = Pmu.EventType[index];
        return CurrentEl == 0 ? (filter & Pmu.FilterU) == 0 : (filter & Pmu.FilterP) == 0;
    }

    /// <summary>
    /// Brings every counter up to date: adds the change of its source since the last settle if it was
    /// counting, then decides again which counters count (for the current Exception level and
    /// controls) and marks their sources; drives the overflow interrupt.
    /// </summary>
    internal void SettlePmu()
    {
        Pmu pmu = Pmu;
        for (uint set = pmu.Counting; set != 0; set &= set - 1)
        {
            int i = BitOperations.TrailingZeroCount(set);
            pmu.Add(i, PmuSource(i) - pmu.Mark[i]);
        }
        RemarkPmu();
    }

    /// <summary>
    /// Decides which counters count from now on and marks their sources, without adding anything:
    /// after <see cref="SettlePmu"/> and a register write in the same instruction (the write may
    /// change a source's scale, as PMCR_EL0.D does).
    /// </summary>
    private void RemarkPmu()
    {
        UpdatePmuAccessCounting();
        Pmu pmu = Pmu;
        uint counting = 0;
        for (uint set = pmu.CountEnable & Pmu.CounterMask; set != 0; set &= set - 1)
        {
            int i = BitOperations.TrailingZeroCount(set);
            if (!PmuCounts(i))
                continue;
            counting |= 1u << i;
            pmu.Mark[i] = PmuSource(i);
        }
        pmu.Counting = counting;
        _pmuActive = counting != 0;
        ComputePmuDeadlines();
        DrivePmuInterrupt(force: false);
    }

    private void DrivePmuInterrupt(bool force)
    {
        bool level = Pmu.InterruptRequest;
        if (!force && level == Pmu.InterruptOutput)
            return;
        Pmu.InterruptOutput = level;
        InterruptController?.SetPrivateInterruptLevel(PmuIntid, level);
    }

    /// <summary>
    /// The cycle at which a counter counting CPU_CYCLES (or the cycle counter) with its interrupt
    /// enabled overflows, and the instruction count at which one counting INST_RETIRED does
    /// (ulong.MaxValue if none): recomputed whenever the counters are marked.
    /// </summary>
    private ulong _pmuDeadlineCycle = ulong.MaxValue, _pmuStopInstruction = ulong.MaxValue;

    /// <summary>The cycle at which a counter overflow raises the PMU interrupt (WFI sleeps no further).</summary>
    private ulong PmuDeadlineCycle => _pmuDeadlineCycle;

    /// <summary>
    /// The PMU's part of the run loop's stop point (called from UpdateTimerOutputs): settles the
    /// counters, lowers <paramref name="deadlineCycle"/> to the next overflow in cycles and returns
    /// the instruction count of the next overflow in instructions.
    /// </summary>
    private ulong UpdatePmu(bool force, ref ulong deadlineCycle)
    {
        if (force)
            DrivePmuInterrupt(force: true);
        if (!_pmuActive)
            return ulong.MaxValue;
        SettlePmu();
        deadlineCycle = Math.Min(deadlineCycle, _pmuDeadlineCycle);
        return _pmuStopInstruction;
    }

    /// <summary>
    /// Computes the overflow deadlines of the counting counters whose interrupt is enabled (and not
    /// already overflowed). When there is one, the run loop is made to stop at the next boundary so
    /// that UpdateTimerOutputs takes the new deadlines into its stop point (the counters may have
    /// started counting at an Exception level change in the middle of a slice).
    /// </summary>
    private void ComputePmuDeadlines()
    {
        Pmu pmu = Pmu;
        ulong cycleDeadline = ulong.MaxValue, stopInstruction = ulong.MaxValue;
        for (uint set = (pmu.Control & Pmu.PmcrE) != 0 ? pmu.Counting & pmu.InterruptEnable & ~pmu.Overflow : 0; set != 0; set &= set - 1)
        {
            int i = BitOperations.TrailingZeroCount(set);
            ulong left = pmu.EventsToOverflow(i);
            if (i == Pmu.CycleCounter)
            {
                ulong target = pmu.Mark[i] + left; // the source value at which it overflows
                if (target > pmu.Mark[i])
                    cycleDeadline = Math.Min(cycleDeadline, (pmu.Control & Pmu.PmcrD) != 0 ? (target >> 58 != 0 ? ulong.MaxValue : target << 6) : target);
            }
            else if ((pmu.EventType[i] & 0x3FF) == PmuEvents.CPU_CYCLES)
                cycleDeadline = Math.Min(cycleDeadline, Cycles + left < Cycles ? ulong.MaxValue : Cycles + left);
            else if ((pmu.EventType[i] & 0x3FF) == PmuEvents.INST_RETIRED)
                stopInstruction = Math.Min(stopInstruction, Instructions + left < Instructions ? ulong.MaxValue : Instructions + left);
        }
        _pmuDeadlineCycle = cycleDeadline;
        _pmuStopInstruction = stopInstruction;
        if (cycleDeadline != ulong.MaxValue || stopInstruction != ulong.MaxValue)
            _stopAt = 0;
    }
}

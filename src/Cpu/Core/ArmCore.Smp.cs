namespace Emulator.Cpu.Core;

/// <summary>
/// What a core needs to be one PE of several (<see cref="Cluster"/>): its index and MPIDR_EL1,
/// the events and TLB maintenance it broadcasts, and the state the cluster's schedule reads
/// (whether the core ended its last slice asleep in WFI/WFE). Nothing here is on the
/// per-instruction path: SEV, TLBI and the schedule's calls are rare.
/// </summary>
public sealed partial class ArmCore
{
    /// <summary>The cluster the core belongs to (set by <see cref="Cluster"/>'s constructor).</summary>
    public Cluster? Cluster { get; internal set; }

    /// <summary>The core's index in its cluster: its MPIDR_EL1.Aff0.</summary>
    public int CpuIndex { get; internal set; }

    /// <summary>
    /// MPIDR_EL1 as QEMU virt's cortex-a57 reports it: bit 31 RES1, U (bit 30) 0 (part of a
    /// multiprocessor system), MT (bit 24) 0, Aff0 the core's index (Aff1 = index / 8 for more
    /// than 8, which the board does not build).
    /// </summary>
    public ulong Mpidr => 0x8000_0000UL | (uint)(CpuIndex / 8) << 8 | (uint)(CpuIndex % 8);

    /// <summary>The PE's Event Register, as the host sees it (PSCI, tests).</summary>
    public bool EventRegisterSet => EventRegister;

    /// <summary>
    /// True when the last <see cref="Run"/> ended in WFI or WFE waiting at the host's deadline (the
    /// instruction runs again, uncounted, when the core is run next): the core sleeps until an
    /// interrupt, an event or its timer wakes it.
    /// </summary>
    public bool StoppedWaiting { get; internal set; }

    // Whether the wait StoppedWaiting describes is a WFE (else a WFI).
    private bool _waitingForEvent;

    /// <summary>
    /// True when the wait <see cref="StoppedWaiting"/> describes is over: an interrupt is
    /// signalled (masked or not), or, for a WFE, the Event Register is set. (A WFI does not look at
    /// the Event Register.)
    /// </summary>
    public bool WaitIsOver => _interruptRequest != 0 || (_waitingForEvent && EventRegister);

    /// <summary>Asleep, for the schedule: stopped in a WFI/WFE whose wait is not over.</summary>
    public bool Asleep => StoppedWaiting && !WaitIsOver;

    /// <summary>
    /// True when the last <see cref="Run"/> ended because a WFE with no event pending gave the rest
    /// of the slice to the other cores (<see cref="Cluster.TryYield"/>): the WFE runs again, or
    /// completes (<see cref="ResumeFromWait"/>), when the core runs next.
    /// </summary>
    public bool Yielded { get; internal set; }

    /// <summary>
    /// WFE with no event while another core still has part of its slice to run: the core stops
    /// here without sleeping (its clock stays), the WFE uncounted to run again, so that the core
    /// that will send the event (a lock's release) runs first.
    /// </summary>
    private void YieldWait()
    {
        UncountCurrentInstruction();
        NextPc = Pc;
        Stop(CpuExit.BudgetExhausted);
        StoppedWaiting = true;
        Yielded = true;
    }

    /// <summary>
    /// YIELD (a hint that the PE spins, as Linux's cpu_relax): when another core still has part of
    /// its slice to run (<see cref="Cluster.TryYield"/>), the slice ends after it and the core runs
    /// again after the others, in the same round; else a NOP.
    /// </summary>
    internal void YieldHint()
    {
        if (Cluster is { Count: > 1 } cluster && cluster.TryYield(this))
        {
            Stop(CpuExit.BudgetExhausted);
            Yielded = true;
        }
    }

    /// <summary>
    /// A slice of a core asleep in WFI (<see cref="Asleep"/>) that nothing inside the core can
    /// wake before <paramref name="deadline"/> (machine cycles) nor the wake deadline: it sleeps
    /// there without running (no WFI fetched again, no run loop entered) and stays asleep, as
    /// <see cref="Run"/> would leave it. False (nothing done) when it must run: an interrupt or
    /// event came, a timer or PMU overflow falls before, or a WFE waits (the event stream and
    /// yields are the run loop's).
    /// </summary>
    public bool SleepThrough(ulong deadline)
    {
        if (!StoppedWaiting || WaitIsOver || _waitingForEvent || _debugActive || _hostDebugger is not null)
            return false;
        ulong until = Math.Min(deadline, WakeDeadlineCycle);
        if (Math.Min(Timer.NextDeadlineCycle, PmuDeadlineCycle) <= until || until == ulong.MaxValue)
            return false;
        ulong now = Cycles;
        if (until > now)
            _idleCycles += until - now;
        UpdateTimerOutputs(force: false);
        return true;
    }

    /// <summary>
    /// Before the core runs again after a slice that ended in a wait: when what it waits for has
    /// come (an interrupt signalled, masked or not; for WFE also the Event Register, which the WFE
    /// then clears), the WFI/WFE completes here, counted and charged, and the core goes on after
    /// it, so that an interrupt is taken with ELR_EL1 past the WFx, as when the wait ends inside a
    /// slice. Otherwise the WFx runs again and goes on waiting.
    /// </summary>
    internal void ResumeFromWait()
    {
        Yielded = false;
        if (!StoppedWaiting)
            return;
        StoppedWaiting = false;
        bool interrupt = _interruptRequest != 0;
        if (!interrupt && !(_waitingForEvent && EventRegister))
            return;
        if (_waitingForEvent && !interrupt)
            EventRegister = false; // the WFE consumes the event
        Pc += 4;
        RecountCurrentInstruction();
        _sequentialPc = ulong.MaxValue;
    }

    /// <summary>
    /// SEV: SendEvent() signals an event to every PE of the cluster, this one included (with no
    /// cluster, to this PE alone).
    /// </summary>
    internal void SendEvent()
    {
        if (Cluster is { } cluster)
            cluster.SendEvent();
        else
            EventRegister = true;
    }

    /// <summary>Sets the Event Register: another PE's SEV, or the global monitor cleared (the cluster's doing).</summary>
    internal void SignalEvent() => EventRegister = true;

    /// <summary>
    /// Advances the core's clock, asleep, to <paramref name="cycle"/> (a core coming out of reset by
    /// PSCI CPU_ON starts at the caller's time; the counter is system-wide). Nothing happens when
    /// the core is already there.
    /// </summary>
    public void AdvanceIdleTo(ulong cycle)
    {
        ulong now = Cycles;
        if (cycle > now)
            _idleCycles += cycle - now;
        UpdateTimerOutputs(force: false);
    }

    /// <summary>
    /// The exclusive monitors of this PE are cleared from outside (another PE took the granule's
    /// line, or the PE's slice ended): ClearExclusiveLocal, and the event a global monitor's clear
    /// sends to a PE waiting in WFE (Arm ARM D1.6.1, "the global monitor ... generates an event").
    /// </summary>
    internal void ClearExclusiveByOtherObserver()
    {
        if (!_exclusiveValid)
            return;
        _exclusiveValid = false;
        EventRegister = true;
    }

    /// <summary>The granule (PA >> 6) the local monitor tags, or ulong.MaxValue when it is open.</summary>
    internal ulong ExclusiveGranule => _exclusiveValid ? _exclusiveGranule : ulong.MaxValue;

    /// <summary>TLB invalidations this PE has applied (its own TLBI and the Inner Shareable ones of other PEs), for tests and statistics.</summary>
    public ulong TlbInvalidations { get; private set; }

    /// <summary>TLBI by the arguments <see cref="TlbMaintenance"/> decoded: op2 selects VMALLE1, VAE1/VALE1, ASIDE1, VAAE1/VAALE1.</summary>
    internal void ApplyTlbMaintenance(int op2, ulong va, ushort asid)
    {
        TlbInvalidations++;
        switch (op2)
        {
            case 0: // VMALLE1(IS)
                _tlb.InvalidateAll();
                break;
            case 1: // VAE1(IS)
            case 5: // VALE1(IS)
                _tlb.InvalidateByVa(va, asid, allAsids: false);
                break;
            case 2: // ASIDE1(IS)
                _tlb.InvalidateByAsid(asid);
                break;
            default: // 3 VAAE1(IS), 7 VAALE1(IS)
                _tlb.InvalidateByVa(va, asid, allAsids: true);
                break;
        }
        FlushSoftTlbs();
    }
}

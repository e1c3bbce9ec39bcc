namespace Emulator.Cpu.Core;

/// <summary>A PE's power state as PSCI sees it (DEN 0022 5.1.5, AFFINITY_INFO's answers).</summary>
public enum CorePowerState
{
    On = 0,
    Off = 1,
}

/// <summary>
/// The machine's processing elements: the list of cores, the machine clock and the deterministic
/// schedule, and what the architecture broadcasts between PEs: SEV, TLB maintenance of the Inner
/// Shareable domain (TLBI *IS, the hypervisor's stage-2 invalidations), and the global exclusive
/// monitor. (Cache maintenance by address and IC IALLUIS already reach every agent's caches in
/// the cache model.)
/// <para>
/// The schedule: cores run in a fixed order (index 0 first), one slice each per round. A round
/// lasts <see cref="Quantum"/> cycles of the machine clock; a core's slice ends after
/// <see cref="Quantum"/> instructions or at the round's end, whichever comes first (a core sleeping
/// in WFI/WFE sleeps to the round's end). A WFE with no event, or a YIELD, gives the rest of the
/// slice to cores that still have theirs (<see cref="TryYield"/>) and runs again after them in the
/// same round, so a contended lock changes hands in a slice. When every core that is on sleeps, the
/// next round jumps to the earliest timer deadline or wake deadline. Nothing depends on host
/// timing: the same image and options give the same interleaving, cycles and frames.
/// </para>
/// <para>
/// The global monitor: a core's exclusive monitor is cleared when its slice ends (as if its
/// reserved line were taken, an IMPLEMENTATION DEFINED event the architecture allows), which
/// sends it an event (a WFE waiting on the monitor wakes). Other PEs run only between slices, so
/// no store by another PE can fall between a load-exclusive and a store-exclusive that succeeds:
/// a store by another observer to the granule always clears the monitor first, as B2.9 requires.
/// </para>
/// </summary>
public sealed class Cluster
{
    /// <summary>Most cores a cluster has (GICv2's CPU target lists are 8 bits).</summary>
    public const int MaxCores = 8;

    /// <summary>
    /// Default quantum: 10,000 instructions (and cycles) per slice. Long enough that a slice's
    /// fixed cost (entering and leaving the run loop, the timer update) is noise next to the
    /// instructions, short enough (10 µs of simulated time at 1 GHz) that an IPI or a lock release
    /// reaches another core quickly.
    /// </summary>
    public const ulong DefaultQuantum = 10_000;

    private readonly ArmCore[] _cores;
    private readonly CorePowerState[] _power;
    private ulong _clock;

    public Cluster(IReadOnlyList<ArmCore> cores, ulong quantum = DefaultQuantum)
    {
        if (cores.Count is < 1 or > MaxCores)
            throw new ArgumentOutOfRangeException(nameof(cores), cores.Count, $"a cluster has 1 to {MaxCores} cores");
        ArgumentOutOfRangeException.ThrowIfZero(quantum);
        _cores = new ArmCore[cores.Count];
        _power = new CorePowerState[cores.Count];
        for (int i = 0; i < cores.Count; i++)
        {
            ArmCore core = cores[i];
            core.Cluster = this;
            core.CpuIndex = i;
            _cores[i] = core;
            _power[i] = i == 0 ? CorePowerState.On : CorePowerState.Off; // secondaries wait for PSCI CPU_ON
        }
        Quantum = quantum;
    }

    public IReadOnlyList<ArmCore> Cores => _cores;

    public int Count => _cores.Length;

    /// <summary>Instructions (and cycles) per slice.</summary>
    public ulong Quantum { get; }

    /// <summary>
    /// The machine clock, in core cycles: with one core its cycles; with several the furthest any
    /// core has got (cores differ by less than a slice's overshoot).
    /// </summary>
    public ulong Cycles
    {
        get
        {
            if (_cores.Length == 1)
                return _cores[0].Cycles;
            ulong max = _clock;
            foreach (ArmCore core in _cores)
                max = Math.Max(max, core.Cycles);
            return max;
        }
    }

    /// <summary>Instructions executed by every core.</summary>
    public ulong Instructions
    {
        get
        {
            ulong sum = 0;
            foreach (ArmCore core in _cores)
                sum += core.Instructions;
            return sum;
        }
    }

    public CorePowerState PowerState(int index) => _power[index];

    public bool IsOn(ArmCore core) => _power[core.CpuIndex] == CorePowerState.On;

    /// <summary>True when at least one core is on.</summary>
    public bool AnyOn => Array.IndexOf(_power, CorePowerState.On) >= 0;

    /// <summary>The core whose MPIDR affinity fields (Aff3.Aff2.Aff1.Aff0, bits [39:32] and [23:0]) are <paramref name="affinity"/>, or null.</summary>
    public ArmCore? FindByAffinity(ulong affinity)
    {
        foreach (ArmCore core in _cores)
        {
            if ((core.Mpidr & 0xFF_00FF_FFFFUL) == affinity)
                return core;
        }
        return null;
    }

    /// <summary>The host's part of PSCI CPU_ON, after its checks: the vCPU is reset, given its registers and started.</summary>
    public event Action<ArmCore>? CoreReset;

    /// <summary>
    /// Powers <paramref name="target"/> on (PSCI CPU_ON): reset at EL1h with the MMU and caches
    /// off and DAIF masked, PC = <paramref name="entry"/>, X0 = <paramref name="contextId"/>, its
    /// clock at <paramref name="now"/>. The host's vCPU setup (<see cref="CoreReset"/>) follows.
    /// </summary>
    public void PowerOn(ArmCore target, ulong entry, ulong contextId, ulong now)
    {
        target.Reset(entry);
        target.X[0] = contextId;
        target.AdvanceIdleTo(now);
        target.StoppedWaiting = false;
        CoreReset?.Invoke(target);
        _power[target.CpuIndex] = CorePowerState.On;
    }

    /// <summary>PSCI CPU_OFF: the core stops; only CPU_ON starts it again.</summary>
    public void PowerOff(ArmCore core)
    {
        core.ClearExclusiveByOtherObserver();
        _power[core.CpuIndex] = CorePowerState.Off;
    }

    // ---- Broadcasts ----

    /// <summary>SendEvent(): every PE's Event Register is set.</summary>
    internal void SendEvent()
    {
        foreach (ArmCore core in _cores)
            core.SignalEvent();
    }

    /// <summary>A TLBI *IS: the same invalidation on every PE of the Inner Shareable domain.</summary>
    internal void BroadcastTlbMaintenance(int op2, ulong va, ushort asid)
    {
        foreach (ArmCore core in _cores)
            core.ApplyTlbMaintenance(op2, va, asid);
    }

    /// <summary>The hypervisor changed the stage-2 entry of <paramref name="ipa"/>: TLBI IPAS2E1IS + VMALLE1IS on every PE.</summary>
    public void InvalidateStage2(ulong ipa)
    {
        foreach (ArmCore core in _cores)
            core.InvalidateStage2(ipa);
    }

    /// <summary>TLBI VMALLS12E1IS on every PE.</summary>
    public void InvalidateStage2All()
    {
        foreach (ArmCore core in _cores)
            core.InvalidateStage2All();
    }

    // ---- The schedule (with several cores; one core's slices are the run loop's plain runs) ----

    /// <summary>
    /// The end, in machine cycles, of the next round: a quantum after the clock, or, when every
    /// core that is on sleeps (or none is on), the earliest moment something can wake one: a timer
    /// deadline among them or <paramref name="wakeDeadline"/> (a device's alarm, which the cores
    /// also stop at: <see cref="ArmCore.WakeDeadlineCycle"/>), bounded by
    /// <paramref name="hostDeadline"/>. <see cref="ulong.MaxValue"/> when every core sleeps and
    /// nothing inside the machine can ever wake one.
    /// </summary>
    public ulong NextRoundEnd(ulong hostDeadline, ulong wakeDeadline)
    {
        _clock = Cycles;
        bool allAsleep = true;
        ulong earliest = wakeDeadline;
        for (int i = 0; i < _cores.Length; i++)
        {
            if (_power[i] != CorePowerState.On)
                continue;
            ArmCore core = _cores[i];
            if (!core.Asleep)
            {
                allAsleep = false;
                break;
            }
            earliest = Math.Min(earliest, core.Timer.NextDeadlineCycle);
        }
        if (!allAsleep)
            return _clock + Quantum;
        if (earliest == ulong.MaxValue)
            return ulong.MaxValue;
        return Math.Max(Math.Min(earliest, hostDeadline), _clock + 1);
    }

    /// <summary>
    /// Most times a core's WFE gives its slice to the other cores in one round (<see cref="TryYield"/>):
    /// enough for a contended lock to change hands several times a round, few enough that cores
    /// that all wait (for a timer, say) soon sleep to the round's end.
    /// </summary>
    public const int MaxYieldsPerRound = 16;

    private readonly bool[] _toRun = new bool[MaxCores];
    private readonly int[] _yields = new int[MaxCores];
    private readonly ulong[] _roundStartInstructions = new ulong[MaxCores];

    /// <summary>A round begins: every core has its slice to run (a core that is off is passed over).</summary>
    public void BeginRound()
    {
        for (int i = 0; i < _cores.Length; i++)
        {
            _toRun[i] = true;
            _yields[i] = 0;
            _roundStartInstructions[i] = _cores[i].Instructions;
        }
    }

    /// <summary>Whether <paramref name="core"/> still has part of its slice to run in this round.</summary>
    public bool HasSliceToRun(ArmCore core) => _toRun[core.CpuIndex];

    /// <summary>
    /// <paramref name="core"/>'s slice is over for this round (it ran to its quantum or the round's
    /// end, slept, or stopped); false when it yielded (<see cref="ArmCore.Yielded"/>) and runs
    /// again in this round after the others.
    /// </summary>
    public void EndTurn(ArmCore core) => _toRun[core.CpuIndex] = core.Yielded;

    /// <summary>Instructions <paramref name="core"/> has run in this round (its slices' quantum counts them all).</summary>
    public ulong InstructionsThisRound(ArmCore core) => core.Instructions - _roundStartInstructions[core.CpuIndex];

    /// <summary>
    /// A WFE with no event pending, or a YIELD, on <paramref name="core"/>: true when it gives the rest of its
    /// slice to the others (another core that is on still has part of its slice to run this round,
    /// and this core has yielded fewer than <see cref="MaxYieldsPerRound"/> times this round); the
    /// core runs again after them, in the same round. Depends only on the schedule's state, so on
    /// guest state and instruction counts: a contended lock changes hands in a slice, not a round.
    /// </summary>
    internal bool TryYield(ArmCore core)
    {
        int self = core.CpuIndex;
        if (_yields[self] >= MaxYieldsPerRound)
            return false;
        for (int i = 0; i < _cores.Length; i++)
        {
            if (i != self && _toRun[i] && _power[i] == CorePowerState.On && !_cores[i].Asleep)
            {
                _yields[self]++;
                return true;
            }
        }
        return false;
    }

    /// <summary>Before a core's slice: a wait it stopped in completes if what it waits for has come (<see cref="ArmCore.ResumeFromWait"/>).</summary>
    public void BeginSlice(ArmCore core) => core.ResumeFromWait();

    /// <summary>After a core's slice: the other cores run next, so its exclusive monitor is cleared (see the class summary).</summary>
    public void EndSlice(ArmCore core)
    {
        if (_cores.Length > 1)
            core.ClearExclusiveByOtherObserver();
    }
}

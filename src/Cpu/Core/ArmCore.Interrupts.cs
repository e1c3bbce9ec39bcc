using System.Runtime.CompilerServices;
using Emulator.Cpu.System;

namespace Emulator.Cpu.Core;

/// <summary>
/// Interrupt delivery (the IRQ and FIQ inputs the GIC drives), WFI/WFE sleep, and the CPU-side
/// Generic Timer. The run loop tests one field per instruction (<see cref="_interruptRequest"/>):
/// only while a line is asserted does it look at PSTATE.I/F, so an interrupt that becomes pending
/// or unmasked (MSR DAIF, MSR DAIFClr, ERET) is taken at the very next instruction boundary.
/// Timer deadlines end the slice at the exact cycle they fall on (<see cref="_stopAt"/>).
/// </summary>
public sealed partial class ArmCore
{
    private const int IrqBit = 1, FiqBit = 2, SErrorBit = 4;

    /// <summary>The IRQ (bit 0) and FIQ (bit 1) input levels from the interrupt controller, and a pending SError (bit 2).</summary>
    private int _interruptRequest;

    /// <summary>Simulated cycles spent asleep in WFI/WFE (time skipped to a timer deadline).</summary>
    private ulong _idleCycles;

    /// <summary>The instruction count at which Run must stop: the budget or the next timer deadline.</summary>
    private ulong _stopAt;

    /// <summary>The instruction count at which the current Run's budget ends.</summary>
    private ulong _runEnd;

    private bool _physicalTimerOutput, _virtualTimerOutput;

    /// <summary>The EL2 registers the hypervisor model owns (not guest-accessible).</summary>
    public HypervisorRegisters El2 { get; } = new();

    /// <summary>The generic timer (CNTP_*, CNTV_*), counting simulated cycles.</summary>
    public GenericTimer Timer { get; private set; } = null!;

    /// <summary>The GIC: receives the timer PPIs and, for GICv3, the ICC_* System registers.</summary>
    public IInterruptController? InterruptController { get; set; }

    /// <summary>INTID of the EL1 physical timer PPI (PPI 14) and the virtual timer PPI (PPI 11), as QEMU virt wires them.</summary>
    public const uint PhysicalTimerIntid = 30, VirtualTimerIntid = 27;

    /// <summary>Simulated cycles spent asleep (included in <see cref="Cycles"/>).</summary>
    public ulong IdleCycles => _idleCycles;

    /// <summary>Physical count: the simulated cycles scaled to the counter frequency.</summary>
    public ulong PhysicalCount => Timer.PhysicalCount(Cycles);

    /// <summary>True while the interrupt controller asserts IRQ.</summary>
    public bool IrqAsserted => (_interruptRequest & IrqBit) != 0;

    /// <summary>True while the interrupt controller asserts FIQ.</summary>
    public bool FiqAsserted => (_interruptRequest & FiqBit) != 0;

    /// <summary>Sets the IRQ and FIQ input levels. Called by the interrupt controller whenever its outputs change.</summary>
    public void SetInterruptRequest(bool irq, bool fiq)
    {
        _interruptRequest = (_interruptRequest & SErrorBit) | (irq ? IrqBit : 0) | (fiq ? FiqBit : 0);
        CheckInterruptsAtNextBoundary();
    }

    /// <summary>True while an SError interrupt is pending (ISR_EL1.A).</summary>
    public bool SErrorPending => (_interruptRequest & SErrorBit) != 0;

    /// <summary>
    /// Makes an asynchronous SError interrupt pending (or withdraws it). Nothing on this board raises
    /// one by itself; the host does, as a hypervisor injects a virtual SError. It stays pending until
    /// taken, which happens once PSTATE.A allows it, and it wakes WFI.
    /// </summary>
    public void SetSErrorRequest(bool pending)
    {
        _interruptRequest = pending ? _interruptRequest | SErrorBit : _interruptRequest & ~SErrorBit;
        CheckInterruptsAtNextBoundary();
    }

    /// <summary>
    /// Makes the run loop stop at the next instruction boundary when a pending interrupt is not
    /// masked by PSTATE (it looks at interrupts only at its stop points; they are rare, so the
    /// common path checks one counter). Called whenever the requests or PSTATE.DAIF change.
    /// </summary>
    private void CheckInterruptsAtNextBoundary()
    {
        if (InterruptTakeable)
            _stopAt = 0;
    }

    /// <summary>A pending SError, FIQ or IRQ that PSTATE.{A,F,I} does not mask.</summary>
    private bool InterruptTakeable =>
        ((_interruptRequest & SErrorBit) != 0 && (_daif & (1u << Spsr.A)) == 0)
        || ((_interruptRequest & FiqBit) != 0 && (_daif & (1u << Spsr.F)) == 0)
        || ((_interruptRequest & IrqBit) != 0 && (_daif & (1u << Spsr.I)) == 0);

    /// <summary>ISR_EL1: the A, I and F bits say an SError, IRQ or FIQ is pending.</summary>
    internal ulong InterruptStatus =>
        (SErrorPending ? 1UL << 8 : 0) | (IrqAsserted ? 1UL << 7 : 0) | (FiqAsserted ? 1UL << 6 : 0);

    private void InitializeInterrupts()
    {
        Timer = new GenericTimer(Configuration.CounterFrequencyHz, Configuration.CoreClockHz, El2);
        El2.Reset();
    }

    private void ResetInterrupts()
    {
        El2.Reset();
        Timer.Reset();
        ResetPmu();
        _idleCycles = 0;
        UpdateTimerOutputs(force: true);
    }

    /// <summary>
    /// Takes a pending, unmasked SError, FIQ or IRQ at this instruction boundary (in that order;
    /// AArch64.TakePhysicalSErrorException / FIQException / IRQException): ELR_EL1 is the
    /// instruction that would have executed next. True when one was taken.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TakePendingInterrupt()
    {
        ExceptionType type;
        if ((_interruptRequest & SErrorBit) != 0 && (Daif & (1u << Spsr.A)) == 0)
        {
            // AArch64.TakePhysicalSErrorException: EC 0x2F, IL 1; ISS is zero without FEAT_RAS (IDS = 0).
            _interruptRequest &= ~SErrorBit;
            Sys.ESR_EL1 = ExceptionClass.SError << 26 | 1u << 25;
            TakeException(ExceptionType.SError, Pc);
            Pc = NextPc;
            return true;
        }
        if ((_interruptRequest & FiqBit) != 0 && (Daif & (1u << Spsr.F)) == 0)
            type = ExceptionType.Fiq;
        else if ((_interruptRequest & IrqBit) != 0 && (Daif & (1u << Spsr.I)) == 0)
            type = ExceptionType.Irq;
        else
            return false;
        TakeException(type, Pc);
        Pc = NextPc;
        return true;
    }

    /// <summary>
    /// WFI, or WFE without a pending event: the PE sleeps until an interrupt is signalled to it,
    /// whatever PSTATE.I and F say (a masked interrupt wakes it too). Simulated time jumps straight
    /// to the next timer deadline. When no armed timer is left and nothing is pending, nothing can
    /// ever wake the core, and the run ends with <see cref="CpuExit.Halted"/>.
    /// </summary>
    internal void WaitForInterrupt()
    {
        _waitingForEvent = false;
        if (!CheckForWfxTrap(wfe: false))
            Sleep();
    }

    /// <summary>
    /// Sleeps as WFI does, on the host's behalf (PSCI CPU_SUSPEND treated as standby): simulated time
    /// jumps to the next timer deadline until an interrupt is signalled. False when nothing can ever
    /// wake the core.
    /// </summary>
    public bool SleepUntilInterrupt()
    {
        _runEnd = Instructions;
        while (_interruptRequest == 0)
        {
            ulong deadline = Timer.NextDeadlineCycle;
            if (deadline == ulong.MaxValue)
                return false;
            _idleCycles += deadline - Cycles;
            UpdateTimerOutputs(force: false);
        }
        return true;
    }

    /// <summary>
    /// AArch64.CheckForWFxTrap at EL0: with SCTLR_EL1.nTWI (WFI) or nTWE (WFE) clear the instruction
    /// traps to EL1 with EC 0x01 (ISS: CV = 1, COND = 0xE, TI = 1 for WFE). True when it trapped.
    /// </summary>
    private bool CheckForWfxTrap(bool wfe)
    {
        if (CurrentEl != 0 || (Sys.SCTLR_EL1 & (wfe ? 1UL << 18 : 1UL << 16)) != 0)
            return false;
        TakeSynchronousException(ExceptionClass.WfiWfe << 26 | 1u << 25 | 1u << 24 | 0xEu << 20 | (wfe ? 1u : 0u), Pc, 0, false);
        return true;
    }

    private void Sleep()
    {
        while (_interruptRequest == 0)
        {
            ulong deadline = Math.Min(Timer.NextDeadlineCycle, PmuDeadlineCycle); // a PMU overflow also wakes it
            // With other PEs, another one may wake this one: it sleeps to the host's deadline (the
            // cluster's slice end) and the cluster decides whether anything can still wake it.
            if (deadline == ulong.MaxValue && WakeDeadlineCycle == ulong.MaxValue
                && (HostDeadlineCycle == ulong.MaxValue || Cluster is not { Count: > 1 }))
            {
                Stop(CpuExit.Halted);
                return;
            }
            ulong now = Cycles;
            ulong hostDeadline = Math.Min(HostDeadlineCycle, WakeDeadlineCycle);
            if (hostDeadline < deadline)
            {
                // The host has work due first (a display refresh, the slice's end): sleep until then
                // and return to it, leaving the WFI to run again (uncounted), or to complete before
                // the core runs on if what it waits for has come meanwhile (ResumeFromWait).
                ulong target = Math.Max(hostDeadline, now);
                UncountCurrentInstruction(); // the WFI runs again: its cycles become sleep, so time still reaches the deadline
                _idleCycles += target - Cycles;
                NextPc = Pc;
                Stop(CpuExit.BudgetExhausted);
                StoppedWaiting = true;
                UpdateTimerOutputs(force: false);
                return;
            }
            if (deadline > now)
                _idleCycles += deadline - now;
            UpdateTimerOutputs(force: false);
        }
    }

    /// <summary>
    /// A point in simulated time (core cycles) at which <see cref="Run"/> returns to the host, as
    /// timer deadlines stop it exactly: the host's own deadlines (the display's refresh and scanout
    /// steps). A WFI sleeping across it is cut short there and re-executed on the next Run.
    /// </summary>
    public ulong HostDeadlineCycle { get; set; } = ulong.MaxValue;

    /// <summary>
    /// A host deadline at which a device outside the core raises an interrupt (the RTC alarm), the
    /// same for every core of the machine: as <see cref="HostDeadlineCycle"/>, and it also keeps a
    /// WFI with no timer armed asleep until then instead of ending the run with
    /// <see cref="CpuExit.Halted"/> (with several cores the schedule also counts it as a wake-up:
    /// <see cref="Cluster.NextRoundEnd"/>).
    /// </summary>
    public ulong WakeDeadlineCycle { get; set; } = ulong.MaxValue;

    /// <summary>
    /// WFE without a pending event: as WFI, but the Generic Timer's event stream (CNTKCTL_EL1.EVNTEN,
    /// a transition of bit EVNTI of the virtual count in the direction EVNTDIR) also ends the wait,
    /// as Linux's udelay relies on.
    /// </summary>
    internal void WaitForEvent()
    {
        if (CheckForWfxTrap(wfe: true))
            return;
        _waitingForEvent = true;
        if (_interruptRequest == 0 && Cluster is { Count: > 1 } cluster && cluster.TryYield(this))
        {
            YieldWait(); // another core may be about to send the event: it runs first (ArmCore.Smp.cs)
            return;
        }
        ulong kctl = Sys.CNTKCTL_EL1;
        if ((kctl & (1UL << 2)) == 0)
        {
            Sleep();
            return;
        }
        int bit = (int)((kctl >> 4) & 15);
        ulong period = 2UL << bit;
        ulong phase = (kctl & (1UL << 3)) != 0 ? 0 : 1UL << bit; // EVNTDIR 1: 1-to-0, 0: 0-to-1
        ulong offset = El2.CNTVOFF_EL2;
        ulong count = Timer.VirtualCount(Cycles);
        ulong next = count - count % period + phase;
        if (next <= count)
            next += period;
        ulong eventCycle = Timer.CycleOfPhysicalCount(next + offset);
        if (eventCycle == ulong.MaxValue || (Math.Min(HostDeadlineCycle, WakeDeadlineCycle) < eventCycle && Cluster is { Count: > 1 }))
        {
            // (With other PEs, a stream event beyond the slice's end is waited for slice by slice.)
            Sleep();
            return;
        }
        while (_interruptRequest == 0)
        {
            ulong deadline = Timer.NextDeadlineCycle;
            if (eventCycle <= deadline)
            {
                _idleCycles += eventCycle - Cycles; // the event wakes the PE and is consumed by this WFE
                UpdateTimerOutputs(force: false);
                return;
            }
            _idleCycles += deadline - Cycles;
            UpdateTimerOutputs(force: false);
        }
    }

    /// <summary>
    /// Evaluates both timers now, drives their PPIs on a change and moves the stop point of the
    /// current run to the next deadline.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal void UpdateTimerOutputs(bool force)
    {
        Timer.Update(Cycles);
        bool p = Timer.Physical.Output, v = Timer.Virtual.Output;
        IInterruptController? gic = InterruptController;
        if (gic is not null)
        {
            if (force || p != _physicalTimerOutput)
                gic.SetPrivateInterruptLevel(PhysicalTimerIntid, p);
            if (force || v != _virtualTimerOutput)
                gic.SetPrivateInterruptLevel(VirtualTimerIntid, v);
        }
        _physicalTimerOutput = p;
        _virtualTimerOutput = v;
        ulong deadline = Timer.NextDeadlineCycle;
        ulong pmuStop = UpdatePmu(force, ref deadline); // counter overflows (ArmCore.Pmu.cs)
        ulong hostDeadline = Math.Min(HostDeadlineCycle, WakeDeadlineCycle);
        if (hostDeadline <= Cycles)
            _runEnd = Instructions; // the host's deadline has come: end the run here
        else if (hostDeadline < deadline)
            deadline = hostDeadline;
        ulong stop = Math.Min(_runEnd, pmuStop);
        if (deadline != ulong.MaxValue)
        {
            // Instructions cost different numbers of cycles, so a deadline in cycles becomes a stop
            // point in instructions: far from it, run as many instructions as the remaining cycles
            // (less a margin) allow at the recent cycles per instruction, then look again; within
            // the margin, one instruction at a time. The stop is therefore the first instruction
            // boundary at or after the deadline, whatever the code's CPI (MMU-off code that fetches
            // from memory runs at ~180), unless the CPI rises above the recent estimate by more
            // than the margin covers, or a single instruction costs more than the margin.
            ulong now = Cycles;
            ulong atInstruction;
            if (deadline <= now)
                atInstruction = Instructions;
            else if (deadline - now <= ExactStopMarginCycles)
                atInstruction = Instructions + 1;
            else
                atInstruction = Instructions + Math.Max(1, (deadline - now - ExactStopMarginCycles) / EstimateCyclesPerInstruction());
            if (atInstruction < stop)
                stop = atInstruction;
        }
        _stopAt = _stop || InterruptTakeable || _debugActive ? 0 : stop; // a stop requested, or an interrupt that became takeable, during this update still counts
    }

    // Within this many cycles of a deadline the core stops after every instruction (see UpdateTimerOutputs).
    private const ulong ExactStopMarginCycles = 64;

    // Recent busy cycles (instructions plus memory cycles, WFI sleep excluded) per instruction.
    private ulong _cpiMarkInstructions;
    private ulong _cpiMarkBusyCycles;
    private ulong _cyclesPerInstruction = 1;

    private ulong EstimateCyclesPerInstruction()
    {
        ulong busy = _busyCycles + _memoryCycles;
        ulong executed = Instructions - _cpiMarkInstructions;
        if (executed >= 16)
        {
            _cyclesPerInstruction = Math.Max(1, (busy - _cpiMarkBusyCycles + executed - 1) / executed);
            _cpiMarkInstructions = Instructions;
            _cpiMarkBusyCycles = busy;
        }
        return _cyclesPerInstruction;
    }

    // ---- System registers of the timer and the GIC CPU interface ----

    /// <summary>
    /// MRS of the timer registers (with the CNTKCTL_EL1 EL0 controls) and, at EL1, the ICC_*
    /// registers. Anything else is UNDEFINED.
    /// </summary>
    private bool ReadOtherSystemRegister(ushort key, uint insn, out ulong value)
    {
        value = 0;
        GenericTimer.Timer? timer = TimerOf(key, out bool isVirtual);
        if (timer is not null)
        {
            if (!TimerAccessAllowed(isVirtual, insn))
                return false;
            UpdateTimerOutputs(force: false);
            ulong count = isVirtual ? Timer.VirtualCount(Cycles) : Timer.PhysicalCount(Cycles);
            switch ((key & 7))
            {
                case 0: value = timer.ReadTval(count); break;
                case 1: value = timer.Ctl; break;
                default: value = timer.Cval; break;
            }
            return true;
        }
        if (CurrentEl == 1 && IccSysReg.IsIcc(key) && InterruptController is { HasSystemRegisterInterface: true } gic
            && gic.TryReadSystemRegister(key, out value))
            return true;
        Undefined();
        return false;
    }

    private void WriteOtherSystemRegister(ushort key, uint insn, ulong value)
    {
        GenericTimer.Timer? timer = TimerOf(key, out bool isVirtual);
        if (timer is not null)
        {
            if (!TimerAccessAllowed(isVirtual, insn))
                return;
            ulong count = isVirtual ? Timer.VirtualCount(Cycles) : Timer.PhysicalCount(Cycles);
            switch (key & 7)
            {
                case 0: timer.WriteTval(count, value); break;
                case 1: timer.WriteCtl(value); break;
                default: timer.Cval = value; break;
            }
            UpdateTimerOutputs(force: false);
            return;
        }
        if (CurrentEl == 1 && IccSysReg.IsIcc(key) && InterruptController is { HasSystemRegisterInterface: true } gic
            && gic.TryWriteSystemRegister(key, value))
            return;
        Undefined();
    }

    private GenericTimer.Timer? TimerOf(ushort key, out bool isVirtual)
    {
        isVirtual = false;
        if ((key & 0xFFF8) == (TimerSysReg.CNTP_TVAL_EL0 & 0xFFF8) && (key & 7) <= 2)
            return Timer.Physical;
        if ((key & 0xFFF8) == (TimerSysReg.CNTV_TVAL_EL0 & 0xFFF8) && (key & 7) <= 2)
        {
            isVirtual = true;
            return Timer.Virtual;
        }
        return null;
    }

    /// <summary>
    /// EL0 access to CNTP_* needs CNTKCTL_EL1.EL0PTEN (bit 9), to CNTV_* EL0VTEN (bit 8); otherwise
    /// the access traps to EL1 with EC 0x18 (AArch64.SystemAccessTrap, as the registers'
    /// accessibility pseudocode says when EL2 is not enabled).
    /// </summary>
    private bool TimerAccessAllowed(bool isVirtual, uint insn)
    {
        if (CurrentEl != 0 || (Sys.CNTKCTL_EL1 & (isVirtual ? 1UL << 8 : 1UL << 9)) != 0)
            return true;
        TrapSystemRegisterToEl1(insn);
        return false;
    }
}

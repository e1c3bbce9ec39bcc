namespace Emulator.Cpu.System;

/// <summary>
/// The EL1 physical and virtual timers of the Generic Timer (Arm ARM D11.2), counting simulated
/// cycles scaled to the counter frequency. Each timer has CTL (ENABLE, IMASK, ISTATUS), CVAL and the
/// TVAL view of CVAL; its output (ENABLE and ISTATUS and not IMASK) is a level-sensitive PPI.
/// The timer knows the cycle at which its output next changes, so the core can stop exactly there
/// and sleep straight to it in WFI (<see cref="NextDeadlineCycle"/>).
/// </summary>
public sealed class GenericTimer
{
    /// <summary>CNTx_CTL_EL0 bits.</summary>
    public const ulong CtlEnable = 1, CtlImask = 2, CtlIstatus = 4;

    private readonly ulong _frequency;
    private readonly ulong _clock;
    private readonly HypervisorRegisters _el2;

    public GenericTimer(ulong counterFrequencyHz, ulong coreClockHz, HypervisorRegisters el2)
    {
        if (counterFrequencyHz == 0 || coreClockHz == 0)
            throw new ArgumentOutOfRangeException(nameof(counterFrequencyHz), "the counter and core clock frequencies must not be 0");
        _frequency = counterFrequencyHz;
        _clock = coreClockHz;
        _el2 = el2;
    }

    /// <summary>The two timers: <see cref="Physical"/> (CNTP_*, PPI 14) and <see cref="Virtual"/> (CNTV_*, PPI 11).</summary>
    public Timer Physical { get; } = new();

    public Timer Virtual { get; } = new();

    /// <summary>The earliest cycle at which an enabled, unmasked timer's output goes high; ulong.MaxValue if none.</summary>
    public ulong NextDeadlineCycle { get; private set; } = ulong.MaxValue;

    public void Reset()
    {
        Physical.Reset();
        Virtual.Reset();
        NextDeadlineCycle = ulong.MaxValue;
    }

    /// <summary>CNTPCT_EL0 at <paramref name="cycles"/>: the cycles scaled to the counter frequency.</summary>
    public ulong PhysicalCount(ulong cycles) => (ulong)((UInt128)cycles * _frequency / _clock);

    /// <summary>CNTVCT_EL0 = CNTPCT_EL0 - CNTVOFF_EL2.</summary>
    public ulong VirtualCount(ulong cycles) => PhysicalCount(cycles) - _el2.CNTVOFF_EL2;

    /// <summary>The first cycle at which the physical count is at least <paramref name="count"/>.</summary>
    public ulong CycleOfPhysicalCount(ulong count)
    {
        UInt128 cycle = ((UInt128)count * _clock + _frequency - 1) / _frequency;
        return cycle >= ulong.MaxValue ? ulong.MaxValue : (ulong)cycle;
    }

    /// <summary>
    /// Recomputes ISTATUS of both timers at <paramref name="cycles"/> and the next deadline
    /// (AArch64 "TimerConditionMet": ENABLE and count &gt;= CVAL, unsigned).
    /// </summary>
    public void Update(ulong cycles)
    {
        ulong physical = PhysicalCount(cycles);
        ulong next = Physical.Evaluate(physical, 0, this);
        ulong v = Virtual.Evaluate(physical, _el2.CNTVOFF_EL2, this);
        NextDeadlineCycle = Math.Min(next, v);
    }

    /// <summary>One timer: its CTL and CVAL, and its output level.</summary>
    public sealed class Timer
    {
        /// <summary>ENABLE and IMASK as written; ISTATUS as last evaluated.</summary>
        public ulong Ctl { get; private set; }

        public ulong Cval { get; set; }

        /// <summary>The timer's interrupt output: ENABLE, ISTATUS and not IMASK.</summary>
        public bool Output => (Ctl & (CtlEnable | CtlImask | CtlIstatus)) == (CtlEnable | CtlIstatus);

        internal void Reset()
        {
            Ctl = 0;
            Cval = 0;
        }

        /// <summary>Writes ENABLE and IMASK (ISTATUS is read-only).</summary>
        public void WriteCtl(ulong value) => Ctl = (Ctl & CtlIstatus) | (value & (CtlEnable | CtlImask));

        /// <summary>TVAL read: (CVAL - count)[31:0], sign-extended.</summary>
        public ulong ReadTval(ulong count) => (ulong)(long)(int)(uint)(Cval - count);

        /// <summary>TVAL write: CVAL = count + SignExtend(TVAL[31:0]).</summary>
        public void WriteTval(ulong count, ulong value) => Cval = count + (ulong)(long)(int)(uint)value;

        /// <summary>Sets ISTATUS for <paramref name="physicalCount"/>; returns the cycle the output next rises, or ulong.MaxValue.</summary>
        internal ulong Evaluate(ulong physicalCount, ulong offset, GenericTimer timer)
        {
            if ((Ctl & CtlEnable) == 0)
            {
                Ctl &= ~CtlIstatus; // as QEMU: a disabled timer reports ISTATUS 0 (the architecture says UNKNOWN)
                return ulong.MaxValue;
            }
            ulong count = physicalCount - offset;
            if (count >= Cval)
            {
                Ctl |= CtlIstatus;
                return ulong.MaxValue; // the condition stays met until CTL or CVAL is written
            }
            Ctl &= ~CtlIstatus;
            if ((Ctl & CtlImask) != 0)
                return ulong.MaxValue; // the output cannot rise while masked; ISTATUS is computed when read
            ulong target = Cval + offset;
            return target < Cval ? ulong.MaxValue : timer.CycleOfPhysicalCount(target);
        }
    }
}

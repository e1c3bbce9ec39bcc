namespace Emulator.Cpu.System;

/// <summary>
/// The PMUv3 register state of one PE (Arm ARM D13 "The Performance Monitors Extension"): PMCR_EL0,
/// the enable, interrupt-enable and overflow bit sets (bit n: event counter n, bit 31: the cycle
/// counter), PMSELR_EL0, PMUSERENR_EL0, the event types (index 31 is PMCCFILTR_EL0) and the counters.
/// A counter is not incremented per event: it holds the value it had at its last settle point
/// (<see cref="Value"/>) and the reading of its event source then (<see cref="Mark"/>); while it
/// counts (<see cref="Counting"/>), its value is <c>Value + (source now - Mark)</c>. The core
/// settles every counter whenever what it counts could change (a PMU register write, an Exception
/// level change, a periodic overflow check).
/// </summary>
public sealed class Pmu
{
    /// <summary>PMCR_EL0.N: the number of event counters.</summary>
    public const int EventCounters = 6;

    /// <summary>The index of the cycle counter in the bit sets and arrays.</summary>
    public const int CycleCounter = 31;

    /// <summary>The implemented counter bits of PMCNTENSET, PMINTENSET and PMOVSSET: P0..P5 and C.</summary>
    public const uint CounterMask = 1u << CycleCounter | (1u << EventCounters) - 1;

    /// <summary>PMCR_EL0 bits (E, P, C, D, X, DP, LC) and the read-only identification fields.</summary>
    public const ulong PmcrE = 1, PmcrP = 2, PmcrC = 4, PmcrD = 8, PmcrX = 16, PmcrDp = 32, PmcrLc = 64;

    /// <summary>
    /// PMCR_EL0's read-only part: IMP 0x41 (Arm), IDCODE 0x01, N = 6 (as QEMU's cortex-a57 reports),
    /// and LC, RES1 because AArch32 is not implemented at any Exception level (so the cycle counter
    /// always overflows at 64 bits, as KVM sets it for such a guest).
    /// </summary>
    public const ulong PmcrFixed = 0x41UL << 24 | 0x01UL << 16 | (ulong)EventCounters << 11 | PmcrLc;

    /// <summary>The writable PMCR_EL0 bits that keep their value (P and C are actions and read as 0).</summary>
    public const ulong PmcrWritable = PmcrE | PmcrD | PmcrX | PmcrDp;

    /// <summary>PMEVTYPER&lt;n&gt;_EL0 and PMCCFILTR_EL0 bits: P (do not count at EL1), U (do not count at EL0).</summary>
    public const uint FilterP = 1u << 31, FilterU = 1u << 30;

    /// <summary>
    /// The writable PMEVTYPER bits: P, U and evtCount[9:0] (Armv8.0). NSK, NSU (EL3) and NSH (EL2)
    /// are RES0: the PE the guest sees has neither EL2 nor EL3 (ID_AA64PFR0_EL1).
    /// </summary>
    public const uint EventTypeMask = FilterP | FilterU | 0x3FF;

    /// <summary>The writable PMCCFILTR_EL0 bits: P and U.</summary>
    public const uint CycleFilterMask = FilterP | FilterU;

    /// <summary>PMUSERENR_EL0 bits: EN (all EL0 access), SW (PMSWINC), CR (PMCCNTR read), ER (event counter read, PMSELR).</summary>
    public const uint UserEn = 1, UserSw = 2, UserCr = 4, UserEr = 8;

    public ulong Control = PmcrFixed;
    public uint CountEnable;
    public uint InterruptEnable;
    public uint Overflow;
    public uint Select;
    public uint UserEnable;

    /// <summary>PMEVTYPER&lt;n&gt;_EL0 for n &lt; 6; index 31 is PMCCFILTR_EL0.</summary>
    public readonly uint[] EventType = new uint[32];

    /// <summary>Counter values at their last settle (event counters 32 bits, the cycle counter 64).</summary>
    public readonly ulong[] Value = new ulong[32];

    /// <summary>The event source's reading at the last settle.</summary>
    public readonly ulong[] Mark = new ulong[32];

    /// <summary>The bit set of counters that counted since their last settle.</summary>
    public uint Counting;

    /// <summary>The level of the overflow interrupt request as last driven.</summary>
    public bool InterruptOutput;

    public void Reset()
    {
        Control = PmcrFixed;
        CountEnable = InterruptEnable = Overflow = Select = UserEnable = 0;
        Array.Clear(EventType);
        Array.Clear(Value);
        Array.Clear(Mark);
        Counting = 0;
        InterruptOutput = false;
    }

    /// <summary>
    /// The overflow interrupt request (AArch64.CheckForPMUOverflow): PMCR_EL0.E and a counter with
    /// both its PMINTENSET and PMOVSSET bits (all six counters are below MDCR_EL2.HPMN = N).
    /// </summary>
    public bool InterruptRequest => (Control & PmcrE) != 0 && (InterruptEnable & Overflow) != 0;

    /// <summary>
    /// Adds <paramref name="delta"/> events to counter <paramref name="index"/> and sets its overflow
    /// bit when it wraps: event counters at 32 bits, the cycle counter at 64 (LC is RES1).
    /// </summary>
    public void Add(int index, ulong delta)
    {
        ulong old = Value[index];
        if (index == CycleCounter)
        {
            ulong sum = old + delta;
            if (sum < old)
                Overflow |= 1u << CycleCounter;
            Value[index] = sum;
            return;
        }
        ulong total = old + delta; // old < 2^32, delta < 2^64: an overflow of the 64-bit sum cannot be lost below 2^32 wraps
        if (total >> 32 != 0 || total < old)
            Overflow |= 1u << index;
        Value[index] = total & 0xFFFF_FFFF;
    }

    /// <summary>Events left before counter <paramref name="index"/> overflows (at least 1).</summary>
    public ulong EventsToOverflow(int index) =>
        index == CycleCounter ? (Value[index] == 0 ? ulong.MaxValue : 0 - Value[index]) : (1UL << 32) - Value[index];
}

namespace Emulator.Cpu.System;

/// <summary>
/// The PMUv3 common event numbers this PE implements (Arm ARM D13.11 "Performance Monitors
/// Extension events", common architectural and microarchitectural events), and the PMCEID0_EL0 /
/// PMCEID1_EL0 values that list exactly them (bit n of PMCEID0 is event n, bit n of PMCEID1 is
/// event 0x20 + n).
/// </summary>
public static class PmuEvents
{
    public const uint SW_INCR = 0x00;
    public const uint L1I_CACHE_REFILL = 0x01;
    public const uint L1D_CACHE_REFILL = 0x03;
    public const uint L1D_CACHE = 0x04;
    public const uint INST_RETIRED = 0x08;
    public const uint EXC_TAKEN = 0x09;
    public const uint BR_MIS_PRED = 0x10;
    public const uint CPU_CYCLES = 0x11;
    public const uint MEM_ACCESS = 0x13;
    public const uint L1I_CACHE = 0x14;
    public const uint L1D_CACHE_WB = 0x15;
    public const uint L2D_CACHE = 0x16;
    public const uint L2D_CACHE_REFILL = 0x17;
    public const uint L2D_CACHE_WB = 0x18;
    public const uint BUS_ACCESS = 0x19;
    public const uint BR_RETIRED = 0x21;

    /// <summary>PMCEID0_EL0: events 0x00..0x1F implemented.</summary>
    public const ulong Pmceid0 =
        1UL << (int)SW_INCR | 1UL << (int)L1I_CACHE_REFILL | 1UL << (int)L1D_CACHE_REFILL | 1UL << (int)L1D_CACHE
        | 1UL << (int)INST_RETIRED | 1UL << (int)BR_MIS_PRED | 1UL << (int)CPU_CYCLES | 1UL << (int)L1I_CACHE
        | 1UL << (int)L1D_CACHE_WB | 1UL << (int)L2D_CACHE | 1UL << (int)L2D_CACHE_REFILL | 1UL << (int)L2D_CACHE_WB
        | 1UL << (int)EXC_TAKEN | 1UL << (int)MEM_ACCESS | 1UL << (int)BUS_ACCESS;

    /// <summary>PMCEID1_EL0: events 0x20..0x3F implemented (BR_RETIRED).</summary>
    public const ulong Pmceid1 = 1UL << (int)(BR_RETIRED - 0x20);

    /// <summary>True when <paramref name="evtCount"/> is an event this PE counts.</summary>
    public static bool IsImplemented(uint evtCount) =>
        evtCount < 32 ? (Pmceid0 >> (int)evtCount & 1) != 0 : evtCount < 64 && (Pmceid1 >> (int)(evtCount - 32) & 1) != 0;
}

using Emulator.Cpu.System;

namespace Emulator.Cpu.Core;

/// <summary>
/// The event sources of EXC_TAKEN, MEM_ACCESS, BUS_ACCESS and BR_RETIRED (Arm ARM D14.3, common
/// event numbers), read by <see cref="PmuSource"/> like the timing and cache models' statistics:
/// <list type="bullet">
/// <item>EXC_TAKEN (0x09): every exception this PE takes (AArch64.TakeException), counted at the
/// Exception level it is taken from. Exceptions to the hypervisor model (stage-2 aborts, trapped
/// instructions) are not the guest's: KVM hides them.</item>
/// <item>MEM_ACCESS (0x13): every data access an instruction makes that passes its translation and
/// checks (a register's worth: an LDP is two, a 16-byte vector access two, an atomic one). While a
/// counter is enabled for it, the software TLBs are not filled, so every access takes the slow path
/// where it is counted (as watchpoints do); otherwise nothing is done per access.</item>
/// <item>BUS_ACCESS (0x19): the cache model's transactions with memory (line refills from it,
/// write-backs and write-throughs to it, Non-cacheable accesses, one per line they touch), which the
/// L2 and memory are shared by every agent, so they are machine-wide like L2D_CACHE; plus this PE's
/// Device (MMIO) accesses. With --cache off only the Device accesses count.</item>
/// <item>BR_RETIRED (0x21): every branch instruction executed (B, BL, B.cond, CBZ/CBNZ, TBZ/TBNZ
/// taken or not, BR, BLR, RET) and every exception return (ERET), as the Arm ARM recommends (and
/// FEAT_PMUv3p9 requires); exception-generating instructions are not counted.</item>
/// </list>
/// </summary>
public sealed partial class ArmCore
{
    /// <summary>Exceptions taken by this PE (EXC_TAKEN).</summary>
    public ulong ExceptionsTaken { get; private set; }

    /// <summary>ERETs executed by this PE (part of BR_RETIRED).</summary>
    public ulong ExceptionReturns { get; private set; }

    /// <summary>Data accesses made on the slow path (MEM_ACCESS while a counter counts it; see <see cref="_pmuSeesEveryAccess"/>).</summary>
    public ulong DataAccesses { get; private set; }

    /// <summary>Device (MMIO) accesses made by this PE (part of BUS_ACCESS).</summary>
    public ulong DeviceAccesses { get; private set; }

    /// <summary>Branches executed (BR_RETIRED): the predictor's conditional, indirect and direct branches and the ERETs.</summary>
    public ulong BranchesRetired => Predictor.Conditional + Predictor.Indirect + Predictor.Direct + ExceptionReturns;

    /// <summary>
    /// True while an enabled counter counts MEM_ACCESS (PMCR_EL0.E and its PMCNTENSET bit, whatever
    /// its filter): the software TLBs are then not filled, so that every data access is seen.
    /// </summary>
    private bool _pmuSeesEveryAccess;

    /// <summary>Recomputes <see cref="_pmuSeesEveryAccess"/> after the PMU controls changed; turning it on drops the software TLBs.</summary>
    private void UpdatePmuAccessCounting()
    {
        bool every = false;
        if ((Pmu.Control & Pmu.PmcrE) != 0)
        {
            for (int i = 0; i < Pmu.EventCounters; i++)
                every |= (Pmu.CountEnable >> i & 1) != 0 && (Pmu.EventType[i] & 0x3FF) == PmuEvents.MEM_ACCESS;
        }
        bool turnedOn = every && !_pmuSeesEveryAccess;
        _pmuSeesEveryAccess = every;
        if (turnedOn)
            FlushSoftTlbs();
    }
}

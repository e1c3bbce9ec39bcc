using Emulator.Cpu.Core;
using Emulator.Host.Logging;
using Serilog;

namespace Emulator.Host.Hypervisor;

/// <summary>What a hypervisor call asks the run loop to do next.</summary>
public enum HostCallOutcome
{
    Continue,
    SystemOff,
    SystemReset,
    Halt,

    /// <summary>The calling CPU turned itself off (PSCI CPU_OFF); the others go on.</summary>
    CpuOff,
}

/// <summary>
/// PSCI 1.1 (Arm DEN 0022) and the SMCCC discovery calls (Arm DEN 0028), handled on the host side
/// over HVC and SMC as KVM's kvm_psci_call/kvm_smccc_call_handler do (arch/arm64/kvm/psci.c), for
/// the calling core's <see cref="Cluster"/>: CPU_ON, CPU_OFF and AFFINITY_INFO as
/// kvm_psci_vcpu_on/_off/_affinity_info answer (CPU_ON: INVALID_PARAMETERS for an MPIDR no CPU
/// has, ALREADY_ON for a CPU that is on; AFFINITY_INFO: OFF for an MPIDR no CPU has); SYSTEM_OFF
/// and SYSTEM_RESET from any CPU. The target of CPU_ON starts at once (its reset is not deferred
/// as KVM defers it to the vCPU's next run), so ON_PENDING is never an answer, as with KVM.
/// </summary>
public sealed class PsciHandler
{
    public const uint SmcccVersion = 0x8000_0000;
    public const uint SmcccArchFeatures = 0x8000_0001;
    public const uint PsciVersion = 0x8400_0000;
    public const uint CpuSuspend32 = 0x8400_0001;
    public const uint CpuSuspend64 = 0xC400_0001;
    public const uint CpuOff = 0x8400_0002;
    public const uint CpuOn32 = 0x8400_0003;
    public const uint CpuOn64 = 0xC400_0003;
    public const uint AffinityInfo32 = 0x8400_0004;
    public const uint AffinityInfo64 = 0xC400_0004;
    public const uint MigrateInfoType = 0x8400_0006;
    public const uint SystemOff = 0x8400_0008;
    public const uint SystemReset = 0x8400_0009;
    public const uint PsciFeatures = 0x8400_000A;

    public const long Success = 0;
    public const long NotSupported = -1;
    public const long InvalidParameters = -2;
    public const long AlreadyOn = -4;

    /// <summary>MPIDR_HWID_BITMASK: Aff3 [39:32] and Aff2.Aff1.Aff0 [23:0].</summary>
    public const ulong MpidrHwidMask = 0xFF_00FF_FFFFUL;

    /// <summary>PSCI 1.1, the version KVM and QEMU's virt report.</summary>
    public const uint Version = 0x0001_0001;

    private static readonly ILogger Log = LogCategories.For(LogCategories.Psci);

    /// <summary>
    /// Handles the call in X0..X3 and writes the result to X0. <paramref name="immediate"/> is the
    /// HVC/SMC immediate: SMCCC calls use 0 and anything else returns NOT_SUPPORTED (as KVM does).
    /// </summary>
    public HostCallOutcome Handle(ArmCore core, ushort immediate, string conduit)
    {
        uint function = (uint)core.X[0];
        if (immediate != 0)
        {
            Log.Debug("{Conduit} #{Immediate:x} is not an SMCCC call; returning NOT_SUPPORTED", conduit, immediate);
            core.X[0] = unchecked((ulong)NotSupported);
            return HostCallOutcome.Continue;
        }
        Log.Debug("{Conduit} function 0x{Function:x8} x1=0x{X1:x} x2=0x{X2:x}", conduit, function, core.X[1], core.X[2]);
        long result;
        switch (function)
        {
            case SmcccVersion:
                result = 0x1_0001; // SMCCC v1.1
                break;
            case SmcccArchFeatures:
                result = NotSupported; // no workaround or firmware feature is advertised
                break;
            case PsciVersion:
                result = Version;
                break;
            case CpuSuspend32:
            case CpuSuspend64:
                // A power-down request may be treated as standby (DEN 0022, 5.4.2): wait for an
                // interrupt, as kvm_psci_vcpu_suspend does with WFI. With other CPUs, the wait is
                // over at once (a standby may end early, as WFI may): the schedule runs the others.
                core.X[0] = Success;
                if (core.Cluster is { Count: > 1 })
                    return HostCallOutcome.Continue;
                return core.SleepUntilInterrupt() ? HostCallOutcome.Continue : HostCallOutcome.Halt;
            case CpuOff:
                if (core.Cluster is not { Count: > 1 } offCluster)
                {
                    Log.Information("CPU_OFF on the only CPU: the machine has nothing left to run");
                    return HostCallOutcome.Halt;
                }
                Log.Information("CPU_OFF on CPU {Cpu}", core.CpuIndex);
                offCluster.PowerOff(core);
                return HostCallOutcome.CpuOff;
            case CpuOn32:
            case CpuOn64:
                result = CpuOnCall(core, function == CpuOn32);
                break;
            case AffinityInfo32:
            case AffinityInfo64:
                result = AffinityInfoCall(core, function == AffinityInfo32);
                break;
            case MigrateInfoType:
                result = 2; // no Trusted OS, migration not required
                break;
            case SystemOff:
                Log.Information("SYSTEM_OFF");
                return HostCallOutcome.SystemOff;
            case SystemReset:
                Log.Information("SYSTEM_RESET");
                return HostCallOutcome.SystemReset;
            case PsciFeatures:
                result = IsImplemented((uint)core.X[1]) ? Success : NotSupported;
                break;
            default:
                Log.Debug("unknown SMCCC function 0x{Function:x8}; returning NOT_SUPPORTED", function);
                result = NotSupported;
                break;
        }
        core.X[0] = unchecked((ulong)result);
        return HostCallOutcome.Continue;
    }

    /// <summary>
    /// kvm_psci_vcpu_on: X1 the target's MPIDR, X2 its entry point, X3 the context ID it gets in
    /// X0. The target starts at EL1h with its MMU and caches off and DAIF masked, in the caller's
    /// endianness (little-endian: SCTLR_EL1.EE, which this model keeps 0).
    /// </summary>
    private static long CpuOnCall(ArmCore caller, bool smc32)
    {
        ulong mpidr = smc32 ? (uint)caller.X[1] : caller.X[1];
        ulong entry = smc32 ? (uint)caller.X[2] : caller.X[2];
        ulong context = smc32 ? (uint)caller.X[3] : caller.X[3];
        if ((mpidr & ~MpidrHwidMask) != 0)
            return InvalidParameters; // kvm_psci_valid_affinity
        Cluster? cluster = caller.Cluster;
        ArmCore? target = cluster?.FindByAffinity(mpidr);
        if (cluster is null || target is null)
        {
            Log.Debug("CPU_ON 0x{Mpidr:x}: no such CPU", mpidr);
            return InvalidParameters;
        }
        if (cluster.IsOn(target))
            return AlreadyOn;
        Log.Information("CPU_ON CPU {Cpu} at 0x{Entry:x}, context 0x{Context:x}", target.CpuIndex, entry, context);
        cluster.PowerOn(target, entry, context, caller.Cycles);
        return Success;
    }

    /// <summary>
    /// kvm_psci_vcpu_affinity_info: X1 the target affinity, X2 the lowest affinity level (0-3).
    /// ON (0) when a CPU that is on matches at that level, OFF (1) otherwise, also when no CPU has
    /// that affinity; INVALID_PARAMETERS for bits outside the affinity fields or a level above 3.
    /// </summary>
    private static long AffinityInfoCall(ArmCore caller, bool smc32)
    {
        ulong affinity = smc32 ? (uint)caller.X[1] : caller.X[1];
        ulong level = smc32 ? (uint)caller.X[2] : caller.X[2];
        if ((affinity & ~MpidrHwidMask) != 0 || level > 3)
            return InvalidParameters;
        ulong mask = MpidrHwidMask & ~((1UL << (int)(level * 8)) - 1);
        if (level == 3)
            mask = 0xFF_0000_0000UL;
        affinity &= mask;
        if (caller.Cluster is not { } cluster)
            return (caller.Mpidr & mask) == affinity ? 0 : 1;
        foreach (ArmCore core in cluster.Cores)
        {
            if ((core.Mpidr & mask) == affinity && cluster.IsOn(core))
                return 0; // ON
        }
        return 1; // OFF
    }

    private static bool IsImplemented(uint function) => function is PsciVersion or CpuSuspend32 or CpuSuspend64
        or CpuOff or CpuOn32 or CpuOn64 or AffinityInfo32 or AffinityInfo64 or MigrateInfoType or SystemOff or SystemReset or PsciFeatures
        or SmcccVersion;
}

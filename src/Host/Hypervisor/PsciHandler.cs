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
}

/// <summary>
/// PSCI 1.1 (Arm DEN 0022) and the SMCCC discovery calls (Arm DEN 0028), handled on the host side
/// over HVC and SMC as KVM's kvm_psci_call/kvm_smccc_call_handler do, for a single-CPU machine.
/// CPU_ON returns NOT_SUPPORTED until the board has more than one CPU.
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
                // A power-down request may be treated as standby (DEN 0022, 5.4.2): wait for an interrupt.
                core.X[0] = Success;
                return core.SleepUntilInterrupt() ? HostCallOutcome.Continue : HostCallOutcome.Halt;
            case CpuOff:
                Log.Information("CPU_OFF on the only CPU: the machine has nothing left to run");
                return HostCallOutcome.Halt;
            case CpuOn32:
            case CpuOn64:
                result = NotSupported;
                break;
            case AffinityInfo32:
            case AffinityInfo64:
                ulong affinity = function == AffinityInfo32 ? (uint)core.X[1] : core.X[1];
                result = (affinity & 0xFF_00FF_FFFFUL) == 0 && core.X[2] == 0 ? 0 /* ON */ : InvalidParameters;
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

    private static bool IsImplemented(uint function) => function is PsciVersion or CpuSuspend32 or CpuSuspend64
        or CpuOff or AffinityInfo32 or AffinityInfo64 or MigrateInfoType or SystemOff or SystemReset or PsciFeatures
        or SmcccVersion;
}

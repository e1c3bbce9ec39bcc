namespace Emulator.Cpu.Core;

/// <summary>Exception class values of ESR_ELx.EC (Arm ARM D17.2.37, "ESR_EL1").</summary>
public static class ExceptionClass
{
    public const uint Unknown = 0x00;
    public const uint WfiWfe = 0x01;
    public const uint FpAccess = 0x07;
    public const uint IllegalState = 0x0E;
    public const uint Svc64 = 0x15;
    public const uint Hvc64 = 0x16;
    public const uint Smc64 = 0x17;
    public const uint SystemRegister = 0x18;
    public const uint InstructionAbortLowerEl = 0x20;
    public const uint InstructionAbortSameEl = 0x21;
    public const uint PcAlignment = 0x22;
    public const uint DataAbortLowerEl = 0x24;
    public const uint DataAbortSameEl = 0x25;
    public const uint SpAlignment = 0x26;
    public const uint SError = 0x2F;
    public const uint BreakpointLowerEl = 0x30;
    public const uint BreakpointSameEl = 0x31;
    public const uint SoftwareStepLowerEl = 0x32;
    public const uint SoftwareStepSameEl = 0x33;
    public const uint WatchpointLowerEl = 0x34;
    public const uint WatchpointSameEl = 0x35;
    public const uint Brk64 = 0x3C;
}

/// <summary>Fault status codes of ESR_ELx.ISS DFSC/IFSC.</summary>
public static class FaultStatus
{
    public const uint AddressSizeLevel0 = 0x00;
    public const uint TranslationLevel0 = 0x04;
    public const uint SynchronousExternalAbort = 0x10;
    public const uint Alignment = 0x21;
}

/// <summary>Vector offsets from VBAR_ELx (AArch64.TakeException).</summary>
public enum ExceptionType
{
    Synchronous = 0x000,
    Irq = 0x080,
    Fiq = 0x100,
    SError = 0x180,
}

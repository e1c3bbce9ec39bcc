namespace Emulator.Host.Reporting;

/// <summary>ESR_ELx.EC (bits [31:26]) in words, as the Arm ARM's ESR_EL1 description names each class; for messages.</summary>
public static class ExceptionClasses
{
    public static uint Of(ulong esr) => (uint)(esr >> 26) & 0x3F;

    public static string Describe(uint ec) => ec switch
    {
        0x00 => "UNDEFINED instruction",
        0x01 => "trapped WFI or WFE",
        0x07 => "access to SVE, Advanced SIMD or floating-point functionality trapped by CPACR_EL1.FPEN",
        0x0E => "Illegal Execution state",
        0x15 => "SVC instruction",
        0x16 => "HVC instruction",
        0x17 => "SMC instruction",
        0x18 => "trapped MSR, MRS or System instruction",
        0x20 => "Instruction Abort from a lower Exception level",
        0x21 => "Instruction Abort taken without a change in Exception level",
        0x22 => "PC alignment fault",
        0x24 => "Data Abort from a lower Exception level",
        0x25 => "Data Abort taken without a change in Exception level",
        0x26 => "SP alignment fault",
        0x2C => "trapped floating-point exception",
        0x2F => "SError interrupt",
        0x30 => "Breakpoint exception from a lower Exception level",
        0x31 => "Breakpoint exception taken without a change in Exception level",
        0x32 => "Software Step exception from a lower Exception level",
        0x33 => "Software Step exception taken without a change in Exception level",
        0x34 => "Watchpoint exception from a lower Exception level",
        0x35 => "Watchpoint exception taken without a change in Exception level",
        0x3C => "BRK instruction",
        _ => $"exception class 0x{ec:x2}",
    };
}

namespace Emulator.Cpu.System;

/// <summary>
/// System register encodings as the 16-bit key op0:op1:CRn:CRm:op2 that MRS, MSR and SYS carry in
/// bits [20:5] (Arm ARM C5.3, "A64 System instructions for ...").
/// </summary>
public static class SysReg
{
    public static ushort Encode(int op0, int op1, int crn, int crm, int op2) =>
        (ushort)(op0 << 14 | op1 << 11 | crn << 7 | crm << 3 | op2);

    public static string Name(ushort key) =>
        $"S{key >> 14}_{(key >> 11) & 7}_C{(key >> 7) & 15}_C{(key >> 3) & 15}_{key & 7}";

    public const ushort MIDR_EL1 = 0xC000; // S3_0_C0_C0_0
    public const ushort MPIDR_EL1 = 0xC005; // S3_0_C0_C0_5
    public const ushort REVIDR_EL1 = 0xC006; // S3_0_C0_C0_6
    public const ushort MVFR0_EL1 = 0xC018; // S3_0_C0_C3_0
    public const ushort MVFR1_EL1 = 0xC019; // S3_0_C0_C3_1
    public const ushort MVFR2_EL1 = 0xC01A; // S3_0_C0_C3_2
    public const ushort ID_AA64PFR0_EL1 = 0xC020; // S3_0_C0_C4_0
    public const ushort ID_AA64PFR1_EL1 = 0xC021; // S3_0_C0_C4_1
    public const ushort ID_AA64DFR0_EL1 = 0xC028; // S3_0_C0_C5_0
    public const ushort ID_AA64DFR1_EL1 = 0xC029; // S3_0_C0_C5_1
    public const ushort ID_AA64AFR0_EL1 = 0xC02C; // S3_0_C0_C5_4
    public const ushort ID_AA64AFR1_EL1 = 0xC02D; // S3_0_C0_C5_5
    public const ushort ID_AA64ISAR0_EL1 = 0xC030; // S3_0_C0_C6_0
    public const ushort ID_AA64ISAR1_EL1 = 0xC031; // S3_0_C0_C6_1
    public const ushort ID_AA64MMFR0_EL1 = 0xC038; // S3_0_C0_C7_0
    public const ushort ID_AA64MMFR1_EL1 = 0xC039; // S3_0_C0_C7_1
    public const ushort ID_AA64MMFR2_EL1 = 0xC03A; // S3_0_C0_C7_2
    public const ushort SCTLR_EL1 = 0xC080; // S3_0_C1_C0_0
    public const ushort ACTLR_EL1 = 0xC081; // S3_0_C1_C0_1
    public const ushort CPACR_EL1 = 0xC082; // S3_0_C1_C0_2
    public const ushort TTBR0_EL1 = 0xC100; // S3_0_C2_C0_0
    public const ushort TTBR1_EL1 = 0xC101; // S3_0_C2_C0_1
    public const ushort TCR_EL1 = 0xC102; // S3_0_C2_C0_2
    public const ushort SPSR_EL1 = 0xC200; // S3_0_C4_C0_0
    public const ushort ELR_EL1 = 0xC201; // S3_0_C4_C0_1
    public const ushort SP_EL0 = 0xC208; // S3_0_C4_C1_0
    public const ushort SPSel = 0xC210; // S3_0_C4_C2_0
    public const ushort CurrentEL = 0xC212; // S3_0_C4_C2_2
    public const ushort AFSR0_EL1 = 0xC288; // S3_0_C5_C1_0
    public const ushort AFSR1_EL1 = 0xC289; // S3_0_C5_C1_1
    public const ushort ESR_EL1 = 0xC290; // S3_0_C5_C2_0
    public const ushort FAR_EL1 = 0xC300; // S3_0_C6_C0_0
    public const ushort PAR_EL1 = 0xC3A0; // S3_0_C7_C4_0
    public const ushort MAIR_EL1 = 0xC510; // S3_0_C10_C2_0
    public const ushort AMAIR_EL1 = 0xC518; // S3_0_C10_C3_0
    public const ushort VBAR_EL1 = 0xC600; // S3_0_C12_C0_0
    public const ushort ISR_EL1 = 0xC608; // S3_0_C12_C1_0
    public const ushort CONTEXTIDR_EL1 = 0xC681; // S3_0_C13_C0_1
    public const ushort TPIDR_EL1 = 0xC684; // S3_0_C13_C0_4
    public const ushort CNTKCTL_EL1 = 0xC708; // S3_0_C14_C1_0
    public const ushort RVBAR_EL1 = 0xC601; // S3_0_C12_C0_1
    public const ushort RMR_EL1 = 0xC602; // S3_0_C12_C0_2
    public const ushort AIDR_EL1 = 0xC807; // S3_1_C0_C0_7
    public const ushort CCSIDR_EL1 = 0xC800; // S3_1_C0_C0_0
    public const ushort CLIDR_EL1 = 0xC801; // S3_1_C0_C0_1
    public const ushort CSSELR_EL1 = 0xD000; // S3_2_C0_C0_0
    public const ushort CTR_EL0 = 0xD801; // S3_3_C0_C0_1
    public const ushort DCZID_EL0 = 0xD807; // S3_3_C0_C0_7
    public const ushort NZCV = 0xDA10; // S3_3_C4_C2_0
    public const ushort DAIF = 0xDA11; // S3_3_C4_C2_1
    public const ushort FPCR = 0xDA20; // S3_3_C4_C4_0
    public const ushort FPSR = 0xDA21; // S3_3_C4_C4_1
    public const ushort TPIDR_EL0 = 0xDE82; // S3_3_C13_C0_2
    public const ushort TPIDRRO_EL0 = 0xDE83; // S3_3_C13_C0_3
    public const ushort CNTFRQ_EL0 = 0xDF00; // S3_3_C14_C0_0
    public const ushort CNTPCT_EL0 = 0xDF01; // S3_3_C14_C0_1
    public const ushort CNTVCT_EL0 = 0xDF02; // S3_3_C14_C0_2
    public const ushort MDSCR_EL1 = 0x8012; // S2_0_C0_C2_2
    public const ushort OSLAR_EL1 = 0x8084; // S2_0_C1_C0_4
    public const ushort OSLSR_EL1 = 0x808C; // S2_0_C1_C1_4
    public const ushort OSDLR_EL1 = 0x809C; // S2_0_C1_C3_4
}

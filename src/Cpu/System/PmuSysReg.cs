namespace Emulator.Cpu.System;

/// <summary>
/// Encodings of the PMUv3 System registers (Arm ARM D13.3 "Performance Monitors registers"; op0 3,
/// CRn 9 or CRn 14), as 16-bit keys (see <see cref="SysReg.Encode"/>).
/// </summary>
public static class PmuSysReg
{
    public const ushort PMCR_EL0 = 0xDCE0; // S3_3_C9_C12_0
    public const ushort PMCNTENSET_EL0 = 0xDCE1; // S3_3_C9_C12_1
    public const ushort PMCNTENCLR_EL0 = 0xDCE2; // S3_3_C9_C12_2
    public const ushort PMOVSCLR_EL0 = 0xDCE3; // S3_3_C9_C12_3
    public const ushort PMSWINC_EL0 = 0xDCE4; // S3_3_C9_C12_4 (write-only)
    public const ushort PMSELR_EL0 = 0xDCE5; // S3_3_C9_C12_5
    public const ushort PMCEID0_EL0 = 0xDCE6; // S3_3_C9_C12_6 (read-only)
    public const ushort PMCEID1_EL0 = 0xDCE7; // S3_3_C9_C12_7 (read-only)
    public const ushort PMCCNTR_EL0 = 0xDCE8; // S3_3_C9_C13_0
    public const ushort PMXEVTYPER_EL0 = 0xDCE9; // S3_3_C9_C13_1
    public const ushort PMXEVCNTR_EL0 = 0xDCEA; // S3_3_C9_C13_2
    public const ushort PMUSERENR_EL0 = 0xDCF0; // S3_3_C9_C14_0
    public const ushort PMINTENSET_EL1 = 0xC4F1; // S3_0_C9_C14_1
    public const ushort PMINTENCLR_EL1 = 0xC4F2; // S3_0_C9_C14_2
    public const ushort PMOVSSET_EL0 = 0xDCF3; // S3_3_C9_C14_3

    /// <summary>PMEVCNTR&lt;n&gt;_EL0: S3_3_C14_C(8 + n[4:3])_(n[2:0]), n = 0..30.</summary>
    public static ushort PMEVCNTR_EL0(int n) => SysReg.Encode(3, 3, 14, 8 | n >> 3, n & 7);

    /// <summary>PMEVTYPER&lt;n&gt;_EL0: S3_3_C14_C(12 + n[4:3])_(n[2:0]), n = 0..30; n = 31 is PMCCFILTR_EL0.</summary>
    public static ushort PMEVTYPER_EL0(int n) => SysReg.Encode(3, 3, 14, 12 | n >> 3, n & 7);

    public const ushort PMCCFILTR_EL0 = 0xDF7F; // S3_3_C14_C15_7

    /// <summary>
    /// True for the encodings this file names: CRn 9 with op1 3 and CRm 12..14 (op1 0, CRm 14 for
    /// the two EL1 registers), and the whole op1 3, CRn 14, CRm 8..15 block of event counters and types.
    /// </summary>
    public static bool IsPmu(ushort key) =>
        (key & 0xFFF0) == 0xDCE0 // op0 3, op1 3, CRn 9, CRm 12 and 13
        || (key & 0xFFF8) == 0xDCF0 // CRm 14
        || key == PMINTENSET_EL1 || key == PMINTENCLR_EL1
        || (key & 0xFFC0) == 0xDF40; // op0 3, op1 3, CRn 14, CRm 8..15
}

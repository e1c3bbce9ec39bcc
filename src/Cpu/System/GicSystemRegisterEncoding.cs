namespace Emulator.Cpu.System;

/// <summary>
/// Encodings of the GICv3 CPU interface System registers (GIC architecture specification IHI 0069,
/// chapter 12), as <see cref="SysReg"/> keys.
/// </summary>
public static class IccSysReg
{
    public static readonly ushort ICC_PMR_EL1 = SysReg.Encode(3, 0, 4, 6, 0);
    public static readonly ushort ICC_IAR0_EL1 = SysReg.Encode(3, 0, 12, 8, 0);
    public static readonly ushort ICC_EOIR0_EL1 = SysReg.Encode(3, 0, 12, 8, 1);
    public static readonly ushort ICC_HPPIR0_EL1 = SysReg.Encode(3, 0, 12, 8, 2);
    public static readonly ushort ICC_BPR0_EL1 = SysReg.Encode(3, 0, 12, 8, 3);
    public static readonly ushort ICC_AP0R0_EL1 = SysReg.Encode(3, 0, 12, 8, 4);
    public static readonly ushort ICC_AP1R0_EL1 = SysReg.Encode(3, 0, 12, 9, 0);
    public static readonly ushort ICC_DIR_EL1 = SysReg.Encode(3, 0, 12, 11, 1);
    public static readonly ushort ICC_RPR_EL1 = SysReg.Encode(3, 0, 12, 11, 3);
    public static readonly ushort ICC_SGI1R_EL1 = SysReg.Encode(3, 0, 12, 11, 5);
    public static readonly ushort ICC_ASGI1R_EL1 = SysReg.Encode(3, 0, 12, 11, 6);
    public static readonly ushort ICC_SGI0R_EL1 = SysReg.Encode(3, 0, 12, 11, 7);
    public static readonly ushort ICC_IAR1_EL1 = SysReg.Encode(3, 0, 12, 12, 0);
    public static readonly ushort ICC_EOIR1_EL1 = SysReg.Encode(3, 0, 12, 12, 1);
    public static readonly ushort ICC_HPPIR1_EL1 = SysReg.Encode(3, 0, 12, 12, 2);
    public static readonly ushort ICC_BPR1_EL1 = SysReg.Encode(3, 0, 12, 12, 3);
    public static readonly ushort ICC_CTLR_EL1 = SysReg.Encode(3, 0, 12, 12, 4);
    public static readonly ushort ICC_SRE_EL1 = SysReg.Encode(3, 0, 12, 12, 5);
    public static readonly ushort ICC_IGRPEN0_EL1 = SysReg.Encode(3, 0, 12, 12, 6);
    public static readonly ushort ICC_IGRPEN1_EL1 = SysReg.Encode(3, 0, 12, 12, 7);

    /// <summary>True for encodings in the ICC_* space at op0 = 3, op1 = 0 (CRn = 12, or ICC_PMR_EL1).</summary>
    public static bool IsIcc(ushort key) =>
        key == ICC_PMR_EL1 || ((key & 0xFF80) == SysReg.Encode(3, 0, 12, 0, 0) && ((key >> 3) & 15) >= 8);
}

/// <summary>Encodings of the EL1 physical and virtual timer registers (Arm ARM D11, "The Generic Timer").</summary>
public static class TimerSysReg
{
    public static readonly ushort CNTP_TVAL_EL0 = SysReg.Encode(3, 3, 14, 2, 0);
    public static readonly ushort CNTP_CTL_EL0 = SysReg.Encode(3, 3, 14, 2, 1);
    public static readonly ushort CNTP_CVAL_EL0 = SysReg.Encode(3, 3, 14, 2, 2);
    public static readonly ushort CNTV_TVAL_EL0 = SysReg.Encode(3, 3, 14, 3, 0);
    public static readonly ushort CNTV_CTL_EL0 = SysReg.Encode(3, 3, 14, 3, 1);
    public static readonly ushort CNTV_CVAL_EL0 = SysReg.Encode(3, 3, 14, 3, 2);
}

using Emulator.Cpu.System;

namespace Emulator.Cpu.Core;

/// <summary>
/// The self-hosted debug registers ID_AA64DFR0_EL1 advertises (a Cortex-A57's: six breakpoints,
/// four watchpoints, one context-aware): DBGBCR/DBGBVR/DBGWCR/DBGWVR&lt;n&gt;_EL1, MDCCINT_EL1,
/// MDCCSR_EL0, MDRAR_EL1, OSECCR_EL1, DBGPRCR_EL1, the claim tags, DBGAUTHSTATUS_EL1 and the OS
/// lock (OSLAR_EL1/OSLSR_EL1). They hold their values and read back as the architecture says;
/// the debug events they program (breakpoint, watchpoint and software-step exceptions) are not
/// generated yet, which MDSCR_EL1.MDE/KDE users should know (the fidelity issue tracks it).
/// Accesses from EL0 are UNDEFINED, except MDCCSR_EL0 while MDSCR_EL1.TDCC is 0.
/// </summary>
public sealed partial class ArmCore
{
    /// <summary>Breakpoints implemented (ID_AA64DFR0_EL1.BRPs + 1).</summary>
    public const int Breakpoints = 6;

    /// <summary>Watchpoints implemented (ID_AA64DFR0_EL1.WRPs + 1).</summary>
    public const int Watchpoints = 4;

    /// <summary>ID_AA64DFR0_EL1: DebugVer 0b0110 (Armv8.0 debug), no trace, PMUVer 0 (no PMU), BRPs 5, WRPs 3, CTX_CMPs 1.</summary>
    public const ulong IdAa64Dfr0 = 0x6UL | 0x5UL << 12 | 0x3UL << 20 | 0x1UL << 28;

    private const ulong DbgbcrMask = 0x00FF_E1E7;  // BT, LBN, SSC, HMC, BAS, PMC, E
    private const ulong DbgwcrMask = 0x1F1F_FFFF;  // MASK, WT, LBN, SSC, HMC, BAS, LSC, PAC, E
    private const ulong DbgwvrMask = ~3UL;          // VA[63:2]

    private readonly ulong[] _dbgbcr = new ulong[Breakpoints];
    private readonly ulong[] _dbgbvr = new ulong[Breakpoints];
    private readonly ulong[] _dbgwcr = new ulong[Watchpoints];
    private readonly ulong[] _dbgwvr = new ulong[Watchpoints];
    private ulong _mdccint;
    private ulong _oseccr;
    private ulong _dbgprcr;
    private ulong _claimTags;
    private bool _osLocked = true; // OSLSR_EL1.OSLK: set by a cold reset

    private void ResetDebugRegisters()
    {
        Array.Clear(_dbgbcr);
        Array.Clear(_dbgbvr);
        Array.Clear(_dbgwcr);
        Array.Clear(_dbgwvr);
        _mdccint = _oseccr = _dbgprcr = _claimTags = 0;
        _osLocked = true;
    }

    /// <summary>MRS of a debug register (op0 = 2); false when <paramref name="key"/> is not one.</summary>
    private bool TryReadDebugRegister(ushort key, out ulong value)
    {
        value = 0;
        if (DebugRegisterIndex(key, out int n, out int kind))
        {
            value = kind switch
            {
                4 => _dbgbvr[n],
                5 => _dbgbcr[n],
                6 => _dbgwvr[n],
                _ => _dbgwcr[n],
            };
            return true;
        }
        switch (key)
        {
            case DebugSysReg.MDCCINT_EL1: value = _mdccint; return true;
            case DebugSysReg.MDCCSR_EL0: value = 0; return true; // no debug communications channel traffic
            case DebugSysReg.MDRAR_EL1: value = 0; return true;  // no memory-mapped debug ROM table
            case DebugSysReg.OSECCR_EL1: value = _oseccr; return true;
            case DebugSysReg.DBGPRCR_EL1: value = _dbgprcr; return true;
            case DebugSysReg.DBGCLAIMSET_EL1: value = 0xFF; return true; // eight claim tags implemented
            case DebugSysReg.DBGCLAIMCLR_EL1: value = _claimTags; return true;
            case DebugSysReg.DBGAUTHSTATUS_EL1: value = 0x0A; return true; // NSID, NSNID = 0b10 (Non-secure invasive and non-invasive debug implemented and enabled); SID, SNID = 0b00: no Secure state without EL3
            case SysReg.OSLSR_EL1: value = 0b1000 | (_osLocked ? 0b10UL : 0); return true; // OSLM = 0b10
            default: return false;
        }
    }

    /// <summary>MSR of a debug register (op0 = 2); false when <paramref name="key"/> is not one.</summary>
    private bool TryWriteDebugRegister(ushort key, ulong value)
    {
        if (DebugRegisterIndex(key, out int n, out int kind))
        {
            switch (kind)
            {
                case 4: _dbgbvr[n] = value; break;
                case 5: _dbgbcr[n] = value & DbgbcrMask; break;
                case 6: _dbgwvr[n] = value & DbgwvrMask; break;
                default: _dbgwcr[n] = value & DbgwcrMask; break;
            }
            return true;
        }
        switch (key)
        {
            case DebugSysReg.MDCCINT_EL1: _mdccint = value & (3UL << 29); return true; // RX, TX
            case DebugSysReg.OSECCR_EL1: _oseccr = (uint)value; return true;
            case DebugSysReg.DBGPRCR_EL1: _dbgprcr = value & 1; return true; // CORENPDRQ
            case DebugSysReg.DBGCLAIMSET_EL1: _claimTags |= value & 0xFF; return true;
            case DebugSysReg.DBGCLAIMCLR_EL1: _claimTags &= ~(value & 0xFF); return true;
            case SysReg.OSLAR_EL1: _osLocked = (value & 1) != 0; return true;
            default: return false;
        }
    }

    /// <summary>DBGB{V,C}R&lt;n&gt;_EL1 (op2 4, 5) and DBGW{V,C}R&lt;n&gt;_EL1 (op2 6, 7): S2_0_C0_C&lt;n&gt;_op2, n below the implemented count.</summary>
    private static bool DebugRegisterIndex(ushort key, out int n, out int kind)
    {
        n = (key >> 3) & 15;
        kind = key & 7;
        return (key & 0xFF80) == 0x8000 && kind >= 4 && n < (kind <= 5 ? Breakpoints : Watchpoints);
    }
}

/// <summary>Encodings of the debug registers, as <see cref="SysReg"/> keys (op0:op1:CRn:CRm:op2).</summary>
internal static class DebugSysReg
{
    public const ushort MDCCINT_EL1 = 0x8010;       // S2_0_C0_C2_0
    public const ushort OSECCR_EL1 = 0x8032;        // S2_0_C0_C6_2
    public const ushort MDRAR_EL1 = 0x8080;         // S2_0_C1_C0_0
    public const ushort DBGPRCR_EL1 = 0x80A4;       // S2_0_C1_C4_4
    public const ushort DBGCLAIMSET_EL1 = 0x83C6;   // S2_0_C7_C8_6
    public const ushort DBGCLAIMCLR_EL1 = 0x83CE;   // S2_0_C7_C9_6
    public const ushort DBGAUTHSTATUS_EL1 = 0x83F6; // S2_0_C7_C14_6
    public const ushort MDCCSR_EL0 = 0x9808;        // S2_3_C0_C1_0
}

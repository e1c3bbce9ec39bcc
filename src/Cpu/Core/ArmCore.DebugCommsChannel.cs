namespace Emulator.Cpu.Core;

/// <summary>
/// The Debug Communications Channel of the self-hosted debug architecture (Armv8.0): DTRRX and
/// DTRTX with their RXfull and TXfull flags (MDCCSR_EL0 bits 30 and 29), accessed through
/// DBGDTRRX_EL0 (MRS) / DBGDTRTX_EL0 (MSR), DBGDTR_EL0 (both halves: a write puts bits [31:0] in
/// DTRTX and [63:32] in DTRRX; a read returns DTRRX in [31:0] and DTRTX in [63:32]) and, for saving
/// and restoring without touching the flags, OSDTRRX_EL1/OSDTRTX_EL1. No external debugger is
/// attached: nothing ever drains DTRTX or fills DTRRX, so TXfull stays set after the first
/// transmit and RXfull stays clear (reading DTRRX then gives its last value). From EL0 the channel
/// is usable while MDSCR_EL1.TDCC is 0 and traps to EL1 otherwise (ArmCore.SystemRegisterAccess.cs).
/// </summary>
public sealed partial class ArmCore
{
    private uint _dtrRx, _dtrTx;
    private bool _rxFull, _txFull;

    /// <summary>RMR_EL1.RR as last written (a warm reset request the PE is permitted not to act on).</summary>
    private ulong _rmrResetRequest;

    private void ResetDebugCommsChannel()
    {
        _dtrRx = _dtrTx = 0;
        _rxFull = _txFull = false;
        _rmrResetRequest = 0;
    }

    private static bool IsEl0DebugCommsRegister(ushort key) =>
        key is DebugSysReg.MDCCSR_EL0 or DebugSysReg.DBGDTR_EL0 or DebugSysReg.DBGDTRRX_EL0;

    /// <summary>MRS of MDCCSR_EL0, DBGDTR_EL0 or DBGDTRRX_EL0: a read of DTRRX empties it (RXfull = 0).</summary>
    private ulong ReadDebugCommsChannel(ushort key)
    {
        switch (key)
        {
            case DebugSysReg.MDCCSR_EL0:
                return (_rxFull ? 1UL << 30 : 0) | (_txFull ? 1UL << 29 : 0);
            case DebugSysReg.DBGDTR_EL0:
                _rxFull = false;
                return (ulong)_dtrTx << 32 | _dtrRx;
            default:
                _rxFull = false;
                return _dtrRx;
        }
    }

    /// <summary>MSR of DBGDTR_EL0 or DBGDTRTX_EL0: a write to DTRTX fills it (TXfull = 1).</summary>
    private void WriteDebugCommsChannel(ushort key, ulong value)
    {
        _dtrTx = (uint)value;
        if (key == DebugSysReg.DBGDTR_EL0)
            _dtrRx = (uint)(value >> 32);
        _txFull = true;
    }
}

using Emulator.Cpu.System;

namespace Emulator.Cpu.Core;

/// <summary>
/// Self-hosted debug events: hardware breakpoints (AArch64.CheckBreakpoint), watchpoints
/// (AArch64.CheckWatchpoint) and software step (AArch64.CheckSoftwareStep), enabled by MDSCR_EL1
/// (MDE, KDE, SS), PSTATE.D, the OS lock and the OS double lock (AArch64.GenerateDebugExceptions).
/// Debug exceptions target EL1: the hypervisor model keeps MDCR_EL2.TDE and HCR_EL2.TGE at 0, as
/// KVM does for a guest nobody debugs from the host.
/// <para>
/// Cost: nothing per instruction while no event can fire. When MDSCR_EL1.SS is set, or MDE with
/// an enabled breakpoint or watchpoint, and the OS lock and double lock are clear,
/// <see cref="_debugActive"/> makes every instruction boundary a stop point of the run loop (which
/// then interprets: no translated block runs), and enabled watchpoints keep every data access on
/// the slow path (the software TLBs are not filled), where the watchpoint check follows a
/// successful translation.
/// </para>
/// <para>
/// Breakpoint types: BT 0b0000 (unlinked address match), 0b0001 (linked address match),
/// 0b0010 (unlinked context ID match, on the context-aware breakpoints 4 and 5) and 0b0011 (linked
/// context ID, matching only through a link). The other BT values are reserved on a PE without
/// EL2 for the guest and never match (CONSTRAINED UNPREDICTABLE: the breakpoint behaves as
/// disabled). BAS 0b0000 never matches; any other BAS matches the whole instruction (as QEMU).
/// </para>
/// </summary>
public sealed partial class ArmCore
{
    private const ulong MdscrSs = 1UL << 0;
    private const ulong MdscrKde = 1UL << 13;
    private const ulong MdscrMde = 1UL << 15;

    /// <summary>The debug fault status code of breakpoint, watchpoint and step syndromes.</summary>
    private const uint DebugFaultStatus = 0x22;

    /// <summary>The lowest numbered context-aware breakpoint (ID_AA64DFR0_EL1.CTX_CMPs + 1 = 2 of them, the highest numbered).</summary>
    private const int FirstContextBreakpoint = Breakpoints - 2;

    private bool _debugActive;
    private bool _watchpointsActive;
    private bool _pstateSs;
    private bool _osDoubleLock;
    private bool _stepArmed;
    private bool _stepIsv;
    private bool _stepEx;
    private ulong _stepInstructions;
    private ulong _stepExceptions;
    private ulong _stepPc;
    private ulong _exceptionEntries;

    /// <summary>A debug event may be generated: the run loop stops at every instruction boundary.</summary>
    public bool DebugActive => _debugActive;

    /// <summary>PSTATE.SS, the software step state bit.</summary>
    public bool SoftwareStepBit => _pstateSs;

    /// <summary>DoubleLockStatus(): OSDLR_EL1.DLK set and DBGPRCR_EL1.CORENPDRQ clear (no halting here).</summary>
    private bool DoubleLockStatus => _osDoubleLock && (_dbgprcr & 1) == 0;

    /// <summary>
    /// Recomputes whether a debug event can fire after a write to MDSCR_EL1, a DBGBCR/DBGWCR,
    /// OSLAR_EL1, OSDLR_EL1 or DBGPRCR_EL1 (and at reset). Turning it on ends the running block
    /// and makes the next boundary a stop point; watchpoints drop the software TLBs.
    /// </summary>
    internal void OnDebugControlWritten()
    {
        ulong mdscr = Sys.MDSCR_EL1;
        bool unlocked = !_osLocked && !DoubleLockStatus;
        bool breakpoints = false, watchpoints = false;
        if (unlocked && (mdscr & MdscrMde) != 0)
        {
            foreach (ulong bcr in _dbgbcr)
                breakpoints |= (bcr & 1) != 0;
            foreach (ulong wcr in _dbgwcr)
                watchpoints |= (wcr & 1) != 0;
        }
        bool active = unlocked && ((mdscr & MdscrSs) != 0 || breakpoints || watchpoints);
        bool newWatchpoints = watchpoints && !_watchpointsActive;
        _watchpointsActive = watchpoints;
        _debugActive = active;
        if (newWatchpoints)
            FlushSoftTlbs();
        if (active)
        {
            InvalidateFetch(); // a translated block running now stops after this instruction
            _stopAt = 0;
        }
    }

    /// <summary>
    /// AArch64.GenerateDebugExceptionsFrom(from, secure = FALSE, mask = <paramref name="dMasked"/>)
    /// with the target EL1: never under the OS lock or double lock; from EL1 only with
    /// MDSCR_EL1.KDE set and PSTATE.D clear; from EL0 always.
    /// </summary>
    private bool DebugExceptionsEnabledFrom(int el, bool dMasked)
    {
        if (_osLocked || DoubleLockStatus)
            return false;
        if (el == 1)
            return (Sys.MDSCR_EL1 & MdscrKde) != 0 && !dMasked;
        return true;
    }

    private bool DebugExceptionsEnabled => DebugExceptionsEnabledFrom(CurrentEl, (Daif & (1u << Spsr.D)) != 0);

    /// <summary>
    /// The first thing at an instruction boundary while debug is active: the instruction stepped
    /// at the previous boundary completed (it was counted and took no exception), so PSTATE.SS
    /// becomes 0: the step is now active-pending (ISV = 1, EX for a load-exclusive).
    /// </summary>
    private void CompleteSoftwareStep()
    {
        if (!_stepArmed)
            return;
        _stepArmed = false;
        if (_exceptionEntries != _stepExceptions || Instructions == _stepInstructions)
            return; // an exception entry set SPSR.SS, or the instruction will run again (an exit to the hypervisor)
        _pstateSs = false;
        _stepIsv = true;
        _stepEx = TryPeekInstruction(_stepPc) is uint word && IsLoadExclusive(word);
    }

    /// <summary>LDXR, LDAXR, LDXP, LDAXP (and the byte and halfword forms): size 001000 o2=0 L=1.</summary>
    private static bool IsLoadExclusive(uint insn) => (insn & 0x3FC0_0000) == 0x0840_0000;

    /// <summary>
    /// The debug checks before the instruction at <paramref name="pc"/> runs, in the order of
    /// their priority: a pending software step (AArch64.SoftwareStepException, above every other
    /// synchronous exception), then, for a breakpoint that matches, the fetch's own PC alignment
    /// fault and Instruction Abort, then the Breakpoint exception (AArch64.CheckBreakpoint is
    /// called after a successful translation). True when an exception was taken or the run stops.
    /// </summary>
    private bool TakeDebugExceptionBeforeInstruction(ulong pc)
    {
        if (!DebugExceptionsEnabled)
            return false;
        ulong mdscr = Sys.MDSCR_EL1;
        if ((mdscr & MdscrSs) != 0)
        {
            if (!_pstateSs)
            {
                SoftwareStepException(pc);
                return true;
            }
            _stepArmed = true; // active-not-pending: this instruction is stepped
            _stepInstructions = Instructions;
            _stepExceptions = _exceptionEntries;
            _stepPc = pc;
        }
        if ((mdscr & MdscrMde) == 0 || !BreakpointMatches(pc))
            return false;
        Instructions++; // the fetch, and the exception, belong to this instruction
        NextPc = pc + 4;
        if (FetchSlowValue(pc) >= 0)
        {
            uint ec = CurrentEl == 0 ? ExceptionClass.BreakpointLowerEl : ExceptionClass.BreakpointSameEl;
            TakeSynchronousException(ec << 26 | 1u << 25 | DebugFaultStatus, pc, 0, false); // FAR is UNKNOWN: not written
        }
        return true;
    }

    /// <summary>
    /// AArch64.SoftwareStepException: EC 0x32/0x33, IL, ISV and EX (EX valid only when the step
    /// completed an instruction here, not after an exception return), IFSC 0x22; ELR is the next
    /// instruction, not yet executed.
    /// </summary>
    private void SoftwareStepException(ulong pc)
    {
        uint ec = CurrentEl == 0 ? ExceptionClass.SoftwareStepLowerEl : ExceptionClass.SoftwareStepSameEl;
        uint iss = (_stepIsv ? 1u << 24 : 0) | (_stepIsv && _stepEx ? 1u << 6 : 0) | DebugFaultStatus;
        Instructions++;
        NextPc = pc + 4;
        TakeSynchronousException(ec << 26 | 1u << 25 | iss, pc, 0, false);
    }

    /// <summary>
    /// SPSR_EL1.SS on exception entry (AArch64.TakeException): PSTATE.SS, except that an SVC that
    /// was being stepped has completed (SS 0: the step is pending on return). PSTATE.SS is then 0.
    /// </summary>
    private uint SoftwareStepBitOnEntry(ExceptionType type)
    {
        bool ss = _pstateSs;
        if (ss && type == ExceptionType.Synchronous && (Sys.ESR_EL1 >> 26) == ExceptionClass.Svc64)
            ss = false;
        _pstateSs = false;
        _stepArmed = false;
        _stepIsv = false;
        _exceptionEntries++;
        return ss ? 1u << Spsr.SS : 0;
    }

    /// <summary>
    /// DebugExceptionReturnSS: PSTATE.SS after an exception return is SPSR.SS when software step
    /// is disabled where the ERET runs and enabled at the EL and PSTATE.D it returns to; else 0.
    /// </summary>
    private void SoftwareStepOnExceptionReturn(ulong spsr, int targetEl)
    {
        bool ss = false;
        if ((Sys.MDSCR_EL1 & MdscrSs) != 0 && !DebugExceptionsEnabled
            && DebugExceptionsEnabledFrom(targetEl, (spsr & (1UL << Spsr.D)) != 0))
        {
            ss = ((spsr >> Spsr.SS) & 1) != 0;
        }
        _pstateSs = ss;
        _stepArmed = false;
        _stepIsv = false;
    }

    /// <summary>AArch64.BreakpointMatch over the implemented breakpoints for the instruction at <paramref name="pc"/>.</summary>
    private bool BreakpointMatches(ulong pc)
    {
        for (int n = 0; n < Breakpoints; n++)
        {
            ulong bcr = _dbgbcr[n];
            if ((bcr & 1) == 0 || !StateMatches(bcr, (bcr >> 1) & 3))
                continue;
            uint bt = (uint)(bcr >> 20) & 0xF;
            bool match = bt switch
            {
                0b0000 => AddressMatches(n, pc),
                0b0001 => AddressMatches(n, pc) && LinkedContextMatches((int)(bcr >> 16) & 0xF),
                0b0010 => n >= FirstContextBreakpoint && ContextIdMatches(n),
                _ => false, // 0b0011 matches only through a link; the rest are reserved here
            };
            if (match)
                return true;
        }
        return false;
    }

    /// <summary>DBGBVR&lt;n&gt;[48:2] against the PC (BAS 0b0000 never matches).</summary>
    private bool AddressMatches(int n, ulong pc) =>
        ((_dbgbcr[n] >> 5) & 0xF) != 0 && ((_dbgbvr[n] ^ pc) & 0x0001_FFFF_FFFF_FFFCUL) == 0;

    private bool ContextIdMatches(int n) => (uint)_dbgbvr[n] == (uint)Sys.CONTEXTIDR_EL1;

    /// <summary>The linked breakpoint <paramref name="lbn"/>: a context-aware, enabled, linked context ID breakpoint that matches.</summary>
    private bool LinkedContextMatches(int lbn)
    {
        if (lbn < FirstContextBreakpoint || lbn >= Breakpoints)
            return false;
        ulong bcr = _dbgbcr[lbn];
        return (bcr & 1) != 0 && ((bcr >> 20) & 0xF) == 0b0011 && ContextIdMatches(lbn);
    }

    /// <summary>
    /// AArch64.StateMatch for a Non-secure EL1/EL0 access: SSC 0b00 or 0b01 with the privilege
    /// bits (PMC/PAC: bit 0 EL1, bit 1 EL0); SSC 0b10 (Secure only) and 0b11 (EL2 only) never match here.
    /// </summary>
    private bool StateMatches(ulong control, ulong privilegeBits)
    {
        ulong ssc = (control >> 14) & 3;
        if (ssc >= 2)
            return false;
        bool privileged = CurrentEl == 1 && !_unprivilegedAccess;
        return (privilegeBits & (privileged ? 1UL : 2UL)) != 0;
    }

    /// <summary>
    /// AArch64.CheckWatchpoint after a successful translation of <paramref name="size"/> bytes at
    /// <paramref name="va"/>: true (the Watchpoint exception taken: EC 0x34/0x35, IL, WnR, DFSC
    /// 0x22, FAR = <paramref name="va"/>, ELR = the instruction) when an enabled watchpoint matches.
    /// </summary>
    private bool CheckWatchpoint(ulong va, int size, bool write)
    {
        if ((Sys.MDSCR_EL1 & MdscrMde) == 0 || !DebugExceptionsEnabled)
            return false;
        for (int n = 0; n < Watchpoints; n++)
        {
            if (!WatchpointMatches(n, va, size, write))
                continue;
            uint ec = CurrentEl == 0 ? ExceptionClass.WatchpointLowerEl : ExceptionClass.WatchpointSameEl;
            TakeSynchronousException(ec << 26 | 1u << 25 | (write ? 1u << 6 : 0) | DebugFaultStatus, Pc, va, true);
            return true;
        }
        return false;
    }

    /// <summary>AArch64.WatchpointMatch: enabled, state, load/store control (LSC) and any accessed byte matching.</summary>
    private bool WatchpointMatches(int n, ulong va, int size, bool write)
    {
        ulong wcr = _dbgwcr[n];
        if ((wcr & 1) == 0 || !StateMatches(wcr, (wcr >> 1) & 3))
            return false;
        if (((wcr >> 3) & (write ? 2UL : 1UL)) == 0)
            return false; // LSC: bit 0 loads, bit 1 stores
        if ((wcr & (1UL << 20)) != 0 && !LinkedContextMatches((int)(wcr >> 16) & 0xF))
            return false; // WT: linked to a context ID breakpoint
        for (int i = 0; i < size; i++)
        {
            if (WatchpointByteMatches(n, va + (ulong)i))
                return true;
        }
        return false;
    }

    /// <summary>
    /// AArch64.WatchpointByteMatch: with MASK 0 (or the reserved 1, 2), the byte's doubleword (or
    /// word, when DBGWVR[2] is set) against DBGWVR and its byte in BAS; with MASK 3..31, the
    /// address with its low MASK bits ignored (BAS all ones, as the architecture requires then).
    /// </summary>
    private bool WatchpointByteMatches(int n, ulong address)
    {
        ulong wvr = _dbgwvr[n];
        ulong wcr = _dbgwcr[n];
        int mask = (int)(wcr >> 24) & 0x1F;
        const ulong VaBits = 0x0001_FFFF_FFFF_FFFFUL; // VA[48:0]: DBGWVR[63:49] are RESS
        if (mask >= 3)
            return ((address ^ wvr) & VaBits & ~((1UL << mask) - 1)) == 0;
        int bottom = (wvr & 4) != 0 ? 2 : 3;
        if (((address ^ wvr) & VaBits & ~((1UL << bottom) - 1)) != 0)
            return false;
        int lane = (int)(address & ((1UL << bottom) - 1));
        return ((wcr >> (5 + lane)) & 1) != 0;
    }
}

using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests.Debug;

/// <summary>
/// Guest code for each debug event, enable and priority rule (AArch64.CheckBreakpoint,
/// AArch64.CheckWatchpoint, AArch64.CheckSoftwareStep, AArch64.GenerateDebugExceptionsFrom):
/// the syndromes (EC 0x30/0x31 breakpoint, 0x32/0x33 step, 0x34/0x35 watchpoint, 0x3C BRK), ELR,
/// FAR and SPSR.SS, the OS lock, the OS double lock, MDSCR_EL1.MDE/KDE and PSTATE.D. Registers
/// holding addresses are set before the run; the exception ends the run in the HVC vector table.
/// </summary>
public sealed class DebugExceptionTests
{
    private static readonly SysRegister MDSCR_EL1 = new(2, 0, 0, 2, 2);
    private static readonly SysRegister OSLAR_EL1 = new(2, 0, 1, 0, 4);
    private static readonly SysRegister OSDLR_EL1 = new(2, 0, 1, 3, 4);
    private static readonly SysRegister DBGPRCR_EL1 = new(2, 0, 1, 4, 4);
    private static readonly SysRegister CONTEXTIDR_EL1 = new(3, 0, 13, 0, 1);
    private static readonly SysRegister SCTLR = new(3, 0, 1, 0, 0);

    private static SysRegister Dbgbvr(int n) => new(2, 0, 0, n, 4);
    private static SysRegister Dbgbcr(int n) => new(2, 0, 0, n, 5);
    private static SysRegister Dbgwvr(int n) => new(2, 0, 0, n, 6);
    private static SysRegister Dbgwcr(int n) => new(2, 0, 0, n, 7);

    private const ulong Mde = 1UL << 15, Kde = 1UL << 13, Ss = 1;
    private const ulong BreakpointEl1AndEl0 = 0x1E7; // BAS 0b1111, PMC 0b11, E

    private const ulong Target = GuestMachine.CodeBase + 0x400;
    private const ulong El0Code = GuestMachine.CodeBase + 0x800;
    private const ulong Data = GuestMachine.DataBase;

    /// <summary>
    /// x20 = MDSCR_EL1 value, x21 = DBGBVR0/DBGWVR0 value, x22 = DBGBCR0, x23 = DBGWCR0; the
    /// program unlocks the OS lock (unless told not to), programs them, clears PSTATE.D (unless
    /// told not to), then branches to <see cref="Target"/> where <paramref name="target"/> runs.
    /// </summary>
    private static GuestMachine Setup(ulong mdscr, ulong bvr, ulong bcr, ulong wcr, uint[] target, bool unlock = true, bool clearD = true, uint[]? extra = null)
    {
        var code = new List<uint>();
        if (unlock)
            code.Add(Msr(OSLAR_EL1, XZR));
        code.AddRange(extra ?? []);
        code.AddRange([
            Msr(Dbgbvr(0), X(21)), Msr(Dbgbcr(0), X(22)),
            Msr(Dbgwvr(0), X(21)), Msr(Dbgwcr(0), X(23)),
            Msr(MDSCR_EL1, X(20)),
        ]);
        if (clearD)
            code.Add(MsrDaifClr(8));
        code.Add(Isb());
        code.Add(B((long)(Target - (GuestMachine.CodeBase + (ulong)code.Count * 4))));
        GuestMachine m = GuestMachine.Load(code);
        m.WriteWords(Target, [.. target, GuestMachine.EndMarker]);
        m.InstallHvcVectors();
        m.Core.X[20] = mdscr;
        m.Core.X[21] = bvr;
        m.Core.X[22] = bcr;
        m.Core.X[23] = wcr;
        m.Core.X[24] = Data;
        return m;
    }

    [Fact]
    public void Brk_takes_ec_0x3c_with_the_immediate_and_elr_at_the_brk()
    {
        GuestMachine m = Setup(0, 0, 0, 0, [Nop(), Brk(0x1234)]);
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0xF200_1234UL, m.Esr);
        Assert.Equal(Target + 4, m.Elr);
    }

    [Fact]
    public void Breakpoint_at_el1_takes_ec_0x31_before_the_instruction_runs()
    {
        GuestMachine m = Setup(Mde | Kde, Target + 4, BreakpointEl1AndEl0, 0, [Nop(), Movz(X1, 7), Nop()]);
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0xC600_0022UL, m.Esr); // EC 0x31, IL, IFSC debug
        Assert.Equal(Target + 4, m.Elr);
        Assert.Equal(0UL, m.X(1));           // not executed
        Assert.Equal(0UL, m.Spsr & (1UL << 9)); // taken with PSTATE.D clear
    }

    [Theory]
    [InlineData(false, true, Mde | Kde)]  // the OS lock, set by reset
    [InlineData(true, false, Mde | Kde)]  // PSTATE.D masks debug exceptions targeting EL1 from EL1
    [InlineData(true, true, Mde)]         // KDE clear: no debug exceptions within EL1
    [InlineData(true, true, Kde)]         // MDE clear: no breakpoints or watchpoints
    public void Breakpoint_is_not_taken_when_debug_exceptions_are_disabled(bool unlock, bool clearD, ulong mdscr)
    {
        GuestMachine m = Setup(mdscr, Target + 4, BreakpointEl1AndEl0, 0, [Nop(), Movz(X1, 7)], unlock, clearD);
        m.RunToEnd();
        Assert.Equal(7UL, m.X(1));
    }

    [Theory]
    [InlineData(0x1E1UL)] // PMC 0b00: never
    [InlineData(0x1E5UL)] // PMC 0b10: EL0 only
    [InlineData(0x1E7UL | 2UL << 14)] // SSC 0b10: Secure only
    [InlineData(0x007UL)] // BAS 0b0000
    [InlineData(0x1E7UL | 0b0100UL << 20)] // BT 0b0100: reserved in AArch64 without EL2: never matches
    public void Breakpoint_control_fields_that_do_not_match_at_el1(ulong bcr)
    {
        GuestMachine m = Setup(Mde | Kde, Target + 4, bcr, 0, [Nop(), Movz(X1, 7)]);
        m.RunToEnd();
        Assert.Equal(7UL, m.X(1));
    }

    [Fact]
    public void Os_double_lock_disables_debug_exceptions_unless_corenpdrq_is_set()
    {
        // OSDLR_EL1.DLK = 1 (x25 = 1): DoubleLockStatus() is TRUE: no breakpoint.
        GuestMachine locked = Setup(Mde | Kde, Target + 4, BreakpointEl1AndEl0, 0, [Nop(), Movz(X1, 7)], extra: [Msr(OSDLR_EL1, X(25))]);
        locked.Core.X[25] = 1;
        locked.RunToEnd();
        Assert.Equal(7UL, locked.X(1));

        // With DBGPRCR_EL1.CORENPDRQ = 1 the double lock is not in effect.
        GuestMachine powered = Setup(Mde | Kde, Target + 4, BreakpointEl1AndEl0, 0, [Nop(), Movz(X1, 7)],
            extra: [Msr(OSDLR_EL1, X(25)), Msr(DBGPRCR_EL1, X(25))]);
        powered.Core.X[25] = 1;
        powered.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0xC600_0022UL, powered.Esr);
    }

    [Fact]
    public void Instruction_abort_has_priority_over_a_breakpoint_on_the_same_address()
    {
        const ulong Hole = 0x1000_0000; // below RAM: the fetch is an external abort
        GuestMachine m = Setup(Mde | Kde, Hole, BreakpointEl1AndEl0, 0, [Br(X(21))]);
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0x8600_0010UL, m.Esr); // EC 0x21 Instruction Abort, not 0x31
    }

    [Fact]
    public void Context_id_breakpoint_matches_contextidr()
    {
        // Breakpoint 4 (context-aware), BT 0b0010, PMC 0b11, E; DBGBVR4 = 0x55.
        GuestMachine m = Setup(Mde | Kde, 0, 0, 0, [Msr(CONTEXTIDR_EL1, X(26)), Isb(), Nop(), Movz(X1, 7)],
            extra: [Msr(Dbgbvr(4), X(27)), Msr(Dbgbcr(4), X(28))]);
        m.Core.X[26] = 0x55;
        m.Core.X[27] = 0x55;
        m.Core.X[28] = 0b0010UL << 20 | 0x7;
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0xC600_0022UL, m.Esr);
        Assert.Equal(Target + 4, m.Elr); // the first instruction after CONTEXTIDR_EL1 changed (ISB)
    }

    [Theory]
    [InlineData(0x55UL, true)]
    [InlineData(0x56UL, false)]
    public void Linked_address_breakpoint_needs_its_context_breakpoint_to_match(ulong contextId, bool taken)
    {
        // Breakpoint 0: BT 0b0001 (linked address), LBN 5; breakpoint 5: BT 0b0011 (linked context ID) 0x55.
        GuestMachine m = Setup(Mde | Kde, Target + 8, 0b0001UL << 20 | 5UL << 16 | BreakpointEl1AndEl0, 0,
            [Msr(CONTEXTIDR_EL1, X(26)), Isb(), Movz(X1, 7)],
            extra: [Msr(Dbgbvr(5), X(27)), Msr(Dbgbcr(5), X(28))]);
        m.Core.X[26] = contextId;
        m.Core.X[27] = 0x55;
        m.Core.X[28] = 0b0011UL << 20 | 0x7;
        if (taken)
        {
            m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
            Assert.Equal(Target + 8, m.Elr);
        }
        else
        {
            m.RunToEnd();
            Assert.Equal(7UL, m.X(1));
        }
    }

    [Theory]
    [InlineData(0x1FF7UL, true, true)]    // BAS 0xff, LSC stores, PAC 0b11: a store matches
    [InlineData(0x1FF7UL, false, false)]  // ... a load does not
    [InlineData(0x1FEFUL, false, true)]   // LSC loads: a load matches
    [InlineData(0x1FEFUL, true, false)]   // ... a store does not
    public void Watchpoint_load_store_control(ulong wcr, bool store, bool taken)
    {
        uint access = store ? Str(X1, Mem(X(24))) : Ldr(X1, Mem(X(24)));
        GuestMachine m = Setup(Mde | Kde, Data, 0, wcr, [Nop(), access, Movz(X2, 7)]);
        if (!taken)
        {
            m.RunToEnd();
            Assert.Equal(7UL, m.X(2));
            return;
        }
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(store ? 0xD600_0062UL : 0xD600_0022UL, m.Esr); // EC 0x35, IL, WnR, DFSC debug
        Assert.Equal(Data, m.Far);
        Assert.Equal(Target + 4, m.Elr);
    }

    [Theory]
    [InlineData(0UL, 0x01UL, true)]    // byte 0 of the doubleword
    [InlineData(3UL, 0x08UL, true)]    // byte 3
    [InlineData(3UL, 0x10UL, false)]   // BAS selects byte 4 only
    [InlineData(4UL, 0x0FUL, false)]
    public void Watchpoint_byte_address_select(ulong offset, ulong bas, bool taken)
    {
        GuestMachine m = Setup(Mde | Kde, Data, 0, bas << 5 | 0b11 << 3 | 0b11 << 1 | 1, [Ldrb(W(1), Mem(X(25))), Movz(X2, 7)]);
        m.Core.X[25] = Data + offset;
        if (taken)
        {
            m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
            Assert.Equal(Data + offset, m.Far);
        }
        else
        {
            m.RunToEnd();
        }
    }

    [Theory]
    [InlineData(0xFF8UL, true)]   // MASK 12: the whole 4 KiB block
    [InlineData(0x1000UL, false)]
    public void Watchpoint_address_mask(ulong offset, bool taken)
    {
        GuestMachine m = Setup(Mde | Kde, Data, 0, 12UL << 24 | 0xFFUL << 5 | 0b11 << 3 | 0b11 << 1 | 1, [Ldr(X1, Mem(X(25))), Movz(X2, 7)]);
        m.Core.X[25] = Data + offset;
        if (taken)
            m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        else
            m.RunToEnd();
    }

    [Fact]
    public void Alignment_fault_has_priority_over_a_watchpoint()
    {
        // SCTLR_EL1.A = 1 (x25): the misaligned load faults on alignment before the watchpoint is looked at.
        GuestMachine m = Setup(Mde | Kde, Data, 0, 0x1FEF, [Msr(SCTLR, X(25)), Isb(), Ldr(X1, Mem(X(26)))]);
        m.Core.X[25] = 0x30D0_0802; // RES1 bits and A
        m.Core.X[26] = Data + 1;
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0x9600_0021UL, m.Esr);
    }

    /// <summary>
    /// Software step of EL0 code: ERET with SPSR_EL1.SS = 1 steps one instruction, then the step
    /// exception (EC 0x32, ISV) is taken to EL1 with ELR at the next instruction and SPSR.SS = 0.
    /// </summary>
    [Fact]
    public void Software_step_from_el0_takes_ec_0x32_after_one_instruction()
    {
        GuestMachine m = El0Step([Movz(X1, 1), Movz(X2, 2), Movz(X3, 3)]);
        m.RunToVector(GuestMachine.VectorLowerElSync);
        Assert.Equal(0xCB00_0022UL, m.Esr); // EC 0x32, IL, ISV, EX 0
        Assert.Equal(El0Code + 4, m.Elr);
        Assert.Equal(1UL, m.X(1));
        Assert.Equal(0UL, m.X(2));
        Assert.Equal(0UL, m.Spsr & (1UL << 21));
    }

    [Fact]
    public void Stepped_load_exclusive_sets_ex()
    {
        GuestMachine m = El0Step([A64Sync.Ldxr(3, 1, 24), Nop()]);
        m.RunToVector(GuestMachine.VectorLowerElSync);
        Assert.Equal(0xCB00_0062UL, m.Esr);
    }

    [Fact]
    public void Stepped_svc_completes_so_spsr_ss_is_0()
    {
        GuestMachine m = El0Step([Svc(1), Nop()]);
        m.RunToVector(GuestMachine.VectorLowerElSync);
        Assert.Equal(0x15UL, m.Esr >> 26);
        Assert.Equal(0UL, m.Spsr & (1UL << 21));
    }

    [Fact]
    public void Stepped_load_that_aborts_did_not_complete_so_spsr_ss_is_1()
    {
        GuestMachine m = El0Step([Ldr(X1, Mem(X(26))), Nop()]);
        m.Core.X[26] = 0x1000_0000; // a hole: synchronous external abort
        m.RunToVector(GuestMachine.VectorLowerElSync);
        Assert.Equal(0x24UL, m.Esr >> 26);
        Assert.Equal(1UL << 21, m.Spsr & (1UL << 21));
    }

    [Fact]
    public void Eret_with_spsr_ss_0_takes_the_pending_step_before_any_instruction_with_isv_0()
    {
        GuestMachine m = El0Step([Movz(X1, 1)], spsrSs: false);
        m.RunToVector(GuestMachine.VectorLowerElSync);
        Assert.Equal(0xCA00_0022UL, m.Esr); // ISV 0: entered active-pending by the exception return
        Assert.Equal(El0Code, m.Elr);
        Assert.Equal(0UL, m.X(1));
    }

    [Fact]
    public void Pending_step_has_priority_over_a_breakpoint()
    {
        GuestMachine m = El0Step([Movz(X1, 1)], spsrSs: false, breakpointAtEl0Code: true);
        m.RunToVector(GuestMachine.VectorLowerElSync);
        Assert.Equal(0x32UL, m.Esr >> 26);
    }

    [Fact]
    public void Breakpoint_from_el0_takes_ec_0x30()
    {
        GuestMachine m = El0Step([Movz(X1, 1)], spsrSs: false, breakpointAtEl0Code: true, step: false);
        m.RunToVector(GuestMachine.VectorLowerElSync);
        Assert.Equal(0xC200_0022UL, m.Esr);
        Assert.Equal(El0Code, m.Elr);
    }

    [Fact]
    public void Debug_is_inactive_until_a_feature_is_enabled()
    {
        GuestMachine m = Setup(0, Target, BreakpointEl1AndEl0, 0, [Nop()]);
        m.RunToEnd();
        Assert.False(m.Core.DebugActive); // the breakpoint is enabled but MDSCR_EL1.MDE is clear
        GuestMachine on = Setup(Mde, Target + 0x100, BreakpointEl1AndEl0, 0, [Nop()], clearD: false);
        on.RunToEnd();
        Assert.True(on.Core.DebugActive);
    }

    [Theory]
    [InlineData(0b10UL, true)]  // PAC 0b10: EL0 accesses
    [InlineData(0b01UL, false)] // PAC 0b01: EL1 accesses only
    public void Watchpoint_from_el0_takes_ec_0x34(ulong pac, bool taken)
    {
        GuestMachine m = GuestMachine.Load([
            Msr(OSLAR_EL1, XZR),
            Msr(Dbgwvr(0), X(24)), Msr(Dbgwcr(0), X(23)),
            Msr(MDSCR_EL1, X(20)),
            Msr(new SysRegister(3, 0, 4, 0, 1), X(27)),  // ELR_EL1
            Msr(new SysRegister(3, 0, 4, 0, 0), XZR),    // SPSR_EL1: EL0t
            Isb(),
            Eret(),
        ]);
        m.WriteWords(El0Code, [Nop(), Str(X1, Mem(X(24))), Movz(X2, 7), GuestMachine.EndMarker]);
        m.InstallHvcVectors();
        m.Core.X[20] = Mde;
        m.Core.X[23] = 0xFFUL << 5 | 0b11 << 3 | pac << 1 | 1;
        m.Core.X[24] = Data;
        m.Core.X[27] = El0Code;
        m.RunToVector(GuestMachine.VectorLowerElSync);
        if (!taken)
        {
            Assert.Equal(7UL, m.X(2));
            Assert.Equal(El0Code + 12, m.Elr); // the end marker: HVC is UNDEFINED at EL0
            return;
        }
        Assert.Equal(0xD200_0062UL, m.Esr); // EC 0x34, IL, WnR, DFSC debug
        Assert.Equal(Data, m.Far);
        Assert.Equal(El0Code + 4, m.Elr);
    }

    /// <summary>EL1 sets MDSCR_EL1 (SS unless <paramref name="step"/> is false, MDE) and ERETs to EL0 code with SPSR.SS.</summary>
    private static GuestMachine El0Step(uint[] el0, bool spsrSs = true, bool breakpointAtEl0Code = false, bool step = true)
    {
        GuestMachine m = GuestMachine.Load([
            Msr(OSLAR_EL1, XZR),
            Msr(Dbgbvr(0), X(21)), Msr(Dbgbcr(0), X(22)),
            Msr(MDSCR_EL1, X(20)),
            Msr(new SysRegister(3, 0, 4, 0, 1), X(27)),  // ELR_EL1
            Msr(new SysRegister(3, 0, 4, 0, 0), X(28)),  // SPSR_EL1
            Isb(),
            Eret(),
        ]);
        m.WriteWords(El0Code, [.. el0, GuestMachine.EndMarker]);
        m.InstallHvcVectors();
        m.Core.X[20] = (step ? Ss : 0) | Mde;
        m.Core.X[21] = El0Code;
        m.Core.X[22] = breakpointAtEl0Code ? BreakpointEl1AndEl0 : 0;
        m.Core.X[24] = Data;
        m.Core.X[27] = El0Code;
        m.Core.X[28] = spsrSs ? 1UL << 21 : 0; // EL0t, DAIF clear
        return m;
    }
}

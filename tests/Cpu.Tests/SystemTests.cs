using Emulator.Cpu.Core;
using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Support.A64;
using static Emulator.Cpu.Tests.Support.Snippets;

namespace Emulator.Cpu.Tests;

/// <summary>MRS/MSR, PSTATE access, hints, barriers, and the instructions that leave the core (HVC, SMC, HLT, WFI).</summary>
public sealed class SystemTests
{
    private const ulong Data = GuestMachine.DataBase;

    [Fact]
    public void IdentificationRegisters()
    {
        var m = GuestMachine.Execute(Mrs(X0, MIDR_EL1), Mrs(X1, CurrentEL), Mrs(X2, ID_AA64PFR0_EL1), Mrs(X3, MPIDR_EL1), Mrs(X4, CNTFRQ_EL0));
        Assert.Equal(0x411F_D073UL, m.X(0));        // Arm Cortex-A57 r1p3: implementer 0x41, variant 1, arch 0xF, part 0xD07, rev 3
        Assert.Equal(4UL, m.X(1));                  // EL1 in bits [3:2]
        ulong pfr0 = m.X(2);
        Assert.Equal(1UL, pfr0 & 0xF);              // EL0: AArch64 only
        Assert.Equal(1UL, (pfr0 >> 4) & 0xF);       // EL1: AArch64 only
        Assert.Equal(0UL, (pfr0 >> 8) & 0xF);       // EL2 not implemented (for the guest)
        Assert.Equal(0UL, (pfr0 >> 12) & 0xF);      // EL3 not implemented
        Assert.Equal(0UL, (pfr0 >> 16) & 0xF);      // FP implemented, without half-precision arithmetic
        Assert.Equal(0UL, (pfr0 >> 20) & 0xF);      // AdvSIMD implemented, likewise
        Assert.Equal(0UL, (pfr0 >> 24) & 0xF);      // no GIC system registers without an interrupt controller
        Assert.Equal(0x0000_0011UL, pfr0);
        Assert.Equal(1UL, m.X(3) >> 31);            // MPIDR_EL1 bit 31 is RES1
        Assert.Equal(62_500_000UL, m.X(4));
    }

    [Fact]
    public void Sctlr_ResetValueAndRes1Bits()
    {
        var m = GuestMachine.Execute(Mrs(X0, SCTLR_EL1), Msr(SCTLR_EL1, XZR), Mrs(X1, SCTLR_EL1));
        Assert.Equal(0UL, m.X(0) & 1);              // MMU off
        ulong res1 = 1UL << 29 | 1UL << 28 | 1UL << 23 | 1UL << 22 | 1UL << 20 | 1UL << 11;
        Assert.Equal(res1, m.X(0) & res1);
        Assert.Equal(res1, m.X(1) & res1);          // writes cannot clear RES1 bits
    }

    [Fact]
    public void RegistersRoundTrip()
    {
        var m = GuestMachine.Execute([
            .. MovImm(X0, 0x4012_3FFF), Msr(VBAR_EL1, X0), Mrs(X1, VBAR_EL1),
            .. MovImm(X2, 0x1234_5678_9ABC_DEF0), Msr(ELR_EL1, X2), Mrs(X3, ELR_EL1),
            Msr(TPIDR_EL0, X2), Mrs(X4, TPIDR_EL0),
            Msr(TPIDR_EL1, X2), Mrs(X5, TPIDR_EL1),
            .. MovImm(X6, 0xF000_03C5), Msr(SPSR_EL1, X6), Mrs(X7, SPSR_EL1),
            Msr(ESR_EL1, X2), Mrs(X8, ESR_EL1),
            Msr(FAR_EL1, X2), Mrs(X9, FAR_EL1),
            .. MovImm(X10, 0xFFFF_FFFF_FFFF_FFFF), Msr(NZCV, X10), Mrs(X11, NZCV),
        ]);
        Assert.Equal(0x4012_3800UL, m.X(1));           // VBAR_EL1[10:0] are RES0
        Assert.Equal(0x1234_5678_9ABC_DEF0UL, m.X(3));
        Assert.Equal(0x1234_5678_9ABC_DEF0UL, m.X(4));
        Assert.Equal(0x1234_5678_9ABC_DEF0UL, m.X(5));
        Assert.Equal(0xF000_03C5UL, m.X(7));
        Assert.Equal(0x9ABC_DEF0UL, m.X(8));           // ESR_EL1 is 32 bits wide in Armv8.0
        Assert.Equal(0x1234_5678_9ABC_DEF0UL, m.X(9));
        Assert.Equal(0xF000_0000UL, m.X(11));          // only N, Z, C, V exist
        Assert.Equal(0xF000_0000u, m.Nzcv);
    }

    [Fact]
    public void DaifSetAndClear()
    {
        var m = GuestMachine.Execute([
            Mrs(X0, DAIF),                 // reset: all masked
            MsrDaifClr(0xF), Mrs(X1, DAIF),
            MsrDaifSet(0b0101), Mrs(X2, DAIF),   // A and F
            MsrDaifSet(0b1000), Mrs(X3, DAIF),   // + D
            MsrDaifClr(0b0001), Mrs(X4, DAIF),   // - F
            .. MovImm(X5, 0x80), Msr(DAIF, X5), Mrs(X6, DAIF),
        ]);
        Assert.Equal(0x3C0UL, m.X(0));
        Assert.Equal(0UL, m.X(1));
        Assert.Equal(0x140UL, m.X(2));
        Assert.Equal(0x340UL, m.X(3));
        Assert.Equal(0x300UL, m.X(4));
        Assert.Equal(0x80UL, m.X(6));
    }

    [Fact]
    public void SpSel_SwitchesBetweenSpEl0AndSpEl1()
    {
        var m = GuestMachine.Execute([
            .. SetSp(Data + 0x1000),                       // SP_EL1
            .. MovImm(X0, Data + 0x2000), Msr(SP_EL0, X0),
            Mrs(X1, SPSel),
            Mrs(X2, SP_EL0),
            MsrSpSel(0),
            MovSp(X3, SP), Mrs(X4, SPSel),
            AddImm(SP, SP, 0x10),                          // moves SP_EL0
            MsrSpSel(1),
            MovSp(X5, SP),
            Mrs(X6, SP_EL0),
            Msr(SPSel, XZR),                               // MSR SPSel, Xt (register form)
            MovSp(X7, SP), Mrs(X8, SPSel),
            Movz(X9, 1), Msr(SPSel, X9),
            MovSp(X10, SP),
        ]);
        Assert.Equal(1UL, m.X(1));
        Assert.Equal(Data + 0x2000, m.X(2));
        Assert.Equal(Data + 0x2000, m.X(3));
        Assert.Equal(0UL, m.X(4));
        Assert.Equal(Data + 0x1000, m.X(5));
        Assert.Equal(Data + 0x2010, m.X(6));
        Assert.Equal(Data + 0x2010, m.X(7));
        Assert.Equal(0UL, m.X(8));
        Assert.Equal(Data + 0x1000, m.X(10));
    }

    [Fact]
    public void SpEl0Access_WhileUsingSpEl0_IsUndefined()
    {
        var m = GuestMachine.Load([MsrSpSel(0), Mrs(X0, SP_EL0), GuestMachine.EndMarker]);
        m.InstallHvcVectors();
        m.RunToVector(GuestMachine.VectorCurrentElSp0Sync);
        Assert.Equal(0x0200_0000UL, m.Esr);
        Assert.Equal(GuestMachine.CodeBase + 4, m.Elr);
    }

    [Fact]
    public void CurrentEl_IsReadOnly()
    {
        var m = GuestMachine.Load([Msr(CurrentEL, X0), GuestMachine.EndMarker]);
        m.InstallHvcVectors();
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0x0200_0000UL, m.Esr);
    }

    [Fact]
    public void HintsAndBarriers_HaveNoArchitecturalEffectHere()
    {
        var m = GuestMachine.Execute([
            .. MovImm(X0, 5), .. SetFlags(0b1001),
            Nop(), Hint(1), Sev(), Wfe(),           // YIELD; WFE consumes the event SEV set
            Dsb(), Dsb(0b1011), Dmb(), Dmb(0b1010), Isb(), Clrex(),
            Hint(0x7F),                             // an unallocated hint executes as NOP
            AddImm(X0, X0, 1),
        ]);
        Assert.Equal(6UL, m.X(0));
        Assert.Equal(0x9000_0000u, m.Nzcv);
    }

    [Fact]
    public void Hvc_AtEl1_ExitsToTheHostWithItsImmediate()
    {
        var m = GuestMachine.Load([Nop(), Hvc(0xABCD), Movz(X0, 1), Hvc(0)]);
        Assert.Equal(CpuExit.HypervisorCall, m.Run());
        Assert.Equal((ushort)0xABCD, m.Core.ExitImmediate);
        Assert.Equal(GuestMachine.CodeBase + 8, m.Core.Pc);           // preferred return: the next instruction
        Assert.Equal(CpuExit.HypervisorCall, m.Run());                // resumes after it
        Assert.Equal((ushort)0, m.Core.ExitImmediate);
        Assert.Equal(1UL, m.X(0));
    }

    [Fact]
    public void Smc_AtEl1_ExitsToTheHost()
    {
        var m = GuestMachine.Load([Smc(0x12)]);
        Assert.Equal(CpuExit.SecureMonitorCall, m.Run());
        Assert.Equal((ushort)0x12, m.Core.ExitImmediate);
        Assert.Equal(GuestMachine.CodeBase + 4, m.Core.Pc);
    }

    [Fact]
    public void Hlt_SemihostingImmediateExits_OtherImmediatesAreUndefined()
    {
        var m = GuestMachine.Load([Hlt(0xF000), Hlt(1)]);
        m.InstallHvcVectors();
        Assert.Equal(CpuExit.Semihosting, m.Run());
        Assert.Equal(GuestMachine.CodeBase + 4, m.Core.Pc);
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0x0200_0000UL, m.Esr);
        Assert.Equal(GuestMachine.CodeBase + 4, m.Elr);

        var off = GuestMachine.Load([Hlt(0xF000)], new CpuConfiguration { Semihosting = false });
        off.InstallHvcVectors();
        off.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0x0200_0000UL, off.Esr);
    }

    [Fact]
    public void Wfi_WithNothingToWakeTheCore_Halts()
    {
        var m = GuestMachine.Load([Movz(X0, 1), Wfi(), Movz(X0, 2)]);
        Assert.Equal(CpuExit.Halted, m.Run());
        Assert.Equal(1UL, m.X(0));
    }

    [Theory]
    [InlineData(false, 0x07E0_0000UL)]     // WFI: EC 0x01, IL, CV 1, COND 0b1110, TI 0
    [InlineData(true, 0x07E0_0001UL)]      // WFE: TI 1
    public void WfiWfe_AtEl0_WithSctlrNTwxClear_TrapToEl1(bool wfe, ulong esr)
    {
        // SCTLR_EL1.nTWI (bit 16) and nTWE (bit 18) are 0 after reset here: EL0 WFI/WFE trap (AArch64.CheckForWFxTrap).
        var code = new CodeBuilder()
            .Emit("el0", off => Adr(X2, off)).Emit(Msr(ELR_EL1, X2), Msr(SPSR_EL1, XZR), Eret())
            .Label("el0").Emit(wfe ? Wfe() : Wfi(), Svc(0));
        var m = GuestMachine.Load(code.Build());
        m.InstallHvcVectors();
        m.RunToVector(GuestMachine.VectorLowerElSync);
        Assert.Equal(esr, m.Esr);
        Assert.Equal(GuestMachine.CodeBase + (ulong)code.LabelOffset("el0"), m.Elr);
    }

    [Fact]
    public void Wfi_AtEl0_WithSctlrNTwiSet_DoesNotTrap()
    {
        var code = new CodeBuilder()
            .Emit(Mrs(X0, SCTLR_EL1), OrrImm(X0, X0, 1UL << 16), Msr(SCTLR_EL1, X0))
            .Emit("el0", off => Adr(X2, off)).Emit(Msr(ELR_EL1, X2), Msr(SPSR_EL1, XZR), Eret())
            .Label("el0").Emit(Wfi(), Svc(0));
        var m = GuestMachine.Load(code.Build());
        m.InstallHvcVectors();
        Assert.Equal(CpuExit.Halted, m.Run());
        Assert.Equal(0, m.Core.CurrentEl);
    }
}

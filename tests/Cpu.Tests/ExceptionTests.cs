using Emulator.Cpu.Core;
using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Support.A64;
using static Emulator.Cpu.Tests.Support.Snippets;

namespace Emulator.Cpu.Tests;

/// <summary>
/// Synchronous exception entry and return (AArch64.TakeException, AArch64.ExceptionReturn,
/// IllegalExceptionReturn), syndromes (ESR_ELx) and fault addresses, checked through a vector
/// table whose entries end the run with HVC #(0x100 + entry).
/// </summary>
public sealed class ExceptionTests
{
    private const ulong Base = GuestMachine.CodeBase;
    private const ulong Data = GuestMachine.DataBase;
    private const ulong Vbar = GuestMachine.VectorBase;

    private static GuestMachine WithVectors(CodeBuilder code)
    {
        GuestMachine m = GuestMachine.Load(code.Build());
        m.InstallHvcVectors();
        return m;
    }

    private static CodeBuilder Code(params uint[] words) => new CodeBuilder().Emit(words);

    // ---- UDF, SVC, BRK at EL1 ----

    [Fact]
    public void Udf_TakesCurrentElSpxSyncVector_WithUnknownReasonSyndrome()
    {
        var code = Code([.. SetFlags(0b1010), MsrDaifClr(0xF), Nop()]).Label("udf").Emit(Udf(0x1234), GuestMachine.EndMarker);
        var m = WithVectors(code);
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0x0200_0000UL, m.Esr);                        // EC 0, IL 1, ISS 0
        Assert.Equal(Base + (ulong)code.LabelOffset("udf"), m.Elr);  // the faulting instruction
        Assert.Equal(0xA000_0005UL, m.Spsr);                       // NZCV = N C, DAIF clear, EL1h
        Assert.Equal(Vbar + 0x200 + 4, m.Core.Pc);                 // stopped after the HVC at the vector
        Assert.Equal(1, m.Core.CurrentEl);
        Assert.True(m.Core.SpSel);
        Assert.Equal(0x3C0u, m.Core.Daif);                         // all of D, A, I, F masked
        Assert.Equal(0xA000_0000u, m.Nzcv);                        // flags unchanged by entry
    }

    [Fact]
    public void Udf_WithSpSel0_TakesCurrentElSp0Vector()
    {
        var code = Code(MsrSpSel(0)).Label("udf").Emit(Udf(0));
        var m = WithVectors(code);
        m.RunToVector(GuestMachine.VectorCurrentElSp0Sync);
        Assert.Equal(0x3C4UL, m.Spsr);                 // DAIF masked (reset), EL1t
        Assert.Equal(Base + 4, m.Elr);
        Assert.True(m.Core.SpSel);                     // entry selects SP_EL1
    }

    [Fact]
    public void Svc_SyndromeHoldsImmediate_ElrIsNextInstruction()
    {
        var code = Code(Nop(), Svc(0x42), GuestMachine.EndMarker);
        var m = WithVectors(code);
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0x5600_0042UL, m.Esr);            // EC 0x15, IL 1, imm16
        Assert.Equal(0x15u, m.ExceptionClass);
        Assert.Equal(Base + 8, m.Elr);
    }

    [Fact]
    public void Brk_SyndromeHoldsImmediate_ElrIsTheBrk()
    {
        var code = Code(Nop(), Nop(), Brk(0x3E8), GuestMachine.EndMarker);
        var m = WithVectors(code);
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0xF200_03E8UL, m.Esr);            // EC 0x3C, IL 1, imm16
        Assert.Equal(Base + 8, m.Elr);
    }

    [Fact]
    public void Handler_ReturnsWithEret_RestoringPstateFromSpsr()
    {
        // The handler skips the faulting UDF, changes the flags and masks, and returns.
        var code = new CodeBuilder()
            .Emit(SetFlags(0b0110)).Emit(MsrDaifClr(0xF))
            .Emit(Udf(0))
            .Emit(Mrs(X2, NZCV), Mrs(X3, DAIF), Mrs(X4, CurrentEL), Movz(X5, 1))
            .Emit(GuestMachine.EndMarker);
        var m = GuestMachine.Load(code.Build());
        m.Core.Sys.VBAR_EL1 = Vbar;
        m.WriteWords(Vbar + 0x200, [
            Mrs(X0, ELR_EL1), AddImm(X0, X0, 4), Msr(ELR_EL1, X0),
            Mrs(X1, ESR_EL1), Mrs(X6, DAIF),
            CmpImm(X0, 0),                  // flags now C only
            Eret(),
        ]);
        m.RunToEnd();
        Assert.Equal(0x0200_0000UL, m.X(1));
        Assert.Equal(0x3C0UL, m.X(6));       // masked inside the handler
        Assert.Equal(0x6000_0000UL, m.X(2)); // restored from SPSR
        Assert.Equal(0UL, m.X(3));
        Assert.Equal(4UL, m.X(4));
        Assert.Equal(1UL, m.X(5));
    }

    // ---- EL0 ----

    /// <summary>Drops to EL0t at label "el0" with SP_EL0 = Data + 0x2000 and SP_EL1 = Data + 0x3000.</summary>
    private static CodeBuilder ToEl0(ulong spsr = 0x9000_0000)
    {
        return new CodeBuilder()
            .Emit(MovImm(X1, Data + 0x2000)).Emit(Msr(SP_EL0, X1))
            .Emit(SetSp(Data + 0x3000))
            .Emit("el0", off => Adr(X2, off)).Emit(Msr(ELR_EL1, X2))
            .Emit(MovImm(X3, spsr)).Emit(Msr(SPSR_EL1, X3))
            .Emit(Eret())
            .Emit(Udf(0xDEAD))
            .Label("el0");
    }

    [Fact]
    public void EretToEl0_ThenSvc_UsesLowerElVector()
    {
        var code = ToEl0().Emit(Mrs(X4, NZCV), MovSp(X5, SP)).Label("svc").Emit(Svc(7));
        var m = WithVectors(code);
        m.RunToVector(GuestMachine.VectorLowerElSync);
        Assert.Equal(0x9000_0000UL, m.X(4));                 // NZCV came from SPSR
        Assert.Equal(Data + 0x2000, m.X(5));                 // EL0 runs on SP_EL0
        Assert.Equal(0x5600_0007UL, m.Esr);
        Assert.Equal(Base + (ulong)code.LabelOffset("svc") + 4, m.Elr);
        Assert.Equal(0x9000_0000UL, m.Spsr);                 // M = EL0t, DAIF clear
        Assert.Equal(1, m.Core.CurrentEl);
        Assert.Equal(Data + 0x3000, m.Sp);                   // back on SP_EL1
        Assert.Equal(Data + 0x2000, m.Core.SpEl0);
    }

    [Fact]
    public void El0_State_IsVisibleToTheHost()
    {
        var code = ToEl0().Emit(Movz(X9, 9), B(0));          // spin at EL0
        var m = WithVectors(code);
        Assert.Equal(CpuExit.BudgetExhausted, m.Run(200));
        Assert.Equal(0, m.Core.CurrentEl);
        Assert.False(m.Core.SpSel);
        Assert.Equal(9UL, m.X(9));
        Assert.Equal(0u, m.Core.PackSpsr() & 0x1F);
    }

    public static TheoryData<string, uint> UndefinedAtEl0 => new()
    {
        { "MRS CurrentEL (EL1 and above only)", Mrs(X6, CurrentEL) },
        { "MRS SCTLR_EL1", Mrs(X6, SCTLR_EL1) },
        { "MRS MIDR_EL1", Mrs(X6, MIDR_EL1) },
        { "MSR VBAR_EL1", Msr(VBAR_EL1, X6) },
        { "MRS SPSel", Mrs(X6, SPSel) },
        { "MSR SPSel, #1", MsrSpSel(1) },
        { "HVC", Hvc(0) },
        { "ERET", Eret() },
        { "UDF", Udf(0) },
    };

    [Theory]
    [MemberData(nameof(UndefinedAtEl0))]
    public void El0_PrivilegedInstructions_AreUndefined(string name, uint insn)
    {
        var code = ToEl0().Label("insn").Emit(insn, Svc(1));
        var m = WithVectors(code);
        m.RunToVector(GuestMachine.VectorLowerElSync);
        Assert.True(m.Esr == 0x0200_0000, $"{name}: ESR 0x{m.Esr:x}");
        Assert.Equal(Base + (ulong)code.LabelOffset("insn"), m.Elr);
        Assert.Equal(0x9000_0000UL, m.Spsr);
    }

    [Fact]
    public void El0_DaifAccess_TrapsWithSystemRegisterSyndrome_UnlessSctlrUmaIsSet()
    {
        var code = ToEl0().Label("mrs").Emit(Mrs(X7, DAIF), Svc(1));
        var m = WithVectors(code);
        m.RunToVector(GuestMachine.VectorLowerElSync);
        // EC 0x18; ISS: Op0 3 [21:20], Op2 1 [19:17], Op1 3 [16:14], CRn 4 [13:10], Rt 7 [9:5], CRm 2 [4:1], read [0].
        Assert.Equal(0x6232_D0E5UL, m.Esr);
        Assert.Equal(Base + (ulong)code.LabelOffset("mrs"), m.Elr);

        var code2 = ToEl0().Label("msr").Emit(MsrDaifSet(2), Svc(1));
        m = WithVectors(code2);
        m.RunToVector(GuestMachine.VectorLowerElSync);
        // MSR DAIFSet, #2: Op0 0, Op2 6, Op1 3, CRn 4, Rt 31, CRm 2, write.
        Assert.Equal(0x620C_D3E4UL, m.Esr);

        var code3 = new CodeBuilder().Emit(Mrs(X0, SCTLR_EL1), OrrImm(X0, X0, 1UL << 9), Msr(SCTLR_EL1, X0)) // UMA
            .Emit(ToEl0().Build()).Emit(MsrDaifSet(2), Mrs(X7, DAIF), Svc(1));
        m = WithVectors(code3);
        m.RunToVector(GuestMachine.VectorLowerElSync);
        Assert.Equal(0x5600_0001UL, m.Esr);
        Assert.Equal(0x80UL, m.X(7));
    }

    [Fact]
    public void El0_UnalignedLoad_TakesDataAbortFromLowerEl()
    {
        var code = ToEl0().Emit(MovImm(X1, Data + 4)).Label("ldr").Emit(Ldr(X0, Mem(X1)), Svc(1));
        var m = WithVectors(code);
        m.RunToVector(GuestMachine.VectorLowerElSync);
        Assert.Equal(0x9200_0021UL, m.Esr);     // EC 0x24, IL, DFSC alignment
        Assert.Equal(Data + 4, m.Far);
        Assert.Equal(Base + (ulong)code.LabelOffset("ldr"), m.Elr);
    }

    // ---- Exception return ----

    [Theory]
    [InlineData(0x6000_0009UL)]   // EL2h: not implemented for the guest
    [InlineData(0x6000_0008UL)]   // EL2t
    [InlineData(0x6000_000DUL)]   // EL3h
    [InlineData(0x6000_0010UL)]   // AArch32 User (M[4] = 1): AArch32 is not implemented
    [InlineData(0x6000_0013UL)]   // AArch32 Supervisor
    [InlineData(0x6000_0001UL)]   // M = 0b0001: EL0 with M[0] = 1
    [InlineData(0x6000_0006UL)]   // M[1] = 1: reserved
    public void Eret_ToIllegalMode_SetsIl_AndNextInstructionTakesIllegalStateException(ulong spsr)
    {
        var code = new CodeBuilder()
            .Emit("target", off => Adr(X2, off)).Emit(Msr(ELR_EL1, X2))
            .Emit(MovImm(X3, spsr)).Emit(Msr(SPSR_EL1, X3))
            .Emit(Eret())
            .Emit(Udf(0xDEAD))
            .Label("target").Emit(Movz(X9, 1), GuestMachine.EndMarker);
        var m = WithVectors(code);
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0x3A00_0000UL, m.Esr);                                // EC 0x0E, IL
        Assert.Equal(Base + (ulong)code.LabelOffset("target"), m.Elr);     // the instruction that was not executed
        Assert.Equal(0UL, m.X(9));
        // PSTATE.EL and SP unchanged (EL1h), NZCV and DAIF from the SPSR, PSTATE.IL = 1 saved in SPSR.
        Assert.Equal(0x6010_0005UL, m.Spsr);
        Assert.False(m.Core.IllegalState);                                 // cleared by the exception entry
    }

    [Fact]
    public void Eret_WithSpsrIlSet_ToALegalMode_AlsoTakesIllegalState()
    {
        var code = new CodeBuilder()
            .Emit("target", off => Adr(X2, off)).Emit(Msr(ELR_EL1, X2))
            .Emit(MovImm(X3, 0x0010_03C5)).Emit(Msr(SPSR_EL1, X3))
            .Emit(Eret())
            .Label("target").Emit(Movz(X9, 1), GuestMachine.EndMarker);
        var m = WithVectors(code);
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0x3A00_0000UL, m.Esr);
        Assert.Equal(0UL, m.X(9));
    }

    [Fact]
    public void Eret_ToEl1t_SelectsSpEl0()
    {
        var code = new CodeBuilder()
            .Emit(MovImm(X1, Data + 0x2000)).Emit(Msr(SP_EL0, X1))
            .Emit(SetSp(Data + 0x3000))
            .Emit("target", off => Adr(X2, off)).Emit(Msr(ELR_EL1, X2))
            .Emit(MovImm(X3, 0x2000_0004)).Emit(Msr(SPSR_EL1, X3))
            .Emit(Eret())
            .Label("target").Emit(MovSp(X4, SP), Mrs(X5, SPSel), Mrs(X6, CurrentEL), Mrs(X7, NZCV), Mrs(X8, DAIF), GuestMachine.EndMarker);
        var m = GuestMachine.Load(code.Build());
        m.RunToEnd();
        Assert.Equal(Data + 0x2000, m.X(4));
        Assert.Equal(0UL, m.X(5));
        Assert.Equal(4UL, m.X(6));
        Assert.Equal(0x2000_0000UL, m.X(7));
        Assert.Equal(0UL, m.X(8));
        Assert.Equal(Data + 0x3000, m.Core.SpEl1);
    }

    // ---- Data aborts ----

    [Fact]
    public void UnalignedLoadsAndStores_MmuOff_TakeAlignmentFault()
    {
        // X1 = Data + 4: 4-aligned, not 8-aligned.
        (string Name, uint Insn, ulong Far, bool Write)[] cases =
        [
            ("LDR X", Ldr(X0, Mem(X1)), Data + 4, false),
            ("LDR W", Ldr(W0, MemUnscaled(X1, 2)), Data + 6, false),
            ("LDRH", Ldrh(W0, MemUnscaled(X1, 1)), Data + 5, false),
            ("LDRSH", Ldrsh(X0, MemUnscaled(X1, 3)), Data + 7, false),
            ("LDUR X", Ldr(X0, MemUnscaled(X1, -2)), Data + 2, false),
            ("LDRSW", Ldrsw(X0, MemUnscaled(X1, 1)), Data + 5, false),
            ("LDP X", Ldp(X0, X2, X1), Data + 4, false),
            ("LDR X pre-index", Ldr(X0, Pre(X1, 8)), Data + 12, false),
            ("STR X", Str(X0, Mem(X1, 8)), Data + 12, true),
            ("STR W", Str(W0, MemUnscaled(X1, 1)), Data + 5, true),
            ("STRH", Strh(W0, MemUnscaled(X1, 3)), Data + 7, true),
            ("STP X", Stp(X0, X2, X1), Data + 4, true),
        ];
        foreach ((string name, uint insn, ulong far, bool write) in cases)
        {
            var code = Code([.. MovImm(X1, Data + 4), insn, GuestMachine.EndMarker]);
            var m = WithVectors(code);
            m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
            ulong expected = 0x9600_0021UL | (write ? 1UL << 6 : 0);   // EC 0x25, IL, WnR, DFSC alignment
            Assert.True(expected == m.Esr && far == m.Far, $"{name}: ESR 0x{m.Esr:x} FAR 0x{m.Far:x}");
            Assert.Equal(Base + (ulong)(code.Count - 2) * 4, m.Elr);
            Assert.Equal(Data + 4, m.X(1));                             // no writeback
        }
    }

    [Theory]
    [InlineData(0x1000_0000UL, false, 0x9600_0010UL)]         // below RAM, nothing mapped: external abort
    [InlineData(0x1000_0000UL, true, 0x9600_0050UL)]
    [InlineData(0x5000_0000UL, false, 0x9600_0010UL)]         // above the 16 MiB of RAM
    [InlineData(0x100_0000_0000UL, false, 0x9600_0000UL)]     // beyond the 40-bit PA range: address size fault, level 0
    public void AccessToUnmappedPhysicalAddress_TakesDataAbort(ulong address, bool write, ulong esr)
    {
        var code = Code([.. MovImm(X1, address), write ? Str(X0, Mem(X1)) : Ldr(X0, Mem(X1)), GuestMachine.EndMarker]);
        var m = WithVectors(code);
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(esr, m.Esr);
        Assert.Equal(address, m.Far);
        Assert.Equal(Base + (ulong)(code.Count - 2) * 4, m.Elr);
    }

    [Fact]
    public void MmioDeviceBusError_TakesExternalAbort()
    {
        var device = new LoadStoreTests.RecordingDevice(fail: true);
        var code = Code([.. MovImm(X1, 0x0900_0000), Ldr(W0, Mem(X1, 8)), GuestMachine.EndMarker]);
        var m = WithVectors(code);
        m.Bus.AddMmio(0x0900_0000, 0x1000, device);
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0x9600_0010UL, m.Esr);
        Assert.Equal(0x0900_0008UL, m.Far);
    }

    [Fact]
    public void SpAlignmentCheck_WithSctlrSa_FaultsOnMisalignedSpBase()
    {
        uint[] enableSa = [Mrs(X0, SCTLR_EL1), OrrImm(X0, X0, 1UL << 3), Msr(SCTLR_EL1, X0)];
        var code = Code([.. enableSa, .. SetSp(Data + 0x1008), AddImm(SP, SP, 8), SubImm(SP, SP, 8)]) // SP arithmetic is fine
            .Label("ldr").Emit(Ldr(X1, Mem(SP)), GuestMachine.EndMarker);
        var m = WithVectors(code);
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0x9A00_0000UL, m.Esr);      // EC 0x26, IL
        Assert.Equal(Base + (ulong)code.LabelOffset("ldr"), m.Elr);

        // The same load with SA clear, and with SA set but SP 16-byte aligned, succeeds.
        GuestMachine.Execute([.. SetSp(Data + 0x1008), Ldr(X1, Mem(SP))]);
        GuestMachine.Execute([.. enableSa, .. SetSp(Data + 0x1010), Ldr(X1, Mem(SP, 8)), Stp(X1, X1, SP, -16, A64.PairMode.PreIndex)]);
    }

    // ---- Instruction fetch faults ----

    [Theory]
    [InlineData(0x102UL)]      // in the page being executed
    [InlineData(0x2001UL)]     // in another page
    public void BranchToMisalignedAddress_TakesPcAlignmentFault(ulong offset)
    {
        var code = Code([.. MovImm(X1, Base + offset), Br(X1), GuestMachine.EndMarker]);
        var m = WithVectors(code);
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0x8A00_0000UL, m.Esr);      // EC 0x22, IL
        Assert.Equal(Base + offset, m.Elr);
        Assert.Equal(Base + offset, m.Far);
    }

    [Fact]
    public void BranchToUnmappedAddress_TakesInstructionAbort()
    {
        var code = Code([.. MovImm(X1, 0x1000_0000), Blr(X1), GuestMachine.EndMarker]);
        var m = WithVectors(code);
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0x8600_0010UL, m.Esr);      // EC 0x21, IL, IFSC synchronous external abort
        Assert.Equal(0x1000_0000UL, m.Elr);
        Assert.Equal(0x1000_0000UL, m.Far);
        Assert.Equal(Base + (ulong)(code.Count - 1) * 4, m.X(30));
    }

    // ---- A guest without working vectors ----

    [Fact]
    public void ZeroVectorTable_StopsWithGuestFault()
    {
        var m = GuestMachine.Load([Nop(), Udf(0)]);
        m.Core.Sys.VBAR_EL1 = Data;                  // never written: reads as UDF #0
        Assert.Equal(CpuExit.GuestFault, m.Run());
        GuestFaultRecord? fault = m.Core.LastGuestFault;
        Assert.NotNull(fault);
        Assert.Equal(Data + 0x200, fault.Pc);
        Assert.Equal(0x0200_0000UL, fault.Esr);
        Assert.Equal(0u, fault.Instruction);
        Assert.Equal(Base + 4, fault.Elr);
        Assert.Equal(1, fault.ExceptionLevel);
    }

    [Fact]
    public void VectorTableOutsideMemory_StopsWithGuestFault()
    {
        var m = GuestMachine.Load([Udf(0)]);         // VBAR_EL1 resets to 0 here: nothing is mapped there
        Assert.Equal(CpuExit.GuestFault, m.Run(1000));
        GuestFaultRecord? fault = m.Core.LastGuestFault;
        Assert.NotNull(fault);
        Assert.Equal(0x200UL, fault.Pc);
        Assert.Equal(0x8600_0010UL, fault.Esr);
        Assert.Null(fault.Instruction);
        Assert.Equal(Base, fault.Elr);
    }
}

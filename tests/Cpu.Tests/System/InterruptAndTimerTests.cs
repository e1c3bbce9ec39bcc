using Emulator.Cpu.Core;
using Emulator.Cpu.System;
using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests.System;

/// <summary>
/// IRQ/FIQ delivery at instruction boundaries, the Generic Timer (CNTP_*, CNTV_*, CNTKCTL_EL1 EL0
/// controls), WFI sleep and halt, and the registers EL1 may not reach (EL2, ICC_* without GICv3).
/// Counter: 62.5 MHz at a 1 GHz core clock, so one tick is 16 cycles (one cycle per instruction).
/// </summary>
public sealed class InterruptAndTimerTests
{
    // The default timing profile: an exception entry flushes the pipeline, HVC and MRS are system instructions.
    private static readonly Emulator.Mmu.Caches.CoreTimingConfig A72 = Emulator.Mmu.Caches.CachePresets.CortexA72.Core;
    private static readonly ulong EntryThenHvc = (ulong)(A72.ExceptionEntry + A72.System);

    private static readonly SysRegister CNTP_TVAL = new(3, 3, 14, 2, 0), CNTP_CTL = new(3, 3, 14, 2, 1), CNTP_CVAL = new(3, 3, 14, 2, 2);
    private static readonly SysRegister CNTV_TVAL = new(3, 3, 14, 3, 0), CNTV_CTL = new(3, 3, 14, 3, 1), CNTV_CVAL = new(3, 3, 14, 3, 2);
    private static readonly SysRegister CNTVCT = new(3, 3, 14, 0, 2), CNTKCTL = new(3, 0, 14, 1, 0);
    private static readonly SysRegister HCR_EL2 = new(3, 4, 1, 1, 0), CNTVOFF_EL2 = new(3, 4, 14, 0, 3);
    private static readonly SysRegister ICC_PMR = new(3, 0, 4, 6, 0), ICC_SRE = new(3, 0, 12, 12, 5);

    private const ushort VectorIrqSpx = 0x105, VectorFiqSpx = 0x106, VectorIrqLowerEl = 0x109;

    private static (GuestMachine Machine, DirectInterruptController Gic) Machine(IEnumerable<uint> code, bool gicv3 = false)
    {
        GuestMachine m = GuestMachine.Load(code);
        var gic = new DirectInterruptController(m.Core, gicv3);
        m.Core.InterruptController = gic;
        m.InstallHvcVectors();
        return (m, gic);
    }

    [Fact]
    public void Irq_unmasked_by_daifclr_is_taken_before_the_next_instruction()
    {
        (GuestMachine m, _) = Machine([Nop(), MsrDaifClr(2), Movz(X0, 1), Hvc(0)]);
        m.Core.SetInterruptRequest(irq: true, fiq: false);
        m.RunToVector(VectorIrqSpx);
        Assert.Equal(GuestMachine.CodeBase + 8, m.Elr); // the MOVZ, not yet executed
        Assert.Equal(0UL, m.X(0));
        Assert.Equal(0x345UL, m.Spsr); // EL1h with D, A, F masked and I clear
        Assert.Equal(Spsr.DaifMask, m.Core.Daif);
        Assert.Equal(3UL, m.Core.Instructions); // NOP, MSR, then the HVC at the vector
    }

    [Fact]
    public void Masked_irq_is_not_taken()
    {
        (GuestMachine m, _) = Machine([Nop(), Movz(X0, 1), Hvc(0)]);
        m.Core.SetInterruptRequest(irq: true, fiq: false);
        m.RunToEnd();
        Assert.Equal(1UL, m.X(0));
    }

    [Fact]
    public void Fiq_goes_to_the_fiq_vector_and_eret_unmasking_takes_it()
    {
        // ERET to the MOVZ with SPSR.F clear: the FIQ is taken right after the ERET.
        (GuestMachine m, _) = Machine([Eret(), Movz(X0, 1), Hvc(0)]);
        m.Core.Sys.SPSR_EL1 = 0x385; // EL1h, D A I masked, F clear
        m.Core.Sys.ELR_EL1 = GuestMachine.CodeBase + 4;
        m.Core.SetInterruptRequest(irq: false, fiq: true);
        m.RunToVector(VectorFiqSpx);
        Assert.Equal(GuestMachine.CodeBase + 4, m.Elr);
        Assert.Equal(0UL, m.X(0));
    }

    [Fact]
    public void Irq_from_el0_goes_to_the_lower_el_vector()
    {
        (GuestMachine m, _) = Machine([Eret(), Nop(), Nop(), Hvc(0)]);
        m.Core.Sys.SPSR_EL1 = 0x0; // EL0t, all unmasked
        m.Core.Sys.ELR_EL1 = GuestMachine.CodeBase + 4;
        m.Core.SetInterruptRequest(irq: true, fiq: false);
        m.RunToVector(VectorIrqLowerEl);
        Assert.Equal(GuestMachine.CodeBase + 4, m.Elr);
        Assert.Equal(0UL, m.Spsr & 0xF); // from EL0t
    }

    [Fact]
    public void Virtual_timer_interrupt_is_taken_exactly_at_its_deadline()
    {
        (GuestMachine m, DirectInterruptController gic) = Machine([
            Movz(X0, 100), Movz(X1, 1),
            Msr(CNTV_TVAL, X0),     // instruction 3: count 0, CVAL = 100 = cycle 1600
            Msr(CNTV_CTL, X1),
            MsrDaifClr(2),
            B(0)]);                 // spin
        m.RunToVector(VectorIrqSpx);
        Assert.Equal(1600UL + EntryThenHvc, m.Core.Cycles); // taken at the boundary of cycle 1600 (each B of the spin costs 1), then the HVC
        Assert.Equal(GuestMachine.CodeBase + 20, m.Elr);
        Assert.Contains((ArmCore.VirtualTimerIntid, true, 1600UL), gic.Changes);
        Assert.Equal(100UL, m.Core.Timer.Virtual.Cval);
        Assert.Equal(GenericTimer.CtlEnable | GenericTimer.CtlIstatus, m.Core.Timer.Virtual.Ctl);
    }

    [Fact]
    public void Physical_timer_uses_cval_and_drives_its_own_ppi()
    {
        (GuestMachine m, DirectInterruptController gic) = Machine([
            Movz(X0, 10), Movz(X1, 1),
            Msr(CNTP_CVAL, X0), Msr(CNTP_CTL, X1), MsrDaifClr(2), B(0)]);
        m.RunToVector(VectorIrqSpx);
        Assert.Equal(160UL + EntryThenHvc, m.Core.Cycles);
        Assert.Contains((ArmCore.PhysicalTimerIntid, true, 160UL), gic.Changes);
    }

    [Fact]
    public void Imask_keeps_the_output_low_but_istatus_reads_one_and_tval_goes_negative()
    {
        (GuestMachine m, DirectInterruptController gic) = Machine([
            Movz(X1, 3), Msr(CNTP_TVAL, XZR), Msr(CNTP_CTL, X1),
            .. Enumerable.Repeat(Nop(), 40),
            Mrs(X2, CNTP_CTL), Mrs(X3, CNTP_TVAL), Hvc(0)]);
        m.RunToEnd();
        Assert.Equal(7UL, m.X(2)); // ENABLE | IMASK | ISTATUS
        Assert.True((long)m.X(3) < 0, $"TVAL 0x{m.X(3):x} should be negative after the deadline");
        Assert.DoesNotContain(gic.Changes, c => c.Level);
    }

    [Fact]
    public void Disabled_timer_reads_istatus_zero()
    {
        (GuestMachine m, _) = Machine([Msr(CNTV_TVAL, XZR), Nop(), Mrs(X2, CNTV_CTL), Hvc(0)]);
        m.RunToEnd();
        Assert.Equal(0UL, m.X(2));
    }

    [Fact]
    public void Wfi_sleeps_to_the_timer_deadline_without_executing_instructions()
    {
        (GuestMachine m, _) = Machine([
            MovImm(X0, 1000)[0], Movz(X1, 1),
            Msr(CNTV_TVAL, X0),     // count 0: deadline at tick 1000 = cycle 16000
            Msr(CNTV_CTL, X1),
            Wfi(),                  // IRQ masked: wakes, does not take it
            Mrs(X2, CNTVCT), Hvc(0)]);
        m.RunToEnd();
        Assert.Equal(7UL, m.Core.Instructions);
        Assert.Equal(16000UL + 2 * (ulong)A72.System, m.Core.Cycles); // woken at the deadline, then MRS and HVC
        Assert.Equal(1000UL, m.X(2));
        Assert.True(m.Core.IrqAsserted);
    }

    [Fact]
    public void Wfi_with_nothing_armed_halts()
    {
        (GuestMachine m, _) = Machine([Nop(), Wfi(), Hvc(0)]);
        Assert.Equal(CpuExit.Halted, m.Run());
        Assert.Equal(GuestMachine.CodeBase + 8, m.Core.Pc);
    }

    [Fact]
    public void Wfi_with_only_a_masked_timer_armed_halts()
    {
        (GuestMachine m, _) = Machine([Movz(X1, 3), Movz(X0, 100), Msr(CNTP_TVAL, X0), Msr(CNTP_CTL, X1), Wfi(), Hvc(0)]);
        Assert.Equal(CpuExit.Halted, m.Run());
    }

    [Fact]
    public void Wfe_wakes_on_the_event_stream()
    {
        // EVNTEN, EVNTI = 4, EVNTDIR = 0: an event when bit 4 of CNTVCT goes 0 to 1 (count 16 = cycle 256).
        (GuestMachine m, _) = Machine([Movz(X0, 0x44), Msr(CNTKCTL, X0), Wfe(), Mrs(X2, CNTVCT), Wfe(), Mrs(X3, CNTVCT), Hvc(0)]);
        m.RunToEnd();
        Assert.Equal(16UL, m.X(2));
        Assert.Equal(48UL, m.X(3));
    }

    [Fact]
    public void Wfe_without_the_event_stream_or_a_timer_halts()
    {
        (GuestMachine m, _) = Machine([Wfe(), Hvc(0)]);
        Assert.Equal(CpuExit.Halted, m.Run());
    }

    [Fact]
    public void Host_standby_sleeps_to_the_timer_interrupt_or_reports_nothing_can_wake()
    {
        (GuestMachine m, _) = Machine([Movz(X0, 100), Movz(X1, 1), Msr(CNTV_TVAL, X0), Msr(CNTV_CTL, X1), Hvc(0)]);
        m.RunToEnd();
        Assert.True(m.Core.SleepUntilInterrupt()); // as PSCI CPU_SUSPEND does
        Assert.Equal(1600UL, m.Core.Cycles);
        Assert.True(m.Core.IrqAsserted);

        (GuestMachine idle, _) = Machine([Hvc(0)]);
        idle.RunToEnd();
        Assert.False(idle.Core.SleepUntilInterrupt());
    }

    [Fact]
    public void Wfe_with_a_pending_event_does_not_sleep()
    {
        (GuestMachine m, _) = Machine([Hint(5), Wfe(), Movz(X0, 9), Hvc(0)]); // SEVL; WFE consumes the event
        m.RunToEnd();
        Assert.Equal(9UL, m.X(0));
    }

    [Fact]
    public void Wfi_with_an_interrupt_already_pending_but_masked_completes_at_once()
    {
        (GuestMachine m, _) = Machine([Wfi(), Movz(X0, 9), Hvc(0)]);
        m.Core.SetInterruptRequest(irq: true, fiq: false);
        m.RunToEnd();
        Assert.Equal(9UL, m.X(0));
        Assert.Equal(0UL, m.Core.IdleCycles);
    }

    [Fact]
    public void Stop_points_stay_exact_across_run_slices()
    {
        (GuestMachine m, _) = Machine([
            Movz(X0, 100), Movz(X1, 1), Msr(CNTV_TVAL, X0), Msr(CNTV_CTL, X1), MsrDaifClr(2), B(0)]);
        CpuExit exit;
        do
        {
            exit = m.Run(7); // many small slices, as the run loop gives
        }
        while (exit == CpuExit.BudgetExhausted);
        Assert.Equal(CpuExit.HypervisorCall, exit);
        Assert.Equal(VectorIrqSpx, m.Core.ExitImmediate);
        Assert.Equal(1600UL + EntryThenHvc, m.Core.Cycles);
    }

    [Theory]
    [InlineData(2, 9)] // CNTP_CTL_EL0 needs EL0PTEN
    [InlineData(3, 8)] // CNTV_CTL_EL0 needs EL0VTEN
    public void El0_timer_access_traps_with_ec_0x18_unless_cntkctl_allows_it(int crm, int enableBit)
    {
        var ctl = new SysRegister(3, 3, 14, crm, 1);
        (GuestMachine m, _) = Machine([Eret(), Mrs(X5, ctl), Hvc(0)]);
        m.Core.Sys.SPSR_EL1 = 0x3C0; // EL0t, masked
        m.Core.Sys.ELR_EL1 = GuestMachine.CodeBase + 4;
        m.RunToVector(GuestMachine.VectorLowerElSync);
        Assert.Equal(0x18u, m.ExceptionClass);
        uint iss = (uint)m.Esr & 0x1FFFFFF;
        Assert.Equal(3u << 20 | 1u << 17 | 3u << 14 | 14u << 10 | 5u << 5 | (uint)crm << 1 | 1u, iss);
        Assert.Equal(GuestMachine.CodeBase + 4, m.Elr);

        (GuestMachine allowed, _) = Machine([Eret(), Mrs(X5, ctl), Movz(X6, 1), Svc(0)]);
        allowed.Core.Sys.SPSR_EL1 = 0x3C0;
        allowed.Core.Sys.ELR_EL1 = GuestMachine.CodeBase + 4;
        allowed.Core.Sys.CNTKCTL_EL1 = 1UL << enableBit;
        allowed.RunToVector(GuestMachine.VectorLowerElSync);
        Assert.Equal(0x15u, allowed.ExceptionClass); // reached the SVC
        Assert.Equal(1UL, allowed.X(6));
    }

    [Fact]
    public void El0_counter_read_traps_unless_el0vcten()
    {
        (GuestMachine m, _) = Machine([Eret(), Mrs(X5, CNTVCT), Hvc(0)]);
        m.Core.Sys.SPSR_EL1 = 0x3C0;
        m.Core.Sys.ELR_EL1 = GuestMachine.CodeBase + 4;
        m.RunToVector(GuestMachine.VectorLowerElSync);
        Assert.Equal(0x18u, m.ExceptionClass);
    }

    [Fact]
    public void Virtual_count_subtracts_the_hypervisors_cntvoff()
    {
        (GuestMachine m, _) = Machine([.. Enumerable.Repeat(Nop(), 160), Mrs(X0, CNTVCT), Hvc(0)]);
        m.Core.El2.CNTVOFF_EL2 = 4;
        m.RunToEnd();
        Assert.Equal(10UL - 4, m.X(0)); // 161 cycles = 10 ticks
    }

    [Fact]
    public void El2_registers_are_undefined_for_the_guest()
    {
        (GuestMachine m, _) = Machine([Mrs(X0, HCR_EL2), Hvc(0)]);
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0x02000000UL, m.Esr);

        (GuestMachine w, _) = Machine([Msr(CNTVOFF_EL2, X0), Hvc(0)]);
        w.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0x02000000UL, w.Esr);
        Assert.Equal(0UL, w.Core.El2.CNTVOFF_EL2);
    }

    [Fact]
    public void Icc_registers_reach_a_gicv3_and_are_undefined_without_one()
    {
        (GuestMachine v3, DirectInterruptController gic) = Machine([Mrs(X0, ICC_PMR), Msr(ICC_PMR, X0), Mrs(X1, ID_AA64PFR0_EL1), Hvc(0)], gicv3: true);
        v3.RunToEnd();
        Assert.Equal(0x1234UL, v3.X(0));
        Assert.Equal([IccSysReg.ICC_PMR_EL1], gic.SystemRegisterWrites);
        Assert.Equal(1UL, (v3.X(1) >> 24) & 0xF);

        (GuestMachine v2, _) = Machine([Mrs(X1, ID_AA64PFR0_EL1), Mrs(X0, ICC_SRE), Hvc(0)]);
        v2.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0UL, (v2.X(1) >> 24) & 0xF);
        Assert.Equal(0x02000000UL, v2.Esr);
    }
}

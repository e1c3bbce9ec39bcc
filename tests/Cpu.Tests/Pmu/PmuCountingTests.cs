using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Pmu.PmuGuest;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests.Pmu;

/// <summary>
/// Counting: SW_INCR through PMSWINC_EL0, INST_RETIRED and CPU_CYCLES against the core's own
/// instruction and cycle counts, filtering by Exception level (P, U), and the overflow interrupt
/// (PPI 7, INTID 23) with PMOVSSET_EL0.
/// </summary>
public sealed class PmuCountingTests
{
    [Fact]
    public void Pmswinc_increments_enabled_sw_incr_counters_only()
    {
        GuestMachine m = GuestMachine.Execute([
            // counter 0 and 1 count SW_INCR (type 0); counter 1 enabled, counter 0 not; then E
            Movz(X(2), 0b10), Msr(PMCNTENSET_EL0, X(2)), Movz(X(2), (uint)E), Msr(PMCR_EL0, X(2)),
            Movz(X(3), 0b11), Msr(PMSWINC_EL0, X(3)), Msr(PMSWINC_EL0, X(3)), Msr(PMSWINC_EL0, X(3)),
            Mrs(X(4), PMEVCNTR(0)), Mrs(X(5), PMEVCNTR(1)),
            // an enabled counter of another event ignores PMSWINC
            Movz(X(2), 0x08), Msr(PMEVTYPER(1), X(2)), Mrs(X(6), PMEVCNTR(1)), Msr(PMSWINC_EL0, X(3)), Mrs(X(7), PMEVCNTR(1)),
        ]);
        Assert.Equal(0UL, m.X(4));
        Assert.Equal(3UL, m.X(5));
        Assert.Equal(2UL, m.X(7) - m.X(6)); // INST_RETIRED: the MSR and the MRS, not the PMSWINC as an increment
    }

    [Fact]
    public void Pmswinc_overflow_wraps_to_zero_and_sets_pmovsset()
    {
        GuestMachine m = GuestMachine.Execute([
            Movz(X(2), 0b100), Msr(PMCNTENSET_EL0, X(2)), Movz(X(2), (uint)E), Msr(PMCR_EL0, X(2)),
            .. MovImm(X(2), 0xFFFF_FFFF), Msr(PMEVCNTR(2), X(2)),
            Movz(X(3), 0b100), Msr(PMSWINC_EL0, X(3)),
            Mrs(X(4), PMEVCNTR(2)), Mrs(X(5), PMOVSSET_EL0),
        ]);
        Assert.Equal(0UL, m.X(4));
        Assert.Equal(0b100UL, m.X(5));
    }

    [Fact]
    public void Inst_retired_counts_the_instructions_after_the_enable_up_to_the_read()
    {
        GuestMachine m = GuestMachine.Execute([
            Movz(X(2), 0x08), Msr(PMEVTYPER(0), X(2)), Movz(X(2), 1), Msr(PMCNTENSET_EL0, X(2)),
            Movz(X(2), (uint)E), Msr(PMCR_EL0, X(2)), // counting starts after this MSR
            Nop(), Nop(), Nop(), Nop(), Nop(), Nop(), Nop(), Nop(), Nop(), Nop(),
            Mrs(X(4), PMEVCNTR(0)), // the read counts itself
        ]);
        Assert.Equal(11UL, m.X(4));
    }

    [Fact]
    public void Cycle_counter_and_cpu_cycles_follow_the_timing_model_and_d_divides_by_64()
    {
        GuestMachine m = GuestMachine.Execute([
            Movz(X(2), 0x11), Msr(PMEVTYPER(0), X(2)), .. MovImm(X(2), 0x8000_0001), Msr(PMCNTENSET_EL0, X(2)),
            Movz(X(2), (uint)E), Msr(PMCR_EL0, X(2)),
            .. MovImm(X(9), 200), SubImm(X(9), X(9), 1), Cbnz(X(9), -4),
            Mrs(X(4), PMCCNTR_EL0), Mrs(X(5), PMEVCNTR(0)),
            Movz(X(2), (uint)(E | C | D)), Msr(PMCR_EL0, X(2)),
            .. MovImm(X(9), 200), SubImm(X(9), X(9), 1), Cbnz(X(9), -4),
            Mrs(X(6), PMCCNTR_EL0), Mrs(X(7), PMEVCNTR(0)),
        ]);
        Assert.InRange(m.X(4), 400UL, 100_000UL); // at least one cycle per instruction
        Assert.InRange(m.X(5) - m.X(4), 1UL, 20UL); // both count from the same MSR; read one MRS apart, which costs its cycles
        ulong counted = m.X(7) - m.X(5);
        Assert.InRange(m.X(6), counted / 64 - 1, counted / 64 + 1); // D: every 64th cycle
    }

    [Fact]
    public void Filtering_by_el_splits_el0_and_el1_instructions()
    {
        // counter 0: INST_RETIRED everywhere; 1: not at EL1 (P); 2: not at EL0 (U).
        uint[] setup = [
            Movz(X(2), 0x08), Msr(PMEVTYPER(0), X(2)),
            .. MovImm(X(2), FilterP | 0x08), Msr(PMEVTYPER(1), X(2)),
            .. MovImm(X(2), FilterU | 0x08), Msr(PMEVTYPER(2), X(2)),
            Movz(X(2), 0b111), Msr(PMCNTENSET_EL0, X(2)), Movz(X(2), (uint)E), Msr(PMCR_EL0, X(2)),
        ];
        GuestMachine m = El0(0, [Nop(), Nop(), Nop(), Nop(), Nop()], setup);
        m.WriteWords(GuestMachine.VectorBase + 0x400, [
            Mrs(X(4), PMEVCNTR(0)), Mrs(X(5), PMEVCNTR(1)), Mrs(X(6), PMEVCNTR(2)), GuestMachine.EndMarker,
        ]);
        m.RunToEnd();
        Assert.Equal(0x15UL, m.Esr >> 26);
        // Counting starts after the MSR PMCR_EL0; an instruction counts at the EL it runs at (the
        // ERET at EL1, the SVC at EL0), and an MRS of a counter counts itself.
        Assert.Equal(11UL, m.X(4)); // MSR ELR, MSR SPSR, ISB, ERET; 5 NOPs, SVC; MRS x4
        Assert.Equal(6UL, m.X(5)); // EL0 only: the five NOPs and the SVC
        Assert.Equal(7UL, m.X(6)); // EL1 only: the four before the ERET's return and the three MRSs
    }

    [Fact]
    public void Cycle_counter_overflow_raises_ppi_23_and_sets_pmovsset_c()
    {
        GuestMachine m = GuestMachine.Load([
            .. MovImm(X(2), 0xFFFF_FFFF_FFFF_FF00), Msr(PMCCNTR_EL0, X(2)),
            .. MovImm(X(2), CycleBit), Msr(PMINTENSET_EL1, X(2)), Msr(PMCNTENSET_EL0, X(2)),
            Movz(X(2), (uint)E), Msr(PMCR_EL0, X(2)),
            MsrDaifClr(2),
            .. MovImm(X(9), 100_000), SubImm(X(9), X(9), 1), Cbnz(X(9), -4),
            GuestMachine.EndMarker,
        ]);
        m.InstallHvcVectors();
        var gic = new DirectInterruptController(m.Core);
        m.Core.InterruptController = gic;
        m.RunToVector(0x105); // current EL with SPx, IRQ
        Assert.Contains(gic.Changes, c => c.Intid == 23 && c.Level);
        Assert.Equal(1UL << 31, m.Core.Pmu.Overflow);
        (uint _, bool _, ulong cycles) = gic.Changes.Find(c => c.Intid == 23 && c.Level);
        Assert.NotEqual(0UL, m.X(9)); // interrupted inside the loop, not at its end
        Assert.True(cycles > 0);
    }

    [Fact]
    public void Inst_retired_overflow_interrupt_is_taken_after_the_overflowing_instruction()
    {
        uint[] prefix = [
            Movz(X(2), 0x08), Msr(PMEVTYPER(3), X(2)),
            .. MovImm(X(2), 0xFFFF_FFF0), Msr(PMEVCNTR(3), X(2)),
            Movz(X(2), 0b1000), Msr(PMINTENSET_EL1, X(2)), Msr(PMCNTENSET_EL0, X(2)),
            MsrDaifClr(2),
            Movz(X(2), (uint)E), Msr(PMCR_EL0, X(2)), // counting starts after this MSR
        ];
        var nops = new uint[64];
        Array.Fill(nops, Nop());
        GuestMachine m = GuestMachine.Load([.. prefix, .. nops, GuestMachine.EndMarker]);
        m.InstallHvcVectors();
        m.Core.InterruptController = new DirectInterruptController(m.Core);
        m.RunToVector(0x105);
        Assert.Equal(0b1000UL, m.Core.Pmu.Overflow);
        // 16 events to the overflow: the 16th NOP completes it and the IRQ is taken before the 17th.
        Assert.Equal(GuestMachine.CodeBase + (ulong)(prefix.Length + 16) * 4, m.Elr);
    }

    [Fact]
    public void Wfi_sleeps_until_the_cycle_counter_overflows()
    {
        GuestMachine m = GuestMachine.Load([
            .. MovImm(X(2), 0xFFFF_FFFF_FFF0_0000), Msr(PMCCNTR_EL0, X(2)),
            .. MovImm(X(2), CycleBit), Msr(PMINTENSET_EL1, X(2)), Msr(PMCNTENSET_EL0, X(2)),
            Movz(X(2), (uint)E), Msr(PMCR_EL0, X(2)),
            MsrDaifClr(2),
            Wfi(),
            GuestMachine.EndMarker,
        ]);
        m.InstallHvcVectors();
        m.Core.InterruptController = new DirectInterruptController(m.Core);
        m.RunToVector(0x105); // without the PMU deadline the WFI would end the run as halted
        Assert.Equal(1UL << 31, m.Core.Pmu.Overflow);
        Assert.True(m.Core.IdleCycles >= 0xF_0000, $"slept {m.Core.IdleCycles} cycles");
    }

    [Fact]
    public void Disabled_interrupt_or_pmcr_e_keeps_ppi_23_low()
    {
        GuestMachine m = GuestMachine.Execute([
            .. MovImm(X(2), 0xFFFF_FFFF), Msr(PMEVCNTR(0), X(2)), Movz(X(2), 1), Msr(PMCNTENSET_EL0, X(2)),
            Movz(X(2), (uint)E), Msr(PMCR_EL0, X(2)), Movz(X(3), 1), Msr(PMSWINC_EL0, X(3)),
            Mrs(X(4), PMOVSSET_EL0),
        ]);
        Assert.Equal(1UL, m.X(4));
        Assert.False(m.Core.Pmu.InterruptRequest); // PMINTENSET clear
    }
}

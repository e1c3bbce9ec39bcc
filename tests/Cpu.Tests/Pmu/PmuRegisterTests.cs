using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Pmu.PmuGuest;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests.Pmu;

/// <summary>
/// Guest code reading and writing every PMUv3 register at EL1: reset values, the writable bits,
/// the set/clear pairs, the PMCR_EL0 actions, PMSELR_EL0 indirection and the UNDEFINED encodings
/// (Arm ARM D13.3 and each register's accessibility pseudocode, Armv8.0 with N = 6).
/// </summary>
public sealed class PmuRegisterTests
{
    private static ulong Read(SysRegister r, params uint[] before)
    {
        GuestMachine m = GuestMachine.Execute([.. before, Mrs(X(1), r)]);
        return m.X(1);
    }

    private static ulong WriteThenRead(SysRegister write, ulong value, SysRegister read) =>
        Read(read, [.. MovImm(X(2), value), Msr(write, X(2))]);

    [Fact]
    public void Reset_values()
    {
        Assert.Equal(PmcrReset, Read(PMCR_EL0));
        Assert.Equal(0UL, Read(PMCNTENSET_EL0));
        Assert.Equal(0UL, Read(PMCNTENCLR_EL0));
        Assert.Equal(0UL, Read(PMINTENSET_EL1));
        Assert.Equal(0UL, Read(PMINTENCLR_EL1));
        Assert.Equal(0UL, Read(PMOVSSET_EL0));
        Assert.Equal(0UL, Read(PMOVSCLR_EL0));
        Assert.Equal(0UL, Read(PMSELR_EL0));
        Assert.Equal(0UL, Read(PMUSERENR_EL0));
        Assert.Equal(0UL, Read(PMCCFILTR_EL0));
        Assert.Equal(0UL, Read(PMCCNTR_EL0));
        for (int n = 0; n < 6; n++)
        {
            Assert.Equal(0UL, Read(PMEVTYPER(n)));
            Assert.Equal(0UL, Read(PMEVCNTR(n)));
        }
    }

    [Fact]
    public void Pmceid_lists_exactly_the_implemented_events()
    {
        // SW_INCR 0x00, L1I_CACHE_REFILL 0x01, L1D_CACHE_REFILL 0x03, L1D_CACHE 0x04,
        // INST_RETIRED 0x08, BR_MIS_PRED 0x10, CPU_CYCLES 0x11, L1I_CACHE 0x14, L1D_CACHE_WB 0x15,
        // L2D_CACHE 0x16, L2D_CACHE_REFILL 0x17, L2D_CACHE_WB 0x18, EXC_TAKEN 0x09, MEM_ACCESS 0x13,
        // BUS_ACCESS 0x19; from 0x20 BR_RETIRED 0x21 only.
        Assert.Equal(0x03FB_031BUL, Read(PMCEID0_EL0));
        Assert.Equal(0x2UL, Read(PMCEID1_EL0));
    }

    [Fact]
    public void Pmcr_keeps_e_d_x_dp_and_its_read_only_fields()
    {
        Assert.Equal(PmcrReset | 0x39, WriteThenRead(PMCR_EL0, 0xFFFF_FFFF_FFFF_FFFF, PMCR_EL0)); // P and C read as 0, LC stays 1
        Assert.Equal(PmcrReset, WriteThenRead(PMCR_EL0, 0, PMCR_EL0)); // LC is RES1, N and IMP read-only
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Set_and_clear_pairs_hold_only_the_six_counters_and_c(bool interrupt)
    {
        SysRegister set = interrupt ? PMINTENSET_EL1 : PMCNTENSET_EL0, clr = interrupt ? PMINTENCLR_EL1 : PMCNTENCLR_EL0;
        GuestMachine m = GuestMachine.Execute([
            .. MovImm(X(2), 0xFFFF_FFFF_FFFF_FFFF), Msr(set, X(2)), Mrs(X(3), set), Mrs(X(4), clr),
            .. MovImm(X(2), 0x8000_0005), Msr(clr, X(2)), Mrs(X(5), set),
        ]);
        Assert.Equal(0x8000_003FUL, m.X(3));
        Assert.Equal(0x8000_003FUL, m.X(4));
        Assert.Equal(0x3AUL, m.X(5));
    }

    [Fact]
    public void Overflow_status_set_and_clear()
    {
        GuestMachine m = GuestMachine.Execute([
            .. MovImm(X(2), 0xFFFF_FFFF), Msr(PMOVSSET_EL0, X(2)), Mrs(X(3), PMOVSCLR_EL0),
            .. MovImm(X(2), 0x8000_0001), Msr(PMOVSCLR_EL0, X(2)), Mrs(X(4), PMOVSSET_EL0),
        ]);
        Assert.Equal(0x8000_003FUL, m.X(3));
        Assert.Equal(0x3EUL, m.X(4));
    }

    [Fact]
    public void Event_types_filters_and_counters_keep_their_defined_bits()
    {
        Assert.Equal(0xC000_03FFUL, WriteThenRead(PMEVTYPER(3), 0xFFFF_FFFF_FFFF_FFFF, PMEVTYPER(3))); // P, U, evtCount[9:0]; NSK/NSU/NSH RES0
        Assert.Equal(0xC000_0000UL, WriteThenRead(PMCCFILTR_EL0, 0xFFFF_FFFF_FFFF_FFFF, PMCCFILTR_EL0));
        Assert.Equal(0x2345_6789UL, WriteThenRead(PMEVCNTR(5), 0x1_2345_6789, PMEVCNTR(5))); // 32-bit event counters
        Assert.Equal(0xFEDC_BA98_7654_3210UL, WriteThenRead(PMCCNTR_EL0, 0xFEDC_BA98_7654_3210, PMCCNTR_EL0));
        Assert.Equal(0x1FUL, WriteThenRead(PMSELR_EL0, 0xFF, PMSELR_EL0));
        Assert.Equal(0xFUL, WriteThenRead(PMUSERENR_EL0, 0xFF, PMUSERENR_EL0));
    }

    [Fact]
    public void Pmselr_selects_the_counter_for_pmxevtyper_and_pmxevcntr_and_31_is_pmccfiltr()
    {
        GuestMachine m = GuestMachine.Execute([
            Movz(X(2), 4), Msr(PMSELR_EL0, X(2)),
            Movz(X(3), 0x11), Msr(PMXEVTYPER_EL0, X(3)), Movz(X(3), 77), Msr(PMXEVCNTR_EL0, X(3)),
            Mrs(X(4), PMEVTYPER(4)), Mrs(X(5), PMEVCNTR(4)),
            Movz(X(2), 31), Msr(PMSELR_EL0, X(2)),
            .. MovImm(X(3), 0x8000_0000), Msr(PMXEVTYPER_EL0, X(3)), Mrs(X(6), PMCCFILTR_EL0),
        ]);
        Assert.Equal(0x11UL, m.X(4));
        Assert.Equal(77UL, m.X(5));
        Assert.Equal(0x8000_0000UL, m.X(6));
    }

    [Fact]
    public void Pmcr_p_and_c_zero_the_event_counters_and_the_cycle_counter()
    {
        GuestMachine m = GuestMachine.Execute([
            Movz(X(2), 5), Msr(PMEVCNTR(0), X(2)), Msr(PMEVCNTR(5), X(2)), Msr(PMCCNTR_EL0, X(2)),
            Movz(X(2), (uint)P), Msr(PMCR_EL0, X(2)),
            Mrs(X(3), PMEVCNTR(0)), Mrs(X(4), PMEVCNTR(5)), Mrs(X(5), PMCCNTR_EL0),
            Movz(X(2), (uint)C), Msr(PMCR_EL0, X(2)), Mrs(X(6), PMCCNTR_EL0),
        ]);
        Assert.Equal(0UL, m.X(3));
        Assert.Equal(0UL, m.X(4));
        Assert.Equal(5UL, m.X(5));
        Assert.Equal(0UL, m.X(6));
    }

    public static TheoryData<string> UndefinedAccesses => new()
    {
        "mrs PMSWINC_EL0", "msr PMCEID0_EL0", "msr PMCEID1_EL0", "mrs PMEVCNTR6_EL0", "msr PMEVTYPER30_EL0",
        "mrs PMXEVCNTR_EL0 SEL=6", "mrs PMXEVCNTR_EL0 SEL=31", "mrs PMXEVTYPER_EL0 SEL=7", "mrs PMMIR_EL1",
        "mrs S3_3_C14_C11_7",
    };

    [Theory]
    [MemberData(nameof(UndefinedAccesses))]
    public void Undefined_encodings_and_directions(string access)
    {
        uint[] code = access switch
        {
            "mrs PMSWINC_EL0" => [Mrs(X(1), PMSWINC_EL0)],
            "msr PMCEID0_EL0" => [Msr(PMCEID0_EL0, X(1))],
            "msr PMCEID1_EL0" => [Msr(PMCEID1_EL0, X(1))],
            "mrs PMEVCNTR6_EL0" => [Mrs(X(1), PMEVCNTR(6))],
            "msr PMEVTYPER30_EL0" => [Msr(PMEVTYPER(30), X(1))],
            "mrs PMXEVCNTR_EL0 SEL=6" => [Movz(X(2), 6), Msr(PMSELR_EL0, X(2)), Mrs(X(1), PMXEVCNTR_EL0)],
            "mrs PMXEVCNTR_EL0 SEL=31" => [Movz(X(2), 31), Msr(PMSELR_EL0, X(2)), Mrs(X(1), PMXEVCNTR_EL0)],
            "mrs PMXEVTYPER_EL0 SEL=7" => [Movz(X(2), 7), Msr(PMSELR_EL0, X(2)), Mrs(X(1), PMXEVTYPER_EL0)],
            "mrs PMMIR_EL1" => [Mrs(X(1), PMMIR_EL1)], // FEAT_PMUv3p4: not in Armv8.0
            _ => [Mrs(X(1), new SysRegister(3, 3, 14, 11, 7))], // would be PMEVCNTR31: unallocated
        };
        GuestMachine m = GuestMachine.Load([.. code, GuestMachine.EndMarker]);
        m.InstallHvcVectors();
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0x0200_0000UL, m.Esr); // EC 0 (Unknown), IL
        Assert.Equal(GuestMachine.CodeBase + (ulong)(code.Length - 1) * 4, m.Elr);
    }
}

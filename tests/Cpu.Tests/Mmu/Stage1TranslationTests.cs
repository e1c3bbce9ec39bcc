using Emulator.Cpu.Core;
using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Mmu.MmuGuest;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests.Mmu;

/// <summary>Guest code with the MMU on: translation, stale TLB entries, TLBI, AT/PAR_EL1 and every fault type.</summary>
public sealed class Stage1TranslationTests
{
    private const ulong Va = 0x1000_0000;
    private const ulong Normal = Af | InnerShareable;           // AttrIndx 0, EL1 RW
    private const ulong Device = Af | OuterShareable | 1 << 2; // AttrIndx 1 (Device-nGnRE)

    [Theory]
    [InlineData(12, 48)]
    [InlineData(12, 39)]
    [InlineData(14, 48)]
    [InlineData(14, 39)]
    [InlineData(16, 48)]
    [InlineData(16, 39)]
    public void Loads_and_stores_go_through_the_guest_tables_in_both_VA_ranges(int granule, int inputBits)
    {
        var g = new MmuGuest(granule, inputBits);
        ulong high = ~0UL << inputBits | 3 * g.PageSize;
        g.Map(Va, PagePool, 3, Normal);
        g.Map(high, PagePool + 2 * g.PageSize, 3, Normal);
        g.Machine.Write64(PagePool + 8, 0x1122_3344_5566_7788);
        g.Load([
            .. MovImm(X1, Va), Ldr(X0, Mem(X1, 8)),
            .. MovImm(X2, high), .. MovImm(X3, 0xCAFE), Str(X3, Mem(X2, 16)),
            Ldr(X4, Mem(X2, 16)),
            EndMarker,
        ]).Machine.RunToEnd();
        Assert.Equal(0x1122_3344_5566_7788UL, g.Machine.X(0));
        Assert.Equal(0xCAFEUL, g.Machine.Read64(PagePool + 2 * g.PageSize + 16));
        Assert.Equal(0xCAFEUL, g.Machine.X(4));
    }

    private static uint EndMarker => GuestMachine.EndMarker;

    /// <summary>
    /// Loads VA, repoints its descriptor to another page, loads again (the old translation is still
    /// cached), runs <paramref name="maintenance"/> then DSB and ISB, and loads a third time.
    /// </summary>
    private static GuestMachine StaleTranslation(ushort asid, ulong leafExtra, params uint[] maintenance)
    {
        var g = new MmuGuest();
        ulong desc = g.Map(Va, PagePool, 3, Normal | leafExtra);
        g.Machine.Write64(PagePool, 111);
        g.Machine.Write64(PagePool + 0x1000, 222);
        g.Load([
            .. MovImm(X1, Va), Ldr(X10, Mem(X1)),
            .. MovImm(X2, desc), .. MovImm(X3, Page(PagePool + 0x1000, Normal | leafExtra)), Str(X3, Mem(X2)), Dsb(),
            Ldr(X11, Mem(X1)),
            .. MovImm(X5, Va >> 12 | (ulong)asid << 48),
            .. maintenance, Dsb(), Isb(),
            Ldr(X12, Mem(X1)),
            EndMarker,
        ], asid).Machine.RunToEnd();
        return g.Machine;
    }

    [Fact]
    public void Without_TLBI_a_changed_descriptor_leaves_the_old_translation_in_use()
    {
        GuestMachine m = StaleTranslation(0, 0, Nop());
        Assert.Equal(111UL, m.X(10));
        Assert.Equal(111UL, m.X(11));
        Assert.Equal(111UL, m.X(12));
    }

    [Theory]
    [InlineData(7, 0)] // VMALLE1
    [InlineData(7, 1)] // VAE1
    [InlineData(7, 2)] // ASIDE1
    [InlineData(7, 3)] // VAAE1
    [InlineData(7, 5)] // VALE1
    [InlineData(7, 7)] // VAALE1
    [InlineData(3, 0)] // the Inner Shareable forms
    [InlineData(3, 1)]
    [InlineData(3, 2)]
    [InlineData(3, 3)]
    [InlineData(3, 5)]
    [InlineData(3, 7)]
    public void TLBI_makes_the_new_descriptor_visible(int crm, int op2)
    {
        GuestMachine m = StaleTranslation(5, NotGlobal, Tlbi(crm, op2, X5));
        Assert.Equal(111UL, m.X(11));
        Assert.Equal(222UL, m.X(12));
    }

    [Fact]
    public void TLBI_by_VA_for_another_ASID_leaves_a_non_global_entry()
    {
        var g = new MmuGuest();
        ulong desc = g.Map(Va, PagePool, 3, Normal | NotGlobal);
        g.Machine.Write64(PagePool, 111);
        g.Machine.Write64(PagePool + 0x1000, 222);
        g.Load([
            .. MovImm(X1, Va), Ldr(X10, Mem(X1)),
            .. MovImm(X2, desc), .. MovImm(X3, Page(PagePool + 0x1000, Normal | NotGlobal)), Str(X3, Mem(X2)),
            .. MovImm(X5, Va >> 12 | 6UL << 48), Tlbi(7, 1, X5), Dsb(), Isb(), // ASID 6: not ours
            Ldr(X11, Mem(X1)),
            Tlbi(7, 2, X5), Dsb(), Isb(),                                         // ASIDE1 of ASID 6
            Ldr(X12, Mem(X1)),
            .. MovImm(X5, 5UL << 48), Tlbi(7, 2, X5), Dsb(), Isb(),               // ASIDE1 of ASID 5
            Ldr(X13, Mem(X1)),
            EndMarker,
        ], asid: 5).Machine.RunToEnd();
        Assert.Equal(111UL, g.Machine.X(11));
        Assert.Equal(111UL, g.Machine.X(12));
        Assert.Equal(222UL, g.Machine.X(13));
    }

    [Fact]
    public void Switching_ASID_through_TTBR0_selects_other_non_global_translations()
    {
        var g = new MmuGuest();
        ulong desc = g.Map(Va, PagePool, 3, Normal | NotGlobal);
        g.Machine.Write64(PagePool, 111);
        g.Machine.Write64(PagePool + 0x1000, 222);
        g.Load([
            .. MovImm(X1, Va), Ldr(X10, Mem(X1)),                        // cached for ASID 1
            .. MovImm(X2, desc), .. MovImm(X3, Page(PagePool + 0x1000, Normal | NotGlobal)), Str(X3, Mem(X2)), Dsb(),
            .. MovImm(X4, g.Ttbr0(2)), Msr(TTBR0_EL1, X4), Isb(),          // ASID 2: walks the new descriptor
            Ldr(X11, Mem(X1)),
            .. MovImm(X4, g.Ttbr0(1)), Msr(TTBR0_EL1, X4), Isb(),          // back to ASID 1: its stale entry
            Ldr(X12, Mem(X1)),
            EndMarker,
        ], asid: 1).Machine.RunToEnd();
        Assert.Equal(111UL, g.Machine.X(10));
        Assert.Equal(222UL, g.Machine.X(11));
        Assert.Equal(111UL, g.Machine.X(12));
    }

    [Fact]
    public void Instruction_fetches_keep_a_stale_translation_until_TLBI()
    {
        var g = new MmuGuest();
        const ulong code = 0x3000_0000;
        ulong desc = g.Map(code, PagePool + 0x20000, 3, Af | InnerShareable | 0b10 << 6); // read-only, executable at EL1
        g.Machine.WriteWords(PagePool + 0x20000, [Movz(X0, 1), Ret()]);
        g.Machine.WriteWords(PagePool + 0x21000, [Movz(X0, 2), Ret()]);
        g.Load([
            .. MovImm(X1, code), Blr(X1), Mov(X10, X0),
            .. MovImm(X2, desc), .. MovImm(X3, Page(PagePool + 0x21000, Af | InnerShareable | 0b10 << 6)), Str(X3, Mem(X2)), Dsb(), Isb(),
            Blr(X1), Mov(X11, X0),
            .. MovImm(X5, code >> 12), Tlbi(7, 1, X5), Dsb(), Isb(),
            Blr(X1), Mov(X12, X0),
            EndMarker,
        ]).Machine.RunToEnd();
        Assert.Equal(1UL, g.Machine.X(10));
        Assert.Equal(1UL, g.Machine.X(11));
        Assert.Equal(2UL, g.Machine.X(12));
    }

    [Fact]
    public void EL0_cannot_execute_the_UXN_page_that_EL1_was_executing()
    {
        var g = new MmuGuest();
        // ERET to an instruction of the same (EL1-only, UXN) page: the fetch must be checked again at EL0.
        g.Load([
            Adr(X2, 12), Msr(ELR_EL1, X2), Msr(SPSR_EL1, XZR), Eret(),
            EndMarker,
        ]);
        g.Machine.RunToVector(GuestMachine.VectorLowerElSync);
        Assert.Equal(0x8200_000EUL, g.Machine.Esr); // EC 0x20 (lower EL), IL, permission level 2 (the RAM block)
        Assert.Equal(g.Machine.Elr, g.Machine.Far);
    }

    // ---- AT and PAR_EL1 ----

    [Fact]
    public void AT_reports_PA_attributes_and_shareability_in_PAR_EL1()
    {
        var g = new MmuGuest();
        g.Map(Va, PagePool, 3, Normal);
        g.Map(Va + 0x1000, 0x0900_0000, 3, Device);
        g.Map(Va + 0x2000, PagePool + 0x2000, 3, Af | OuterShareable | 2 << 2 | 0b10 << 6); // NC, read-only
        g.Load([
            .. MovImm(X1, Va + 0x123), AtS1E1R(X1), Isb(), Mrs(X10, PAR_EL1),
            .. MovImm(X1, Va + 0x1FFF), AtS1E1W(X1), Isb(), Mrs(X11, PAR_EL1),
            .. MovImm(X1, Va + 0x2000), AtS1E1R(X1), Isb(), Mrs(X12, PAR_EL1),
            EndMarker,
        ]).Machine.RunToEnd();
        const ulong ns = 1UL << 9, res1 = 1UL << 11;
        Assert.Equal(0xFFUL << 56 | PagePool | 0b11UL << 7 | ns | res1, g.Machine.X(10));
        Assert.Equal(0x04UL << 56 | 0x0900_0000 | 0b10UL << 7 | ns | res1, g.Machine.X(11));
        Assert.Equal(0x44UL << 56 | (PagePool + 0x2000) | 0b10UL << 7 | ns | res1, g.Machine.X(12));
    }

    [Fact]
    public void AT_with_the_MMU_off_reports_the_flat_mapping_as_Device_nGnRnE()
    {
        GuestMachine m = GuestMachine.Execute([.. MovImm(X1, 0x4000_1234), AtS1E1R(X1), Mrs(X0, PAR_EL1)]);
        Assert.Equal(0x4000_1000UL | 0b10UL << 7 | 1UL << 9 | 1UL << 11, m.X(0)); // ATTR 0x00, SH 10, NS, RES1
    }

    [Fact]
    public void AT_reports_faults_in_PAR_EL1_with_the_EL0_permissions_for_S1E0()
    {
        var g = new MmuGuest();
        g.Map(Va, PagePool, 3, Af | InnerShareable | 0b10 << 6);            // EL1 read-only
        g.Map(Va + 0x1000, PagePool + 0x1000, 3, Af | InnerShareable | 0b01 << 6); // EL0 RW
        g.Load([
            .. MovImm(X1, Va), AtS1E1W(X1), Mrs(X10, PAR_EL1),
            AtS1E0R(X1), Mrs(X11, PAR_EL1),
            .. MovImm(X2, Va + 0x1000), AtS1E0W(X2), Mrs(X12, PAR_EL1),
            .. MovImm(X3, Va + 0x5000), AtS1E1R(X3), Mrs(X13, PAR_EL1),
            EndMarker,
        ]).Machine.RunToEnd();
        const ulong res1 = 1UL << 11;
        Assert.Equal(res1 | 0b001111UL << 1 | 1, g.Machine.X(10)); // permission, level 3
        Assert.Equal(res1 | 0b001111UL << 1 | 1, g.Machine.X(11));
        Assert.Equal(0UL, g.Machine.X(12) & 1);
        Assert.Equal(res1 | 0b000111UL << 1 | 1, g.Machine.X(13)); // translation, level 3
    }

    // ---- Faults ----

    private static MmuGuest FaultGuest(Action<MmuGuest> map, params uint[] body)
    {
        var g = new MmuGuest();
        map(g);
        g.Load([.. body, EndMarker]);
        g.Machine.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        return g;
    }

    [Fact]
    public void A_load_from_an_unmapped_VA_is_a_translation_fault_with_its_level_and_FAR()
    {
        MmuGuest g = FaultGuest(_ => { }, [.. MovImm(X1, 0x0000_7000_0000_0010), Ldr(X0, Mem(X1))]);
        Assert.Equal(0x25u, g.Machine.ExceptionClass);
        Assert.Equal(0x9600_0004UL, g.Machine.Esr); // EC 0x25, IL, DFSC translation level 0
        Assert.Equal(0x0000_7000_0000_0010UL, g.Machine.Far);

        g = FaultGuest(m => m.Map(Va, PagePool, 3, Normal), [.. MovImm(X1, Va + 0x1008), Ldr(X0, Mem(X1))]);
        Assert.Equal(0x9600_0007UL, g.Machine.Esr);
        Assert.Equal(Va + 0x1008, g.Machine.Far);
    }

    [Fact]
    public void A_store_to_a_read_only_page_is_a_permission_fault_with_WnR()
    {
        MmuGuest g = FaultGuest(m => m.Map(Va, PagePool, 3, Normal | 0b10 << 6), [.. MovImm(X1, Va + 8), Ldr(X0, Mem(X1)), Str(X0, Mem(X1))]);
        Assert.Equal(0x9600_004FUL, g.Machine.Esr); // EC 0x25, IL, WnR, permission level 3
        Assert.Equal(Va + 8, g.Machine.Far);
    }

    [Fact]
    public void A_clear_access_flag_is_an_access_flag_fault()
    {
        MmuGuest g = FaultGuest(m => m.Map(Va, PagePool, 3, InnerShareable), [.. MovImm(X1, Va), Ldr(X0, Mem(X1))]);
        Assert.Equal(0x9600_000BUL, g.Machine.Esr);
    }

    [Fact]
    public void With_hardware_AF_update_configured_and_TCR_HA_set_the_walk_sets_AF()
    {
        var g = new MmuGuest(configuration: new CpuConfiguration { HardwareAccessFlag = true }) { ExtraTcr = 1UL << 39 };
        ulong desc = g.Map(Va, PagePool, 3, InnerShareable);              // AF = 0
        ulong untouched = g.Map(Va + 0x1000, PagePool + 0x1000, 3, InnerShareable);
        g.Machine.Write64(PagePool + 0x1000, 0x55);
        g.Load([
            Mrs(X9, new SysRegister(3, 0, 0, 7, 1)),                        // ID_AA64MMFR1_EL1
            .. MovImm(X1, Va), .. MovImm(X2, 42), Str(X2, Mem(X1)), Ldr(X3, Mem(X1)),
            EndMarker,
        ]).Machine.RunToEnd();
        Assert.Equal(1UL, g.Machine.X(9) & 0xF);                          // HAFDBS = 1: AF only
        Assert.Equal(42UL, g.Machine.X(3));
        Assert.Equal(Page(PagePool, InnerShareable | Af), g.Machine.Read64(desc));

        // A host-side read (semihosting) translates the untouched page without setting its AF.
        byte[] data = new byte[8];
        Assert.True(g.Machine.Core.ReadGuestMemory(Va + 0x1000, data));
        Assert.Equal(0x55, data[0]);
        Assert.Equal(Page(PagePool + 0x1000, InnerShareable), g.Machine.Read64(untouched));
    }

    [Fact]
    public void An_output_address_above_IPS_is_an_address_size_fault()
    {
        MmuGuest g = FaultGuest(m => m.Map(Va, 1UL << 41, 3, Normal), [.. MovImm(X1, Va), Ldr(X0, Mem(X1))]);
        Assert.Equal(0x9600_0003UL, g.Machine.Esr);
    }

    [Fact]
    public void Fetching_from_an_execute_never_page_is_an_instruction_abort()
    {
        MmuGuest g = FaultGuest(m => m.Map(Va, PagePool, 3, Normal | Pxn), [.. MovImm(X1, Va + 0x40), Br(X1)]);
        Assert.Equal(0x8600_000FUL, g.Machine.Esr); // EC 0x21, IL, permission level 3
        Assert.Equal(Va + 0x40, g.Machine.Far);
        Assert.Equal(Va + 0x40, g.Machine.Elr);
    }

    [Fact]
    public void Unaligned_accesses_fault_on_Device_pages_and_with_SCTLR_A_but_cross_Normal_pages_otherwise()
    {
        MmuGuest g = FaultGuest(m => m.Map(Va, 0x0900_0000, 3, Device), [.. MovImm(X1, Va + 2), Ldr(W0, Mem(X1))]);
        Assert.Equal(0x9600_0021UL, g.Machine.Esr);
        Assert.Equal(Va + 2, g.Machine.Far);

        var n = new MmuGuest();
        n.Map(Va, PagePool, 3, Normal);
        n.Map(Va + 0x1000, PagePool + 0x5000, 3, Normal);
        n.Machine.Write64(PagePool + 0xFF8, 0x8877_6655_4433_2211);
        n.Machine.Write64(PagePool + 0x5000, 0xFFEE_DDCC_BBAA_9900);
        n.Load([
            .. MovImm(X1, Va + 0xFFC), Ldr(X0, Mem(X1)),
            .. MovImm(X3, Va + 0xFFD), .. MovImm(X2, 0x0102_0304_0506_0708), Str(X2, Mem(X3)),
            EndMarker,
        ]).Machine.RunToEnd();
        Assert.Equal(0xBBAA_9900_8877_6655UL, n.Machine.X(0));
        Assert.Equal(0x0607_0855_4433_2211UL, n.Machine.Read64(PagePool + 0xFF8));
        Assert.Equal(0xFFEE_DD01_0203_0405UL, n.Machine.Read64(PagePool + 0x5000));
    }

    [Fact]
    public void SCTLR_A_makes_unaligned_Normal_accesses_alignment_faults()
    {
        var g = new MmuGuest();
        g.Map(Va, PagePool, 3, Normal);
        g.Load([.. MovImm(X1, Va + 4), Ldr(X0, Mem(X1)), EndMarker], extraSctlr: 1UL << 1);
        g.Machine.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0x9600_0021UL, g.Machine.Esr);
    }

    // ---- EL0 ----

    /// <summary>EL1 touches <paramref name="target"/>, then ERETs to EL0 code that loads it and then stores to it.</summary>
    private static MmuGuest RunAtEl0(ulong targetAttributes, params uint[] el0Body)
    {
        var g = new MmuGuest();
        const ulong el0Code = 0x2000_0000;
        g.Map(Va, PagePool, 3, targetAttributes);
        g.Map(el0Code, PagePool + 0x10000, 3, Af | InnerShareable | 0b11 << 6 | Pxn); // EL0/EL1 read-only, EL0 executable
        g.Machine.WriteWords(PagePool + 0x10000, [.. el0Body, Svc(0)]);
        g.Load([
            .. MovImm(X1, Va), Ldr(X9, Mem(X1)),   // fills the EL1 fast path for the page
            .. MovImm(X2, el0Code), Msr(ELR_EL1, X2), Msr(SPSR_EL1, XZR), Eret(),
        ]);
        g.Machine.RunToVector(GuestMachine.VectorLowerElSync);
        return g;
    }

    [Fact]
    public void EL0_cannot_read_an_EL1_page_that_EL1_just_read()
    {
        MmuGuest g = RunAtEl0(Normal, Ldr(X0, Mem(X1)));
        Assert.Equal(0x9200_000FUL, g.Machine.Esr); // EC 0x24 (lower EL), IL, permission level 3
        Assert.Equal(Va, g.Machine.Far);
    }

    [Fact]
    public void EL0_reads_and_writes_an_EL0_page()
    {
        MmuGuest g = RunAtEl0(Normal | 0b01 << 6, Ldr(X0, Mem(X1)), Str(X1, Mem(X1)));
        Assert.Equal(0x15u, g.Machine.ExceptionClass); // reached the SVC
        Assert.Equal(Va, g.Machine.Read64(PagePool));
    }

    [Fact]
    public void TLBI_and_AT_are_UNDEFINED_at_EL0()
    {
        MmuGuest g = RunAtEl0(Normal | 0b01 << 6, Tlbi(7, 0, XZR));
        Assert.Equal(0x0200_0000UL, g.Machine.Esr);
        g = RunAtEl0(Normal | 0b01 << 6, AtS1E0R(X1));
        Assert.Equal(0x0200_0000UL, g.Machine.Esr);
    }

    [Fact]
    public void EL0_may_execute_a_page_it_cannot_read_unless_UXN()
    {
        // AArch64.CheckPermission: EL0 execution depends on UXN only (which is why Linux sets UXN on kernel mappings).
        var g = new MmuGuest();
        const ulong el0Code = 0x2000_0000;
        g.Map(el0Code, PagePool + 0x10000, 3, Af | InnerShareable | Pxn); // AP = 00: no EL0 data access
        g.Machine.WriteWords(PagePool + 0x10000, [Movz(X7, 77), Svc(0)]);
        g.Load([.. MovImm(X2, el0Code), Msr(ELR_EL1, X2), Msr(SPSR_EL1, XZR), Eret()]);
        g.Machine.RunToVector(GuestMachine.VectorLowerElSync);
        Assert.Equal(0x15u, g.Machine.ExceptionClass);
        Assert.Equal(77UL, g.Machine.X(7));
    }

    [Fact]
    public void LDTR_at_EL1_checks_the_EL0_permissions()
    {
        var g = new MmuGuest();
        g.Map(Va, PagePool, 3, Normal);                           // EL1 only
        g.Map(Va + 0x1000, PagePool + 0x1000, 3, Normal | 0b01 << 6); // EL0 RW
        g.Machine.Write64(PagePool + 0x1000, 42);
        g.Load([
            .. MovImm(X1, Va), Ldr(X9, Mem(X1)),
            .. MovImm(X2, Va + 0x1000), Ldr(X10, MemUnprivileged(X2)),
            Ldr(X11, MemUnprivileged(X1)),
            EndMarker,
        ]);
        g.Machine.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(42UL, g.Machine.X(10));
        Assert.Equal(0x9600_000FUL, g.Machine.Esr); // same EL, permission level 3
        Assert.Equal(Va, g.Machine.Far);
    }
}

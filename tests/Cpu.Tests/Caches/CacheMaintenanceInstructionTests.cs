using Emulator.Cpu.Tests.Mmu;
using Emulator.Cpu.Tests.Support;
using Emulator.Mmu.Caches;
using static Emulator.Cpu.Tests.Caches.CacheGuest;
using static Emulator.Cpu.Tests.Mmu.MmuGuest;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests.Caches;

/// <summary>DC/IC instructions' architectural rules, with and without a cache model, and the cache ID registers.</summary>
public sealed class CacheMaintenanceInstructionTests
{
    private const ulong Uci = 1UL << 26, Dze = 1UL << 14;

    public static TheoryData<string> Configurations => new() { "cortex-a72", "off" };

    private static CacheHierarchyConfig? Config(string name) => CacheOption.Parse(name);

    [Theory]
    [MemberData(nameof(Configurations))]
    public void DC_ZVA_zeroes_the_aligned_64_byte_block(string cache)
    {
        (MmuGuest g, CacheHierarchy? h) = Create(Config(cache));
        g.Map(Va, PagePool, 3, Normal);
        g.Machine.WriteBytes(PagePool, Enumerable.Repeat((byte)0xAB, 192).ToArray());
        g.Load([.. MovImm(X1, Va + 64 + 24), DcZva(X1), Dsb(), Mrs(X5, DCZID_EL0), Hvc(0)]);
        g.Machine.RunToEnd();
        var bytes = new byte[192];
        if (h is null)
            bytes = g.Machine.ReadBytes(PagePool, 192);
        else
            h.PeekNewest(PagePool, bytes);
        Assert.All(bytes[..64], b => Assert.Equal(0xAB, b));
        Assert.All(bytes[64..128], b => Assert.Equal(0, b));
        Assert.All(bytes[128..], b => Assert.Equal(0xAB, b));
        Assert.Equal(4UL, g.Machine.X(5)); // BS = log2(16 words), DZP = 0
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void DC_ZVA_on_Device_memory_is_an_alignment_fault(string cache)
    {
        (MmuGuest g, _) = Create(Config(cache));
        g.Map(Va, PagePool, 3, DeviceNGnRE);
        g.Load([.. MovImm(X1, Va), DcZva(X1), Hvc(0)]);
        g.Machine.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0x9600_0061UL, g.Machine.Esr); // EC 0x25, IL, WnR, DFSC alignment
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void DC_CIVAC_on_an_unmapped_address_is_a_data_abort_with_CM_and_WnR(string cache)
    {
        (MmuGuest g, _) = Create(Config(cache));
        g.Load([.. MovImm(X1, Va), DcCivac(X1), Hvc(0)]);
        g.Machine.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(0x25u, g.Machine.ExceptionClass);
        Assert.Equal(1UL, (g.Machine.Esr >> 8) & 1); // CM
        Assert.Equal(1UL, (g.Machine.Esr >> 6) & 1); // WnR
        Assert.Equal(0x04UL, g.Machine.Esr & 0x3C);  // DFSC 0b0001LL: translation fault
        Assert.Equal(Va, g.Machine.Far);
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void DC_IVAC_at_EL0_is_UNDEFINED(string cache)
    {
        MmuGuest g = RunAtEl0(Config(cache), Uci, DcIvac(X1));
        Assert.Equal(0x0200_0000UL, g.Machine.Esr);
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void DC_CVAC_at_EL0_traps_with_EC_0x18_unless_SCTLR_EL1_UCI(string cache)
    {
        MmuGuest g = RunAtEl0(Config(cache), 0, DcCvac(X1));
        // EC 0x18, IL; ISS: Op0 1, Op2 1, Op1 3, CRn 7, Rt 1, CRm 10, Direction 0 (write)
        Assert.Equal(0x18u << 26 | 1u << 25 | 1u << 20 | 1u << 17 | 3u << 14 | 7u << 10 | 1u << 5 | 10u << 1, g.Machine.Esr);
        g = RunAtEl0(Config(cache), Uci, DcCvac(X1));
        Assert.Equal(0x15u, g.Machine.ExceptionClass); // reached the SVC
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void DC_ZVA_at_EL0_needs_SCTLR_EL1_DZE_and_DCZID_EL0_says_so(string cache)
    {
        MmuGuest g = RunAtEl0(Config(cache), 0, Mrs(X5, DCZID_EL0), DcZva(X1));
        Assert.Equal(0x18u, g.Machine.ExceptionClass);
        Assert.Equal(0x14UL, g.Machine.X(5)); // DZP = 1
        g = RunAtEl0(Config(cache), Dze, Mrs(X5, DCZID_EL0), DcZva(X1));
        Assert.Equal(0x15u, g.Machine.ExceptionClass);
        Assert.Equal(0x4UL, g.Machine.X(5));
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void IC_IVAU_at_EL0_needs_UCI_and_IC_IALLU_is_UNDEFINED_at_EL0(string cache)
    {
        Assert.Equal(0x18u, RunAtEl0(Config(cache), 0, IcIvau(X1)).Machine.ExceptionClass);
        Assert.Equal(0x15u, RunAtEl0(Config(cache), Uci, IcIvau(X1)).Machine.ExceptionClass);
        Assert.Equal(0x0200_0000UL, RunAtEl0(Config(cache), Uci, IcIallu()).Machine.Esr);
    }

    [Theory]
    [InlineData("cortex-a53", 0x8444_8004UL, 0x0A20_0023UL, 0x700F_E01AUL, 0x201F_E00AUL, 0x707F_E07AUL)]
    [InlineData("cortex-a72", 0x8444_C004UL, 0x0A20_0023UL, 0x701F_E00AUL, 0x201F_E012UL, 0x707F_E07AUL)]
    [InlineData("off", 0x8444_C004UL, 0x0A20_0023UL, 0x701F_E00AUL, 0x201F_E012UL, 0x707F_E07AUL)] // the default preset's
    public void Cache_ID_registers_describe_the_configured_hierarchy(string cache, ulong ctr, ulong clidr, ulong l1d, ulong l1i, ulong l2)
    {
        (MmuGuest g, _) = Create(Config(cache));
        g.Load([
            Mrs(X0, CTR_EL0), Mrs(X1, CLIDR_EL1),
            Msr(CSSELR_EL1, XZR), Isb(), Mrs(X2, CCSIDR_EL1),
            Movz(X9, 1), Msr(CSSELR_EL1, X9), Isb(), Mrs(X3, CCSIDR_EL1),
            Movz(X9, 2), Msr(CSSELR_EL1, X9), Isb(), Mrs(X4, CCSIDR_EL1), Mrs(X5, CSSELR_EL1),
            Hvc(0),
        ]);
        g.Machine.RunToEnd();
        Assert.Equal(ctr, g.Machine.X(0));
        Assert.Equal(clidr, g.Machine.X(1));
        Assert.Equal(l1d, g.Machine.X(2));
        Assert.Equal(l1i, g.Machine.X(3));
        Assert.Equal(l2, g.Machine.X(4));
        Assert.Equal(2UL, g.Machine.X(5));
    }

    /// <summary>
    /// Code at <c>Target</c> (MOVZ X0, #1; RET) is run once, then overwritten by a store with
    /// MOVZ X0, #2 and run again, with or without DC CVAU + IC IVAU in between.
    /// </summary>
    private static ulong RunSelfModifyingCode(string cache, bool maintenance)
    {
        (MmuGuest g, _) = Create(Config(cache));
        const ulong target = GuestMachine.CodeBase + 0x800;
        g.Machine.WriteWords(target, [Movz(X0, 1), Ret()]);
        var code = new List<uint>(g.EnableMmu());
        code.AddRange(MovImm(X4, target));
        code.Add(Blr(X4));
        code.AddRange(MovImm(X3, Movz(X0, 2)));
        code.Add(Str(W3, Mem(X4)));
        if (maintenance)
            code.AddRange([DcCvau(X4), Dsb(), IcIvau(X4), Dsb(), Isb()]);
        code.Add(Blr(X4));
        code.Add(Hvc(0));
        g.Machine.WriteWords(GuestMachine.CodeBase, code);
        g.Machine.RunToEnd();
        return g.Machine.X(0);
    }

    [Fact]
    public void Self_modifying_code_needs_DC_CVAU_and_IC_IVAU_with_the_cache_model()
    {
        Assert.Equal(1UL, RunSelfModifyingCode("cortex-a72", maintenance: false)); // the L1I still holds the old code
        Assert.Equal(2UL, RunSelfModifyingCode("cortex-a72", maintenance: true));
    }

    [Fact]
    public void Self_modifying_code_without_a_cache_model_sees_the_store_at_once()
    {
        Assert.Equal(2UL, RunSelfModifyingCode("off", maintenance: false));
        Assert.Equal(2UL, RunSelfModifyingCode("off", maintenance: true));
    }
}

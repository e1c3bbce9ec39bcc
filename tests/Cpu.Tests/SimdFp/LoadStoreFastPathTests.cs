using Emulator.Cpu.Tests.Support;
using Emulator.Mmu.Caches;
using static Emulator.Cpu.Tests.SimdFp.SimdGuest;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests.SimdFp;

/// <summary>
/// The software TLB's fast path of SIMD&amp;FP loads and stores (ArmCore.TryReadVectorFast and
/// TryWriteVectorFast, which also take unaligned accesses within a page of Normal memory) and their
/// Try twins in translated blocks: whatever the fast path does must be what the slow path would do,
/// and whatever could fault (Device memory, SCTLR_EL1.A, SIMD&amp;FP disabled, a page crossing) must
/// be left to the full handler, at the instruction's own PC, even on a page the TLB holds.
/// </summary>
public sealed class LoadStoreFastPathTests
{
    private const uint SctlrA = 1u << 1;

    /// <summary>
    /// A hot loop whose access is aligned on every pass but the last, where its base is moved by
    /// <paramref name="misalign"/> just before: on the loop's (Device or SCTLR_EL1.A) page, already in
    /// the software TLB, only the full handler may take the Alignment fault, at the access.
    /// </summary>
    private static CodeBuilder MisalignOnLastPass(uint access, ulong misalign, bool setSctlrA)
    {
        var c = new CodeBuilder();
        if (setSctlrA)
        {
            c.Emit(Mrs(X2, SCTLR_EL1))
                .Emit(OrrImm(X2, X2, SctlrA))
                .Emit(Msr(SCTLR_EL1, X2))
                .Emit(Isb());
        }
        return c.Label("loop")
            .Emit(SubImm(X7, X20, 1))
            .Emit("aligned", off => Cbnz(X7, off))
            .Emit(AddImm(X1, X1, misalign))
            .Label("aligned")
            .Emit(Add(X6, X6, X20))
            .Label("access")
            .Emit(access)
            .Emit(SubImm(X20, X20, 1))
            .Emit("loop", off => Cbnz(X20, off))
            .Emit(GuestMachine.EndMarker);
    }

    private static void Setup(GuestMachine m)
    {
        m.Core.Sys.CPACR_EL1 = 3UL << 20;
        m.Core.UpdateFpEnabled();
        byte[] pattern = new byte[PatternLength];
        for (int k = 0; k < pattern.Length; k++)
            pattern[k] = Pattern((ulong)k);
        m.WriteBytes(Data, pattern); // RAM written: loads take the fast path too
        for (int n = 0; n < 32; n++)
            m.Core.SetV((uint)n, Initial(n).Low, Initial(n).High);
        m.Core.X[1] = Data + 0x100;
        m.Core.X[20] = 300;
    }

    [Theory]
    [InlineData(0x3DC0_0020u, 8)] // ldr q0, [x1]
    [InlineData(0x3D80_0020u, 8)] // str q0, [x1]
    [InlineData(0xAD40_0420u, 8)] // ldp q0, q1, [x1]
    [InlineData(0xAD00_0420u, 8)] // stp q0, q1, [x1]
    [InlineData(0xFD40_0020u, 4)] // ldr d0, [x1]
    [InlineData(0xBD00_0020u, 2)] // str s0, [x1]
    public void Unaligned_access_to_Device_memory_in_a_hot_block_takes_the_Alignment_fault(uint access, ulong misalign)
    {
        // MMU off: data accesses are Device-nGnRnE, and without the cache model the aligned ones
        // run on the software TLB's fast path.
        CodeBuilder c = MisalignOnLastPass(access, misalign, setSctlrA: false);
        var pair = BlockEquivalence.Plain(c.Build());
        pair.ForBoth(m =>
        {
            Setup(m);
            m.InstallHvcVectors();
        });
        AssertAlignmentFaultAtTheAccess(pair, access, misalign);
    }

    [Theory]
    [InlineData(0x3DC0_0020u, 8)] // ldr q0, [x1]
    [InlineData(0x3D80_0020u, 8)] // str q0, [x1]
    [InlineData(0xAD00_0420u, 8)] // stp q0, q1, [x1]
    [InlineData(0xFD40_0020u, 4)] // ldr d0, [x1]
    public void Unaligned_access_with_SctlrA_in_a_hot_block_takes_the_Alignment_fault(uint access, ulong misalign)
    {
        CodeBuilder c = MisalignOnLastPass(access, misalign, setSctlrA: true);
        var pair = BlockEquivalence.WithMmu(c.Build(), null);
        pair.ForBoth(Setup);
        AssertAlignmentFaultAtTheAccess(pair, access, misalign);
    }

    private static void AssertAlignmentFaultAtTheAccess(BlockEquivalence pair, uint access, ulong misalign)
    {
        pair.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        pair.AssertTranslated();
        GuestMachine t = pair.Translated;
        Assert.Equal(0x25u, t.ExceptionClass); // data abort, same EL
        Assert.Equal(0x21UL, t.Esr & 0x3F); // Alignment fault
        Assert.Equal(Data + 0x100 + misalign, t.Far);
        Assert.Equal(1UL, t.X(20));
        Assert.Equal(access, t.Read32(t.Elr)); // at the access itself (code identity-mapped)
    }

    [Theory]
    [InlineData(0x3DC0_0020u)] // ldr q0, [x1]
    [InlineData(0x3CDF_0020u)] // ldur q0, [x1, #-16]
    [InlineData(0x3CC1_0420u)] // ldr q0, [x1], #16
    [InlineData(0x3CE4_6820u)] // ldr q0, [x1, x4]
    [InlineData(0xAD40_0420u)] // ldp q0, q1, [x1]
    [InlineData(0xAD00_0420u)] // stp q0, q1, [x1]
    [InlineData(0x3C81_0020u)] // stur q0, [x1, #16]
    public void Access_in_a_hot_block_traps_once_Simd_and_FP_are_disabled(uint access)
    {
        // The loop runs hot with SIMD&FP enabled, then the guest clears CPACR_EL1.FPEN and goes
        // round again: the translated access must take the trap (EC 0x07), not its fast path.
        var c = new CodeBuilder()
            .Label("loop")
            .Emit(AddImm(X6, X6, 1))
            .Label("access")
            .Emit(access)
            .Emit(SubImm(X20, X20, 1))
            .Emit("loop", off => Cbnz(X20, off))
            .Emit(0xD518_105F) // msr cpacr_el1, xzr
            .Emit(0xD280_00B4) // mov x20, #5
            .Emit("loop", off => B(off))
            .Emit(GuestMachine.EndMarker);
        var pair = BlockEquivalence.Plain(c.Build());
        pair.ForBoth(m =>
        {
            Setup(m);
            m.Core.X[4] = 32;
            m.InstallHvcVectors();
        });
        pair.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        pair.AssertTranslated();
        GuestMachine t = pair.Translated;
        Assert.Equal(0x07u, t.ExceptionClass);
        Assert.Equal(GuestMachine.CodeBase + (ulong)c.LabelOffset("access"), t.Elr);
        Assert.Equal(5UL, t.X(20));
        Assert.Equal(301UL, t.X(6));
    }

    /// <summary>
    /// Unaligned Q, D and pair accesses of Normal memory, some crossing pages, in a hot loop: the
    /// translated run matches the interpreter, and both (the software TLB's fast path) match a run
    /// with the cache model, where every access takes the slow path.
    /// </summary>
    [Fact]
    public void Unaligned_accesses_of_Normal_memory_match_the_slow_path()
    {
        uint[] loop =
        [
            0x3CDF_4020, // ldur q0, [x1, #-12]
            0x3CDF_8021, // ldur q1, [x1, #-8]
            0x3CC1_0422, // ldr q2, [x1], #16
            0x3C80_4040, // stur q0, [x2, #4]
            0xAD01_0841, // stp q1, q2, [x2, #32]
            0x6D7F_9063, // ldp d3, d4, [x3, #-8]
            0x3CA4_6843, // str q3, [x2, x4]
            0x3CE4_6865, // ldr q5, [x3, x4]
            0x6D3E_9444, // stp d4, d5, [x2, #-24]
            0x2D40_9C66, // ldp s6, s7, [x3, #4]
            0x9100_D042, // add x2, x2, #52
            0x9100_4063, // add x3, x3, #16
            0xF100_0694, // subs x20, x20, #1
            0x54FF_FE61, // b.ne (the first instruction)
        ];
        var c = new CodeBuilder().Emit(loop).Emit(GuestMachine.EndMarker);
        var fast = BlockEquivalence.WithMmu(c.Build(), null);
        var slow = BlockEquivalence.WithMmu(c.Build(), CachePresets.CortexA72);
        foreach (BlockEquivalence pair in new[] { fast, slow })
        {
            pair.ForBoth(m =>
            {
                Setup(m);
                m.Core.X[1] = Data + 0x20;
                m.Core.X[2] = Data + 0x8000 + 24;
                m.Core.X[3] = Data + 0x13;
                m.Core.X[4] = 5;
                m.Core.X[20] = 700; // over 2 pages of each stream: some accesses cross a page
            });
            pair.RunToEnd();
            pair.AssertTranslated();
        }
        GuestMachine a = fast.Translated, b = slow.Translated;
        for (uint n = 0; n < 8; n++)
        {
            Assert.Equal(b.Core.GetVLow(n), a.Core.GetVLow(n));
            Assert.Equal(b.Core.GetVHigh(n), a.Core.GetVHigh(n));
        }
        Assert.Equal(Newest(b, Data + 0x8000 - 64, 700 * 52 + 256), Newest(a, Data + 0x8000 - 64, 700 * 52 + 256));
        Assert.True(a.Core.SlowDataAccesses < b.Core.SlowDataAccesses / 10, $"fast path: {a.Core.SlowDataAccesses} slow accesses");
        AssertVPattern(a, 2, 0x20 + 699 * 16, 16);
    }

    /// <summary>Guest memory as the guest would read it (through the caches, when attached).</summary>
    private static byte[] Newest(GuestMachine m, ulong va, int count)
    {
        byte[] bytes = new byte[count];
        Assert.True(m.Core.ReadGuestMemory(va, bytes));
        return bytes;
    }
}

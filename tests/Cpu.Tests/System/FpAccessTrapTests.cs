using Emulator.Cpu.Decoding;
using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests.System;

/// <summary>
/// The SIMD&amp;FP access check (AArch64.CheckFPAdvSIMDEnabled, CheckFPEnabled): with
/// CPACR_EL1.FPEN = 0bx0 SIMD&amp;FP instructions and MRS/MSR of FPCR/FPSR trap at EL0 and EL1, with
/// 0b01 at EL0 only, with 0b11 nowhere. The trap goes to EL1 (AArch64.AdvSIMDFPAccessTrap) with
/// EC 0x07, IL 1 and ISS&lt;24:20&gt; = ConditionSyndrome(), which from AArch64 is CV 1, COND 0b1110:
/// ESR_EL1 = 0x1FE00000 (QEMU's cortex-a57 reports the same value). An instruction whose decode
/// is UNDEFINED takes EC 0x00 whatever FPEN says (decode comes before the check).
/// </summary>
public sealed class FpAccessTrapTests
{
    private static readonly SysRegister CPACR_EL1 = new(3, 0, 1, 0, 2);

    /// <summary>EC 0x07, IL, CV 1, COND 0b1110.</summary>
    private const ulong FpTrapEsr = 0x07UL << 26 | 1UL << 25 | 1UL << 24 | 0xEUL << 20;

    private const ulong SvcEsr = 0x15UL << 26 | 1UL << 25;

    /// <summary>SIMD&amp;FP instructions and register accesses, as words from aarch64-linux-gnu-as (X5 points at data).</summary>
    public static TheoryData<string, uint> Instructions() => new()
    {
        { "ldr q0, [x5]", 0x3DC0_00A0 },
        { "stp s0, s1, [x5, #8]", 0x2D01_04A0 },
        { "msr fpcr, x1", 0xD51B_4401 },
        { "mrs x1, fpcr", 0xD53B_4401 },
        { "msr fpsr, x1", 0xD51B_4421 },
        { "mrs x2, fpsr", 0xD53B_4422 },
        { "fadd s0, s1, s2", 0x1E22_2820 },
        { "fmov d0, x1", 0x9E67_0020 },
        { "add v0.16b, v1.16b, v2.16b", 0x4E22_8420 },
        { "ld1 {v0.16b}, [x5]", 0x4C40_70A0 },
    };

    public static TheoryData<uint, string, uint> EveryFpenAndInstruction()
    {
        var data = new TheoryData<uint, string, uint>();
        foreach (object[] row in Instructions())
        {
            for (uint fpen = 0; fpen < 4; fpen++)
                data.Add(fpen, (string)row[0], (uint)row[1]);
        }
        return data;
    }

    /// <summary>True once the decode table has a row for the word (other areas add the SIMD&amp;FP rows); until then the word is UNDEFINED and has nothing to check here.</summary>
    private static bool Implemented(uint word) => A64Decoder.Instance.Find(word) is not null;

    private static uint[] Prologue(uint fpen) =>
        [.. MovImm(X0, (ulong)fpen << 20), Msr(CPACR_EL1, X0), Isb(), .. MovImm(X5, GuestMachine.DataBase), .. MovImm(X1, 0)];

    [Theory]
    [MemberData(nameof(EveryFpenAndInstruction))]
    public void At_el1_traps_exactly_when_fpen_is_x0(uint fpen, string text, uint word)
    {
        if (!Implemented(word))
            return;
        uint[] prologue = Prologue(fpen);
        GuestMachine m = GuestMachine.Load([.. prologue, word, GuestMachine.EndMarker]);
        m.InstallHvcVectors();
        if ((fpen & 1) == 0)
        {
            m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
            Assert.True(m.Esr == FpTrapEsr, $"{text}: ESR_EL1 0x{m.Esr:x}");
            Assert.Equal(GuestMachine.CodeBase + (ulong)prologue.Length * 4, m.Elr);
        }
        else
        {
            m.RunToEnd();
        }
    }

    [Theory]
    [MemberData(nameof(EveryFpenAndInstruction))]
    public void At_el0_traps_to_el1_unless_fpen_is_11(uint fpen, string text, uint word)
    {
        if (!Implemented(word))
            return;
        // ERET to EL0t at "el0", which runs the instruction then SVC #0.
        var code = new CodeBuilder().Emit(Prologue(fpen))
            .Emit("el0", off => Adr(X2, off)).Emit(Msr(ELR_EL1, X2), Msr(SPSR_EL1, XZR), Eret())
            .Label("el0").Emit(word, Svc(0));
        GuestMachine m = GuestMachine.Load(code.Build());
        m.InstallHvcVectors();
        m.RunToVector(GuestMachine.VectorLowerElSync);
        ulong el0 = GuestMachine.CodeBase + (ulong)code.LabelOffset("el0");
        if (fpen != 3)
        {
            Assert.True(m.Esr == FpTrapEsr, $"{text}: ESR_EL1 0x{m.Esr:x}");
            Assert.Equal(el0, m.Elr);
        }
        else
        {
            Assert.True(m.Esr == SvcEsr, $"{text}: ESR_EL1 0x{m.Esr:x}, expected the SVC");
            Assert.Equal(el0 + 8, m.Elr);
        }
        Assert.Equal(0UL, m.Spsr & 0xF); // taken from EL0t
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(1u)]
    public void A_word_undefined_at_decode_takes_ec_0_even_when_fp_is_disabled(uint fpen)
    {
        // LDR (immediate, SIMD&FP) with size 01, opc 11: scale = opc<1>:size = 5 > 4 is UNDEFINED in the decode, before CheckFPAdvSIMDEnabled64.
        const uint word = 0x7DC0_00A0;
        GuestMachine m = GuestMachine.Load([.. Prologue(fpen), word, GuestMachine.EndMarker]);
        m.InstallHvcVectors();
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(1UL << 25, m.Esr); // EC 0x00 (Unknown reason), IL 1
    }

    [Fact]
    public void Id_aa64pfr0_reports_fp_and_advsimd_implemented()
    {
        GuestMachine m = GuestMachine.Execute(Mrs(X0, ID_AA64PFR0_EL1));
        Assert.Equal(0UL, (m.X(0) >> 16) & 0xF); // FP: 0b0000, implemented (with half-precision conversions, no FP16 arithmetic)
        Assert.Equal(0UL, (m.X(0) >> 20) & 0xF); // AdvSIMD: 0b0000, implemented
    }

    [Fact]
    public void Fpcr_and_fpsr_keep_their_values_across_a_trapping_access()
    {
        // FPEN = 11: set FPCR.RMode = 0b10, then FPEN = 00: MSR FPCR traps and leaves FPCR as it was.
        const uint msrFpcrX1 = 0xD51B_4401;
        GuestMachine m = GuestMachine.Load([
            .. MovImm(X0, 3UL << 20), Msr(CPACR_EL1, X0), Isb(),
            .. MovImm(X1, 2UL << 22), msrFpcrX1,
            Msr(CPACR_EL1, XZR), Isb(),
            .. MovImm(X1, 1UL << 22), msrFpcrX1,
            GuestMachine.EndMarker,
        ]);
        m.InstallHvcVectors();
        m.RunToVector(GuestMachine.VectorCurrentElSpxSync);
        Assert.Equal(FpTrapEsr, m.Esr);
        Assert.Equal(2u << 22, m.Core.Fpcr);
    }
}

using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Support.A64;
using static Emulator.Cpu.Tests.Support.Snippets;

namespace Emulator.Cpu.Tests;

/// <summary>
/// Register 31 is SP in some operand positions and XZR in others (Arm ARM C1.2.5 and each
/// instruction's operand description); writes to W registers zero bits [63:32].
/// </summary>
public sealed class RegisterConventionTests
{
    private const ulong StackTop = GuestMachine.DataBase + 0x1000;

    [Fact]
    public void AddImmediate_Register31IsSpForSourceAndDestination()
    {
        var m = GuestMachine.Execute([
            .. SetSp(StackTop),
            AddImm(X0, SP, 16),            // reads SP
            AddImm(SP, SP, 0x20),          // writes SP
            MovSp(X1, SP),
            SubImm(SP, X0, 0x10),
        ]);
        Assert.Equal(StackTop + 16, m.X(0));
        Assert.Equal(StackTop + 0x20, m.X(1));
        Assert.Equal(StackTop, m.Sp);
    }

    [Fact]
    public void AddsImmediate_DestinationIsXzr_ResultDiscarded_SourceIsSp()
    {
        var m = GuestMachine.Execute([
            .. SetSp(StackTop),
            .. MovImm(X1, ulong.MaxValue),
            AddsImm(XZR, X1, 1),           // CMN X1, #1: Z C; SP unchanged
            Mrs(X2, NZCV),
            AddsImm(X3, SP, 1),            // ADDS reads SP as Rn
            SubsImm(XZR, SP, 1, lsl12: true),  // CMP SP, #0x1000: Z C
            Mrs(X4, NZCV),
        ]);
        Assert.Equal(StackTop, m.Sp);
        Assert.Equal(0x6000_0000UL, m.X(2));
        Assert.Equal(StackTop + 1, m.X(3));
        Assert.Equal(0x2000_0000UL, m.X(4));   // 0x40101000 - 0x1000: C only
    }

    [Fact]
    public void LogicalImmediate_CanWriteSp_AndsCannot()
    {
        var m = GuestMachine.Execute([
            .. SetSp(StackTop),
            .. MovImm(X1, StackTop + 0x2F),
            AndImm(SP, X1, ~0xFUL),        // writes SP
            MovSp(X2, SP),
            OrrImm(SP, XZR, 0xFFFF_0000),  // source 31 is XZR, destination SP
            MovSp(X3, SP),
            AndsImm(XZR, X1, 0xF),         // TST: destination discarded
            MovSp(X4, SP),
            EorImm(WSP, W1, 0xF),          // 32-bit write to WSP zero-extends
            MovSp(X5, SP),
        ]);
        Assert.Equal(StackTop + 0x20, m.X(2));
        Assert.Equal(0xFFFF_0000UL, m.X(3));
        Assert.Equal(0xFFFF_0000UL, m.X(4));
        Assert.Equal((StackTop + 0x2F) ^ 0xF, m.X(5));
    }

    [Fact]
    public void ShiftedRegisterForms_Register31IsXzr()
    {
        var m = GuestMachine.Execute([
            .. SetSp(StackTop),
            .. MovImm(X1, 0x1234),
            Orr(X2, XZR, X1),              // MOV X2, X1: reads XZR, not SP
            Orr(X3, X1, XZR),
            Add(X4, XZR, X1),              // ADD (shifted): Rn 31 is XZR
            Sub(X5, X1, XZR),
            Orr(XZR, X1, X1),              // destination discarded: SP unchanged
            Add(XZR, X1, X1),
            MovSp(X6, SP),
        ]);
        Assert.Equal(0x1234UL, m.X(2));
        Assert.Equal(0x1234UL, m.X(3));
        Assert.Equal(0x1234UL, m.X(4));
        Assert.Equal(0x1234UL, m.X(5));
        Assert.Equal(StackTop, m.X(6));
    }

    [Fact]
    public void ExtendedRegisterForms_Register31IsSpForRnAndRd_ButXzrForRm()
    {
        var m = GuestMachine.Execute([
            .. SetSp(StackTop),
            .. MovImm(X1, 0x10),
            AddExt(X2, SP, X1, Extend.UXTX),       // SP + 0x10
            AddExt(X3, X1, XZR, Extend.UXTX),      // Rm 31 is XZR
            AddExt(SP, SP, X1, Extend.UXTX, 1),    // SP += 0x20
            MovSp(X4, SP),
            AddsExt(XZR, SP, X1, Extend.UXTX),     // CMN: destination discarded
            MovSp(X5, SP),
        ]);
        Assert.Equal(StackTop + 0x10, m.X(2));
        Assert.Equal(0x10UL, m.X(3));
        Assert.Equal(StackTop + 0x20, m.X(4));
        Assert.Equal(StackTop + 0x20, m.X(5));
    }

    [Fact]
    public void OtherInstructions_Register31IsXzr()
    {
        var m = GuestMachine.Execute([
            .. SetSp(StackTop),
            .. MovImm(X1, 7), .. MovImm(X2, 6),
            Movz(XZR, 0x55),                       // discarded
            Madd(X3, X1, X2, XZR),                 // Ra 31 is XZR: 42
            Csel(X4, XZR, X1, Cond.AL),            // 0
            Csinc(X5, XZR, XZR, Cond.NV),          // NV holds: 0
            Mrs(XZR, MIDR_EL1),                    // discarded
            Mvn(X6, XZR),                          // ~0
            Udiv(X7, X1, XZR),                     // divide by XZR: 0
            Lslv(X8, X1, XZR),                     // shift by 0
            Ubfx(X9, XZR, 0, 8),
            Msr(TPIDR_EL0, XZR),
            Mrs(X10, TPIDR_EL0),
            Cbz(XZR, 8), Movz(X11, 1),             // always taken
            MovSp(X12, SP),
        ]);
        Assert.Equal(42UL, m.X(3));
        Assert.Equal(0UL, m.X(4));
        Assert.Equal(0UL, m.X(5));
        Assert.Equal(ulong.MaxValue, m.X(6));
        Assert.Equal(0UL, m.X(7));
        Assert.Equal(7UL, m.X(8));
        Assert.Equal(0UL, m.X(9));
        Assert.Equal(0UL, m.X(10));
        Assert.Equal(0UL, m.X(11));
        Assert.Equal(StackTop, m.X(12));
        Assert.Equal(0UL, m.Core.X[31]);
    }

    [Fact]
    public void LoadsAndStores_Rt31IsXzr_Rn31IsSp()
    {
        var m = GuestMachine.Load([
            .. SetSp(StackTop),
            Ldr(XZR, Mem(SP)),                     // loads and discards
            Ldp(XZR, X1, SP, 0),
            Str(XZR, Mem(SP, 8)),                  // stores zero
            Stp(XZR, XZR, SP, 16),
            Ldr(XZR, Post(SP, 16)),                // writeback to SP still happens
            MovSp(X2, SP),
            GuestMachine.EndMarker,
        ]);
        m.Write64(StackTop, 0x1111);
        m.Write64(StackTop + 8, 0x2222);
        m.Write64(StackTop + 16, 0x3333);
        m.Write64(StackTop + 24, 0x4444);
        m.RunToEnd();
        Assert.Equal(0x2222UL, m.X(1));
        Assert.Equal(0UL, m.Read64(StackTop + 8));
        Assert.Equal(0UL, m.Read64(StackTop + 16));
        Assert.Equal(0UL, m.Read64(StackTop + 24));
        Assert.Equal(StackTop + 16, m.X(2));
        Assert.Equal(0UL, m.Core.X[31]);
    }

    public static TheoryData<string, uint> WWrites => new()
    {
        { "ADD imm", AddImm(W0, W1, 1) },
        { "SUBS imm", SubsImm(W0, W1, 1) },
        { "ADD shifted", Add(W0, W1, W1) },
        { "ADD extended", AddExt(W0, W1, W1, Extend.SXTB) },
        { "ADC", Adc(W0, W1, W1) },
        { "ORR imm", OrrImm(W0, W1, 0xF0) },
        { "EOR shifted", Eor(W0, W1, W2) },
        { "MOVZ", Movz(W0, 0xFFFF) },
        { "MOVN", Movn(W0, 0) },
        { "MOVK", Movk(W0, 0) },
        { "UBFM", Ubfx(W0, W1, 0, 31) },
        { "SBFM", Sxtb(W0, W1) },
        { "BFM", Bfi(W0, W1, 0, 4) },
        { "EXTR", Extr(W0, W1, W2, 3) },
        { "CSEL", Csel(W0, W1, W2, Cond.AL) },
        { "CSINV", Csinv(W0, W1, W2, Cond.NV) },
        { "CLZ", Clz(W0, W1) },
        { "RBIT", Rbit(W0, W1) },
        { "REV", Rev(W0, W1) },
        { "UDIV", Udiv(W0, W1, W2) },
        { "SDIV", Sdiv(W0, W1, W2) },
        { "LSLV", Lslv(W0, W1, W2) },
        { "ASRV", Asrv(W0, W1, W2) },
        { "MADD", Madd(W0, W1, W2, W1) },
        { "LDR W", Ldr(W0, Mem(X3)) },
        { "LDRB", Ldrb(W0, Mem(X3)) },
        { "LDRSB W", Ldrsb(W0, Mem(X3)) },
        { "LDRSH W", Ldrsh(W0, Mem(X3)) },
        { "LDP W", Ldp(W0, W4, X3) },
        { "LDR W literal", LdrLiteral(W0, 0x1000) },
    };

    [Theory]
    [MemberData(nameof(WWrites))]
    public void WritesToWRegisters_ZeroTheUpperHalf(string name, uint insn)
    {
        uint[] prefix = [
            .. MovImm(X0, ulong.MaxValue), .. MovImm(X1, 0xFFFF_FFFF_8765_4321), .. MovImm(X2, 0xFFFF_FFFF_0000_0003),
            .. MovImm(X3, GuestMachine.DataBase),
        ];
        var m = GuestMachine.Load([.. prefix, insn, GuestMachine.EndMarker]);
        m.Write64(GuestMachine.DataBase, 0xFFFF_FFFF_FFFF_FFFF);
        m.Write32(GuestMachine.CodeBase + (ulong)prefix.Length * 4 + 0x1000, 0xFFFF_FFFF);   // the literal
        m.RunToEnd();
        Assert.True(m.X(0) >> 32 == 0, $"{name}: X0 = 0x{m.X(0):x16}");
    }

    [Fact]
    public void AddImmediateToWsp_ZeroExtends()
    {
        var m = GuestMachine.Execute([.. SetSp(StackTop), .. MovImm(X1, 0xFFFF_FFFF_4010_2000), AddImm(WSP, W1, 0x10), MovSp(X2, SP)]);
        Assert.Equal(0x4010_2010UL, m.X(2));
    }
}

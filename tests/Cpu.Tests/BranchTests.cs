using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests;

/// <summary>B, BL, B.cond, CBZ/CBNZ, TBZ/TBNZ, BR/BLR/RET, ADR/ADRP.</summary>
public sealed class BranchTests
{
    private const ulong Base = GuestMachine.CodeBase;

    [Fact]
    public void B_Forward_SkipsInstructions()
    {
        var m = GuestMachine.Execute(B(12), Movz(X0, 1), Movz(X0, 2), Movz(X1, 3));
        Assert.Equal(0UL, m.X(0));
        Assert.Equal(3UL, m.X(1));
    }

    [Fact]
    public void Loop_WithBackwardBranches()
    {
        var code = new CodeBuilder()
            .Emit(Movz(X0, 5), Movz(X1, 0), Movz(X2, 0))
            .Label("loop")
            .Emit(SubImm(X0, X0, 1), AddImm(X1, X1, 2))
            .Emit("loop", off => Cbnz(X0, off))
            .Label("loop2")
            .Emit(AddImm(X2, X2, 1), CmpImm(X2, 3))
            .Emit("loop2", off => BCond(Cond.NE, off))
            .Label("loop3")
            .Emit(AddImm(X2, X2, 1), CmpImm(X2, 5))
            .Emit("done", off => BCond(Cond.EQ, off))
            .Emit("loop3", off => B(off))
            .Label("done");
        var m = GuestMachine.Execute(code);
        Assert.Equal(0UL, m.X(0));
        Assert.Equal(10UL, m.X(1));
        Assert.Equal(5UL, m.X(2));
    }

    [Fact]
    public void B_FarForwardAndBack()
    {
        // A branch of +1 MiB to a block that branches back -1 MiB + 8.
        var m = GuestMachine.Load([B(0x10_0000), Movz(X1, 7), GuestMachine.EndMarker]);
        m.WriteWords(Base + 0x10_0000, [Movz(X0, 42), B(-0x10_0000)]);
        m.RunToEnd();
        Assert.Equal(42UL, m.X(0));
        Assert.Equal(7UL, m.X(1));
    }

    [Fact]
    public void B_AcrossAlmostAllOfRam()
    {
        // imm26 reaches +/-128 MiB (0x16000000 and 0x15FFFFFF are the extremes); RAM is 16 MiB here.
        Assert.Equal(0x1600_0000u, B(-128L * 1024 * 1024));
        Assert.Equal(0x15FF_FFFFu, B(128L * 1024 * 1024 - 4));
        var m = GuestMachine.Load([B(RamSizeMinus(0x100)), GuestMachine.EndMarker]);
        m.WriteWords(Base + (ulong)RamSizeMinus(0x100), [Movz(X0, 9), B(-RamSizeMinus(0x100))]);
        m.RunToEnd();
        Assert.Equal(9UL, m.X(0));
    }

    private static long RamSizeMinus(ulong n) => (long)(GuestMachine.RamSize - n);

    [Fact]
    public void Bl_LinksAndRetReturns()
    {
        var code = new CodeBuilder()
            .Emit(Movz(X0, 1))
            .Emit("sub", off => Bl(off))         // at Base + 4
            .Emit(AddImm(X0, X0, 100))
            .Emit(Mov(X20, X30))
            .Emit(GuestMachine.EndMarker)
            .Label("sub")
            .Emit(AddImm(X0, X0, 10), Mov(X21, X30), Ret());
        var m = GuestMachine.Execute(code);
        Assert.Equal(111UL, m.X(0));
        Assert.Equal(Base + 8, m.X(21));
        Assert.Equal(Base + 8, m.X(20));
    }

    [Fact]
    public void BrBlrAndRetWithOtherRegister()
    {
        var code = new CodeBuilder()
            .Emit("target", off => Adr(X5, off))     // 0
            .Emit(Blr(X5))                           // 4
            .Emit(Mov(X22, X30))                     // 8
            .Emit("end", off => Adr(X6, off))
            .Emit(Br(X6))
            .Emit(Movz(X0, 0xBAD))
            .Label("target")
            .Emit(Mov(X23, X30), Ret(X23))
            .Label("end")
            .Emit(Movz(X1, 1));
        var m = GuestMachine.Execute(code);
        Assert.Equal(Base + 8, m.X(23));
        Assert.Equal(Base + 8, m.X(22));
        Assert.Equal(0UL, m.X(0));
        Assert.Equal(1UL, m.X(1));
    }

    [Fact]
    public void Blr_X30_BranchesToOldValueAndLinks()
    {
        var code = new CodeBuilder()
            .Emit("target", off => Adr(X30, off))    // 0
            .Emit(Blr(X30))                          // 4: target read before the link is written
            .Emit(GuestMachine.EndMarker)            // 8
            .Label("target")
            .Emit(Mov(X24, X30), Ret());
        var m = GuestMachine.Execute(code);
        Assert.Equal(Base + 8, m.X(24));
    }

    [Fact]
    public void CbzCbnz_WidthMatters()
    {
        var m = GuestMachine.Execute([
            .. MovImm(X1, 0x1_0000_0000),
            Cbz(W1, 8), Movz(X2, 1),      // W1 == 0: taken, X2 stays 0
            Cbz(X1, 8), Movz(X3, 1),      // X1 != 0: not taken
            Cbnz(X1, 8), Movz(X4, 1),     // taken
            Cbnz(W1, 8), Movz(X5, 1),     // not taken
        ]);
        Assert.Equal(0UL, m.X(2));
        Assert.Equal(1UL, m.X(3));
        Assert.Equal(0UL, m.X(4));
        Assert.Equal(1UL, m.X(5));
    }

    [Fact]
    public void TbzTbnz_Bit63Bit32Bit0()
    {
        var m = GuestMachine.Execute([
            .. MovImm(X1, 0x8000_0001_0000_0000),
            Tbz(X1, 63, 8), Movz(X2, 1),       // bit 63 set: not taken
            Tbnz(X1, 63, 8), Movz(X3, 1),      // taken
            Tbnz(X1, 32, 8), Movz(X4, 1),      // taken
            Tbz(X1, 0, 8), Movz(X5, 1),        // taken
            Tbnz(W1, 31, 8), Movz(X6, 1),      // bit 31 clear: not taken
            Tbz(X1, 62, 8), Movz(X7, 1),       // taken
        ]);
        Assert.Equal(1UL, m.X(2));
        Assert.Equal(0UL, m.X(3));
        Assert.Equal(0UL, m.X(4));
        Assert.Equal(0UL, m.X(5));
        Assert.Equal(1UL, m.X(6));
        Assert.Equal(0UL, m.X(7));
    }

    [Fact]
    public void Tbz_BackwardBranch()
    {
        var code = new CodeBuilder()
            .Emit(Movz(X0, 0))
            .Label("loop")
            .Emit(AddImm(X0, X0, 1))
            .Emit("loop", off => Tbz(X0, 3, off));   // until bit 3 is set: X0 = 8
        Assert.Equal(8UL, GuestMachine.Execute(code).X(0));
    }

    [Fact]
    public void AdrAndAdrp()
    {
        var m = GuestMachine.Execute(
            Nop(),
            Adr(X0, 0x1235),        // at Base + 4
            Adr(X1, -4),            // at Base + 8
            Adrp(X2, 5),            // at Base + 12
            Adrp(X3, -3),
            Adr(X4, 0xFFFFF),       // largest positive offset
            Adr(X5, -0x100000));    // largest negative offset, at Base + 24
        Assert.Equal(Base + 4 + 0x1235, m.X(0));
        Assert.Equal(Base + 8 - 4, m.X(1));
        Assert.Equal(Base + 5 * 0x1000, m.X(2));
        Assert.Equal(Base - 3 * 0x1000, m.X(3));
        Assert.Equal(Base + 20 + 0xFFFFF, m.X(4));
        Assert.Equal(Base + 24 - 0x100000, m.X(5));
    }

    [Fact]
    public void Adrp_ClearsLowTwelveBitsOfPc()
    {
        var m = GuestMachine.Load([B(0x7F8)]);
        m.WriteWords(Base + 0x7F8, [Adrp(X0, 1), Adrp(X1, 0), GuestMachine.EndMarker]);
        m.RunToEnd();
        Assert.Equal(Base + 0x1000, m.X(0));
        Assert.Equal(Base, m.X(1));
    }
}

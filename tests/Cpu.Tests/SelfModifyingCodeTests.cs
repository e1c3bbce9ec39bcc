using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests;

/// <summary>
/// Stores to code take effect on the next fetch of the stored address, with no IC maintenance
/// (this model has no stale instruction cache unless the cache model says so): the interpreter's
/// decoded-instruction cache must never run an old decoding of a rewritten word.
/// </summary>
public sealed class SelfModifyingCodeTests
{
    [Fact]
    public void StoreToNextInstruction_RunsTheStoredWord()
    {
        // Each pass rewrites the instruction right after the store: MOVZ x0, #111, then #112, #113.
        var code = new CodeBuilder()
            .Emit("slot", off => Adr(X1, off))
            .Emit(MovImm(X2, Movz(X0, 111)))
            .Emit(Movz(X3, 0), Movz(X4, 3))
            .Label("loop")
            .Emit(Str(W2, Mem(X1)))
            .Label("slot")
            .Emit(Movz(X0, 0))
            .Emit(AddReg(X3, X0), AddImm(X2, X2, 1 << 5), SubImm(X4, X4, 1))
            .Emit("loop", off => Cbnz(X4, off));
        var m = GuestMachine.Execute(code);
        Assert.Equal(111UL + 112 + 113, m.X(3));
    }

    [Fact]
    public void RewrittenSlot_ChangesInstructionClass()
    {
        // The slot runs NOP, then ADD x3, x3, #100, then LSL x3, x3, #1: different handlers at one address.
        var code = new CodeBuilder()
            .Emit("slot", off => Adr(X1, off))
            .Emit(MovImm(X2, AddImm(X3, X3, 100)))
            .Emit(MovImm(X5, LslImm(X3, X3, 1)))
            .Emit(Movz(X3, 1), Movz(X4, 3))
            .Label("loop")
            .Label("slot")
            .Emit(Nop())
            .Emit(Str(W2, Mem(X1)), Orr(X2, XZR, X5), SubImm(X4, X4, 1))
            .Emit("loop", off => Cbnz(X4, off));
        var m = GuestMachine.Execute(code);
        Assert.Equal((1UL + 100) * 2, m.X(3));
    }

    private static uint AddReg(Reg d, Reg m) => Add(d, d, m);
}

using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests;

/// <summary>
/// Without the cache model a translated block tries each specialized load and store on the
/// software TLB's fast path first, with its counts still pending and no PC set; anything the fast
/// path cannot do (a miss, a device, a fault) must run the full handler at an exact PC and count.
/// </summary>
public sealed partial class BlockTranslationTests
{
    [Theory]
    [InlineData(0)] // STR (unsigned offset)
    [InlineData(1)] // LDR (unsigned offset)
    [InlineData(2)] // STP (offset)
    [InlineData(3)] // LDR (post-index)
    public void Sp_alignment_fault_in_a_hot_block_is_taken_at_the_access(int form)
    {
        // SCTLR_EL1.SA is set; the loop's accesses are based on SP, which is 16-byte aligned on
        // every pass but the last, where it is moved by 8 just before: only the full handler may
        // take the SP alignment fault, at the access's own PC.
        uint access = form switch
        {
            0 => Str(X20, Mem(SP, 16)),
            1 => Ldr(X9, Mem(SP, 16)),
            2 => Stp(X20, X5, SP, 32),
            _ => Ldr(X9, Post(SP, 0)),
        };
        var c = new CodeBuilder()
            .Emit(Mrs(X2, SCTLR_EL1))
            .Emit(OrrImm(X2, X2, 1UL << 3))
            .Emit(Msr(SCTLR_EL1, X2))
            .Emit(Isb())
            .Emit(MovImm(X3, Data + 0x800))
            .Emit(MovSp(SP, X3))
            .Emit(Str(X3, Mem(X3, 16))) // RAM written once, so that loads there take the fast path too
            .Emit(MovImm(X20, 300))
            .Label("loop")
            .Emit(SubImm(X7, X20, 1))
            .Emit("aligned", off => Cbnz(X7, off))
            .Emit(AddImm(SP, SP, 8))
            .Label("aligned")
            .Emit(Add(X6, X6, X20))
            .Label("access")
            .Emit(access)
            .Emit(Ldr(X5, Mem(SP, 16)))
            .Emit(Add(X6, X6, X5))
            .Emit(SubImm(X20, X20, 1))
            .Emit("loop", off => Cbnz(X20, off))
            .Emit(GuestMachine.EndMarker);
        BlockEquivalence pair = RunToSynchronousException(c, "access");
        Assert.Equal(0x26u, pair.Translated.ExceptionClass); // SP alignment fault
        Assert.Equal(1UL, pair.Translated.X(20));
    }
}

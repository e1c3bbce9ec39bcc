using Emulator.Cpu.Tests.Support;
using static Emulator.Cpu.Tests.Support.A64;

namespace Emulator.Cpu.Tests;

/// <summary>
/// Move wide, bitfield, logical (immediate), EXTR, extended-register ADD/SUB and conditional
/// select words that their handlers' UNDEFINED tests pass run in a block as pure instructions
/// (counts batched, no PC set): an UNDEFINED word of those rows must still be taken at its own PC.
/// </summary>
public sealed partial class BlockTranslationTests
{
    [Theory]
    [InlineData(0x13407C41u)] // SBFM W1, W2 with N set: UNDEFINED in 32 bits
    [InlineData(0x32800000u)] // move wide with opc 01
    [InlineData(0x12400000u)] // AND (immediate) W with N set
    [InlineData(0x13C00C41u)] // EXTR W with N set
    [InlineData(0x8B20F441u)] // ADD (extended register) with a shift of 5
    public void An_undefined_word_of_a_pure_row_in_a_hot_block_is_taken_at_its_pc(uint undefinedWord)
    {
        // The loop runs the word only on its last pass (TBZ skips it while X20 > 1), between pure
        // instructions of the same rows, so that the exception comes from inside a translated block.
        var c = new CodeBuilder()
            .Emit(MovImm(X20, 300))
            .Label("loop")
            .Emit(Movz(X3, 0x1234), Movk(X3, 0x5678, 16))
            .Emit(Sxtw(X4, W(20)))
            .Emit(AndImm(X5, X20, 0xF0))
            .Emit(AddExt(X6, X6, W(20), Extend.SXTW, 2))
            .Emit(SubImm(X7, X20, 1))
            .Emit("skip", off => Cbnz(X7, off))
            .Label("word")
            .Emit(undefinedWord)
            .Label("skip")
            .Emit(Extr(X8, X3, X4, 7))
            .Emit(CmpImm(X5, 0x80))
            .Emit(Csel(X9, X4, X5, Cond.HI))
            .Emit(Add(X10, X10, X9))
            .Emit(SubImm(X20, X20, 1))
            .Emit("loop", off => Cbnz(X20, off))
            .Emit(GuestMachine.EndMarker);
        BlockEquivalence pair = RunToSynchronousException(c, "word");
        Assert.Equal(0u, pair.Translated.ExceptionClass); // unknown reason: UNDEFINED
        Assert.Equal(1UL, pair.Translated.X(20));
    }
}

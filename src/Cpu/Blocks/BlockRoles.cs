using Emulator.Cpu.Decoding;

namespace Emulator.Cpu.Blocks;

/// <summary>The role each instruction plays in a block.</summary>
internal static class BlockRoles
{
    private const uint Nop = 0xD503201F;

    /// <summary>
    /// For a conditional branch (B.cond, CBZ/CBNZ, TBZ/TBNZ): its target's offset in instructions
    /// (imm19 or imm14); null for anything else. Decoded from the fixed bits of the three
    /// encodings (B.cond: 0101_0100, o0 = 0; CB: x011_010x; TB: x011_011x).
    /// </summary>
    public static int? ConditionalBranchOffset(uint word)
    {
        if ((word & 0xFF00_0010) == 0x5400_0000 || (word & 0x7E00_0000) == 0x3400_0000)
            return (int)(word << 8) >> 13; // imm19
        if ((word & 0x7E00_0000) == 0x3600_0000)
            return (int)(word << 13) >> 18; // imm14
        return null;
    }

    /// <summary>
    /// The role of <paramref name="word"/>, decoded to <paramref name="row"/> (null: UNDEFINED, which
    /// always takes an exception). Every instruction can be in a block: system instructions,
    /// barriers and hints too, since whatever they change that the run loop watches (the stop
    /// point for interrupts, timers and stops; the fetch fast path for translation and cache
    /// maintenance; the next PC for exceptions and WFI re-execution) ends the block after them.
    /// </summary>
    public static BlockRole Of(uint word, A64Encoding? row)
    {
        // A conditional branch to itself or backwards ends the block: the end of a loop, whose
        // fall-through path (the loop's exit) runs once per loop; loop blocks stay short, and quick
        // to compile, without the cold code after them.
        if (row is null || (row.Traits & RowTraits.EndsBlock) != 0 || ConditionalBranchOffset(word) <= 0)
            return BlockRole.Last;
        if (word == Nop || Specializer.IsPure(word, row) || row.UndefinedFor is { } undefined && !undefined(word))
            return BlockRole.Pure;
        if (row.Class is InstructionClass.Alu or InstructionClass.Multiply or InstructionClass.Divide && (row.Traits & RowTraits.Hint) == 0)
            return BlockRole.Computes; // data processing: registers, flags, PC (ADR), UNDEFINED encodings
        if (ConditionalBranchOffset(word) is not null)
            return BlockRole.Computes;
        return BlockRole.Checked;
    }
}

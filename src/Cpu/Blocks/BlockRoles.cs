using Emulator.Cpu.Decoding;

namespace Emulator.Cpu.Blocks;

/// <summary>Which instructions a block may hold, and the role each plays in it.</summary>
internal static class BlockRoles
{
    private static readonly HashSet<string> UnconditionalBranches = ["B, BL", "BR", "BLR", "RET"];

    /// <summary>
    /// The role of <paramref name="word"/> (decoded to <paramref name="row"/>) in a block, or null
    /// when it ends the block before itself: system instructions, barriers and ERET (they change
    /// state the run loop watches, or sleep), hints (WFI, WFE, YIELD among them).
    /// </summary>
    public static BlockRole? Of(uint word, A64Encoding row)
    {
        if (row.Class is InstructionClass.System or InstructionClass.Barrier or InstructionClass.ExceptionReturn || row.Name == "Hints")
            return null;
        if (UnconditionalBranches.Contains(row.Name))
            return BlockRole.Last;
        return Specializer.IsPure(word, row) ? BlockRole.Pure : BlockRole.Checked;
    }
}

namespace Emulator.Cpu.Tests.Differential;

/// <summary>
/// One differential test case: the instruction words run back to back, the table row they were
/// drawn from, and the initial architectural state (X0..X30, NZCV, SP, the scratch buffer).
/// </summary>
public sealed class DiffCase
{
    public DiffCase(string row, uint[] words, ulong[] registers, ulong nzcv, ulong sp, byte[] scratch)
    {
        Row = row;
        Words = words;
        Registers = registers;
        Nzcv = nzcv;
        Sp = sp;
        Scratch = scratch;
    }

    public string Row { get; }

    public uint[] Words { get; }

    /// <summary>X0..X30.</summary>
    public ulong[] Registers { get; }

    public ulong Nzcv { get; }

    public ulong Sp { get; }

    public byte[] Scratch { get; }

    /// <summary>
    /// A register (BR, BLR, RET) whose initial value the image sets to the address of the case's
    /// third instruction word, or -1.
    /// </summary>
    public int BranchTargetRegister { get; init; } = -1;

    public override string ToString()
    {
        var text = new global::System.Text.StringBuilder();
        text.Append($"{Row}: {string.Join(" ", Words.Select(w => $"0x{w:x8}"))}\n  initial NZCV=0x{Nzcv:x} SP=0x{Sp:x}\n ");
        for (int i = 0; i < 31; i++)
            text.Append(i == BranchTargetRegister ? $" x{i}=<address after the marker>" : $" x{i}=0x{Registers[i]:x}");
        return text.ToString();
    }
}

namespace Emulator.Cpu.Tests.Differential;

/// <summary>
/// One differential test case: the instruction words run back to back, the table row they were
/// drawn from, and the initial architectural state (X0..X30, NZCV, SP, the scratch buffer; for a
/// SIMD&amp;FP image also V0..V31, FPCR and FPSR).
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

    /// <summary>V0..V31 as 64 doublewords, each register's least significant first; null outside SIMD&amp;FP images.</summary>
    public ulong[]? Vector { get; init; }

    public uint Fpcr { get; init; }

    public uint Fpsr { get; init; }

    public override string ToString()
    {
        var text = new global::System.Text.StringBuilder();
        text.Append($"{Row}: {string.Join(" ", Words.Select(w => $"0x{w:x8}"))}\n  initial NZCV=0x{Nzcv:x} SP=0x{Sp:x}\n ");
        for (int i = 0; i < 31; i++)
            text.Append(i == BranchTargetRegister ? $" x{i}=<address after the marker>" : $" x{i}=0x{Registers[i]:x}");
        if (Vector is not null)
        {
            text.Append($"\n  FPCR=0x{Fpcr:x8} FPSR=0x{Fpsr:x8}\n ");
            for (int i = 0; i < 32; i++)
                text.Append($" v{i}=0x{Vector[2 * i + 1]:x16}{Vector[2 * i]:x16}");
        }
        return text.ToString();
    }
}

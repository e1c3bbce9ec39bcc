using Emulator.Cpu.Decoding;

namespace Emulator.Host.Provenance;

/// <summary>
/// How an explanation shows the instruction at a PC. The seam for a disassembler: replace
/// <see cref="Disassemble"/>; the default gives the decode table's name of the encoding.
/// </summary>
public static class InstructionText
{
    /// <summary>Text of the instruction word at a PC (word, PC).</summary>
    public static Func<uint, ulong, string> Disassemble { get; set; } = DecodeTableName;

    public static string DecodeTableName(uint word, ulong pc) =>
        A64Decoder.Instance.Find(word)?.Name is { } name ? $"{name} (0x{word:x8})" : $".inst 0x{word:x8}";
}

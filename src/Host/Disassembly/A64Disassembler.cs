using Emulator.Cpu.Decoding;
using Gee.External.Capstone;
using Gee.External.Capstone.Arm64;

namespace Emulator.Host.Disassembly;

/// <summary>
/// Disassembles single A64 words for messages and traces (never on the per-instruction path).
/// The text comes from Capstone (the maintained disassembler, through Gee.External.Capstone and
/// its native libcapstone); when the native library cannot be loaded, from the name of the
/// emulator's own decode-table row, and <see cref="Problem"/> says why Capstone is missing.
/// </summary>
public static class A64Disassembler
{
    private static readonly Lock Gate = new();
    private static CapstoneArm64Disassembler? _capstone;
    private static bool _tried;
    private static string? _problem;

    /// <summary>True when Capstone's native library loaded and disassembles.</summary>
    public static bool CapstoneAvailable
    {
        get
        {
            lock (Gate)
                return Open() is not null;
        }
    }

    /// <summary>Why Capstone is not available (null when it is).</summary>
    public static string? Problem
    {
        get
        {
            lock (Gate)
            {
                Open();
                return _problem;
            }
        }
    }

    /// <summary>
    /// Capstone's text for <paramref name="word"/> at <paramref name="address"/>, e.g.
    /// "ldp q1, q2, [x0]"; null when Capstone does not decode the word (it is unallocated, or
    /// from an extension Capstone does not know) or Capstone is not available.
    /// </summary>
    public static string? Capstone(uint word, ulong address)
    {
        byte[] bytes = BitConverter.GetBytes(word); // A64 instructions are little-endian words here
        if (!BitConverter.IsLittleEndian)
            Array.Reverse(bytes);
        lock (Gate)
        {
            CapstoneArm64Disassembler? capstone = Open();
            if (capstone is null)
                return null;
            Arm64Instruction[] decoded = capstone.Disassemble(bytes, (long)address);
            if (decoded.Length != 1 || decoded[0].IsSkippedData)
                return null;
            string operands = decoded[0].Operand;
            return operands.Length == 0 ? decoded[0].Mnemonic : $"{decoded[0].Mnemonic} {operands}";
        }
    }

    /// <summary>The emulator's own decode-table row for <paramref name="word"/> (null: the table rejects it, UNDEFINED here).</summary>
    public static A64Encoding? Row(uint word) => A64Decoder.Instance.Find(word);

    /// <summary>
    /// Text for a message or trace line: Capstone's disassembly; without Capstone, the decode
    /// table's row name (e.g. "LDP (SIMD&amp;FP)"); UDF (bits [31:16] zero, the permanently
    /// UNDEFINED encoding, which Capstone 4 predates and the table has no row for) as "udf #imm16";
    /// for a word none of these know, ".inst 0x...".
    /// </summary>
    public static string Describe(uint word, ulong address) =>
        Capstone(word, address) ?? (Row(word) is { } row ? row.Name : (word >> 16) == 0 ? $"udf #{word & 0xFFFF}" : $".inst 0x{word:x8}");

    /// <summary>The first call loads the native library; a failure is remembered with its reason.</summary>
    private static CapstoneArm64Disassembler? Open()
    {
        if (_tried)
            return _capstone;
        _tried = true;
        try
        {
            var capstone = CapstoneDisassembler.CreateArm64Disassembler(Arm64DisassembleMode.LittleEndian);
            capstone.EnableInstructionDetails = false;
            _capstone = capstone;
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException or EntryPointNotFoundException or TypeInitializationException or InvalidOperationException)
        {
            _problem = $"the Capstone disassembler's native library (libcapstone) could not be loaded ({e.GetType().Name}: {e.Message}); instructions are named by the emulator's decode table instead";
            Logging.LogCategories.For(Logging.LogCategories.Cpu).Warning("disassembly: {Problem:l}", _problem); // once, when a message first needs it
        }
        return _capstone;
    }
}

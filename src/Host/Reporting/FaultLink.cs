using Emulator.Cpu.Core;

namespace Emulator.Host.Reporting;

/// <summary>
/// One exception of the chain that ended a run in a guest fault: its kind, the EL it came from, the
/// PC it was taken at, its syndrome and fault address, and (synchronous exceptions) the word at
/// that PC and its disassembly, when the word could be read.
/// </summary>
public sealed record FaultLink(ExceptionType Type, int FromEl, ulong Pc, ulong Esr, ulong Far, uint? Instruction, string? Disassembly)
{
    /// <summary>
    /// When the word that ran (read from memory by a Non-cacheable fetch) differs from the newest
    /// copy of that address (still dirty in a data cache): the newest copy. Null otherwise.
    /// </summary>
    public uint? NewestInstruction { get; init; }

    public string? NewestDisassembly { get; init; }

    public uint ExceptionClass => ExceptionClasses.Of(Esr);

    /// <summary>"UNDEFINED instruction", "Data Abort taken without a change in Exception level", "IRQ interrupt", ...</summary>
    public string What => Type switch
    {
        ExceptionType.Synchronous => ExceptionClasses.Describe(ExceptionClass),
        ExceptionType.Irq => "IRQ interrupt",
        ExceptionType.Fiq => "FIQ interrupt",
        _ => "SError interrupt",
    };

    public string Kind => Type switch
    {
        ExceptionType.Synchronous => "synchronous",
        ExceptionType.Irq => "irq",
        ExceptionType.Fiq => "fiq",
        _ => "serror",
    };
}

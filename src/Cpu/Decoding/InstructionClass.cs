namespace Emulator.Cpu.Decoding;

/// <summary>
/// The timing model's instruction classes: each decode-table row names one, and the core's
/// timing profile gives each an issue cost (see <see cref="Mmu.Caches.CoreTimingConfig"/>).
/// </summary>
public enum InstructionClass : byte
{
    Alu,
    Multiply,
    Divide,
    Branch,
    LoadStore,
    System,
    Barrier,

    /// <summary>ERET: costs a pipeline flush, as an exception entry does.</summary>
    ExceptionReturn,
}

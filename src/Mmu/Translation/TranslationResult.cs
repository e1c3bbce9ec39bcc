using Emulator.Mmu.Attributes;

namespace Emulator.Mmu.Translation;

/// <summary>
/// The outcome of a stage-1 translation (the pseudocode's AddressDescriptor): the physical address
/// and the attributes the access uses, the leaf mapping it came from (default with stage 1 off),
/// or the fault.
/// </summary>
public readonly record struct TranslationResult(ulong Pa, MemoryAttributes Attributes, S1Mapping Mapping, FaultRecord Fault)
{
    public bool IsFault => Fault.IsFault;

    public static TranslationResult Failed(FaultRecord fault) => new(0, default, default, fault);
}

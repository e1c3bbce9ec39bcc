using Emulator.Mmu.Attributes;

namespace Emulator.Mmu.Translation;

/// <summary>
/// The outcome of a translation (the pseudocode's AddressDescriptor): the physical address and the
/// attributes the access uses, the stage-1 leaf mapping it came from (default with stage 1 off),
/// or the fault. With stage 2, <see cref="Ipa"/> is the output of stage 1 and
/// <see cref="Stage2Mapping"/> the stage-2 leaf; with stage 2 disabled the IPA is the PA.
/// </summary>
public readonly record struct TranslationResult(ulong Pa, MemoryAttributes Attributes, S1Mapping Mapping, FaultRecord Fault)
{
    /// <summary>The intermediate physical address: the output of stage 1 and the input of stage 2.</summary>
    public ulong Ipa { get; init; }

    /// <summary>The stage-2 leaf that translated <see cref="Ipa"/> (default when stage 2 is disabled).</summary>
    public S2Mapping Stage2Mapping { get; init; }

    public bool IsFault => Fault.IsFault;

    public static TranslationResult Failed(FaultRecord fault) => new(0, default, default, fault);
}

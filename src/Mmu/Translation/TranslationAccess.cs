namespace Emulator.Mmu.Translation;

/// <summary>The kind of memory access being translated (the pseudocode's AccessDescriptor, reduced).</summary>
public enum AccessType : byte
{
    Read,
    Write,
    Fetch,
}

/// <summary>
/// What is translated: the access type, whether the EL0 permissions apply (an access from EL0,
/// LDTR/STTR at EL1, AT S1E0*), and whether the access is aligned to its size (for the Device
/// memory alignment check of AArch64.S1Translate).
/// </summary>
public readonly record struct TranslationAccess(AccessType Type, bool Unprivileged, bool Aligned = true)
{
    public bool IsWrite => Type == AccessType.Write;

    public bool IsFetch => Type == AccessType.Fetch;
}

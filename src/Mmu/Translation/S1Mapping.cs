using Emulator.Mmu.Attributes;

namespace Emulator.Mmu.Translation;

/// <summary>
/// One leaf translation, as a successful walk returns it and as the TLB holds it: the block or page
/// (its canonical VA base, output address, size), its MAIR-decoded attributes, its permissions with
/// the hierarchical table controls (APTable, UXNTable, PXNTable) folded in, nG and the ASID it was
/// walked under.
/// </summary>
public readonly record struct S1Mapping(
    ulong VaBase,
    ulong OaBase,
    byte BlockShift,
    byte Level,
    MemoryAttributes Attributes,
    byte Ap,
    bool Uxn,
    bool Pxn,
    bool NotGlobal,
    ushort Asid,
    bool Contiguous)
{
    /// <summary>Size of the block or page in bytes.</summary>
    public ulong Size => 1UL << BlockShift;

    /// <summary>AP[2] after APTable[1]: no write access at any EL.</summary>
    public bool ReadOnly => (Ap & 2) != 0;

    /// <summary>AP[1] after APTable[0]: EL0 may access.</summary>
    public bool El0Accessible => (Ap & 1) != 0;

    /// <summary>
    /// AArch64.CheckPermission (Armv8.0, no PAN): whether the access is permitted. EL1 may read
    /// everything; writes need AP[2] = 0; EL0 needs AP[1] = 1. Execute-never is UXN for EL0 and
    /// PXN for EL1, also for any location EL0 can write (privileged execute of user-writable memory
    /// is forbidden), and with SCTLR_EL1.WXN for any location writable at that EL.
    /// </summary>
    public bool Permits(TranslationAccess access, bool wxn)
    {
        bool privW = !ReadOnly;
        bool userR = El0Accessible;
        bool userW = userR && !ReadOnly;
        if (access.Unprivileged)
        {
            return access.Type switch
            {
                AccessType.Read => userR,
                AccessType.Write => userW,
                _ => !(Uxn || (userW && wxn)),
            };
        }
        return access.Type switch
        {
            AccessType.Read => true,
            AccessType.Write => privW,
            _ => !(Pxn || (privW && wxn) || userW),
        };
    }

    /// <summary>Whether this entry translates the canonical VA <paramref name="canonicalVa"/> for <paramref name="asid"/>.</summary>
    public bool Matches(ulong canonicalVa, ushort asid) =>
        (canonicalVa & ~(Size - 1)) == VaBase && (!NotGlobal || Asid == asid);
}

using Emulator.Mmu.Attributes;

namespace Emulator.Mmu.Translation;

/// <summary>
/// One stage-2 leaf translation, as a successful <see cref="Stage2Walk"/> returns it: the block or
/// page (its IPA base, output address, size and level) and the raw stage-2 attribute fields of the
/// descriptor (MemAttr[3:0] from bits [5:2], SH from [9:8], S2AP from [7:6], XN[1:0] from [54:53]).
/// The memory type is kept raw so that it can be combined with stage 1 under the HCR_EL2.FWB/CD
/// values in force when it is used (see <see cref="Stage2Attributes.Combine"/>).
/// </summary>
public readonly record struct S2Mapping(
    ulong IpaBase,
    ulong OaBase,
    byte BlockShift,
    byte Level,
    byte MemAttr,
    Shareability Shareability,
    byte S2Ap,
    byte Xn)
{
    /// <summary>Size of the block or page in bytes.</summary>
    public ulong Size => 1UL << BlockShift;

    /// <summary>S2AP[0]: reads (and stage-1 table walks) permitted.</summary>
    public bool CanRead => (S2Ap & 1) != 0;

    /// <summary>S2AP[1]: writes permitted.</summary>
    public bool CanWrite => (S2Ap & 2) != 0;

    /// <summary>
    /// Instruction fetches permitted. Armv8.0 has only XN (descriptor bit 54, XN[1]); FEAT_XNX adds
    /// XN[0] (bit 53) to make execute permission differ between EL1 and EL0. Simplification: any
    /// non-zero XN[1:0] is execute-never at both EL1 and EL0 (XN[1:0] = 0b01 or 0b11 would let one
    /// of them execute with FEAT_XNX). Software that writes bit 53 as 0, as it must without
    /// FEAT_XNX, sees exactly the Armv8.0 behaviour.
    /// </summary>
    public bool Executable => Xn == 0;

    /// <summary>AArch64.CheckS2Permission: S2AP[0] for reads, S2AP[1] for writes, XN for fetches.</summary>
    public bool Permits(AccessType type) => type switch
    {
        AccessType.Read => CanRead,
        AccessType.Write => CanWrite,
        _ => Executable,
    };

    /// <summary>Whether this mapping translates <paramref name="ipa"/>.</summary>
    public bool Contains(ulong ipa) => (ipa & ~(Size - 1)) == IpaBase;

    /// <summary>The output address of <paramref name="ipa"/>, which this mapping must contain.</summary>
    public ulong OutputAddress(ulong ipa) => OaBase | (ipa & (Size - 1));
}

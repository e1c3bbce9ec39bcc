namespace Emulator.Mmu.Translation;

/// <summary>The translation faults a translation can report (the pseudocode's Fault enumeration, reduced).</summary>
public enum FaultType : byte
{
    None,
    AddressSize,
    Translation,
    AccessFlag,
    Permission,
    Alignment,

    /// <summary>Synchronous External abort on a translation table walk (the descriptor read failed).</summary>
    SyncExternalOnWalk,
}

/// <summary>
/// A translation fault (the pseudocode's FaultRecord, reduced): its type and level; whether stage 2
/// produced it (<see cref="Stage2"/>: taken to EL2, reported in ESR_EL2 with HPFAR_EL2 =
/// <see cref="Ipa"/>); and whether that stage-2 fault happened on the translation of a stage-1
/// table walk (<see cref="S1Ptw"/>, ESR_ELx.ISS.S1PTW; <see cref="Ipa"/> is then the IPA of the
/// stage-1 descriptor). <see cref="StatusCode"/> is the DFSC/IFSC and PAR_EL1.FST encoding
/// (AArch64.FaultSyndrome / EncodeLDFSC).
/// </summary>
public readonly record struct FaultRecord(FaultType Type, int Level, bool S1Ptw = false, bool Stage2 = false, ulong Ipa = 0)
{
    public bool IsFault => Type != FaultType.None;

    /// <summary>EncodeLDFSC: the 6-bit fault status code of the long-descriptor format.</summary>
    public uint StatusCode => Type switch
    {
        FaultType.AddressSize => 0b000000u | (uint)Level,
        FaultType.Translation => 0b000100u | (uint)Level,
        FaultType.AccessFlag => 0b001000u | (uint)Level,
        FaultType.Permission => 0b001100u | (uint)Level,
        FaultType.SyncExternalOnWalk => 0b010100u | (uint)Level,
        FaultType.Alignment => 0b100001u,
        _ => throw new InvalidOperationException("no fault"),
    };

    /// <summary>HPFAR_EL2.FIPA (bits [39:4] = IPA[51:12]) for a stage-2 fault.</summary>
    public ulong Hpfar => (Ipa >> 12) << 4;

    public override string ToString()
    {
        string text = Type == FaultType.Alignment ? "Alignment fault" : $"{Type} fault, level {Level}";
        if (!Stage2)
            return text;
        return S1Ptw ? $"stage-2 {text} on stage-1 walk, IPA 0x{Ipa:x}" : $"stage-2 {text}, IPA 0x{Ipa:x}";
    }
}

namespace Emulator.Mmu.Translation;

/// <summary>The translation faults a stage-1 translation can report (the pseudocode's Fault enumeration, reduced).</summary>
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
/// A translation fault: its type and level, and whether it happened on the stage-2 translation of
/// a stage-1 walk (S1PTW; always false until stage 2 exists). <see cref="StatusCode"/> is the
/// DFSC/IFSC and PAR_EL1.FST encoding (AArch64.FaultSyndrome / EncodeLDFSC).
/// </summary>
public readonly record struct FaultRecord(FaultType Type, int Level, bool S1Ptw = false)
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

    public override string ToString() => Type == FaultType.Alignment ? "Alignment fault" : $"{Type} fault, level {Level}";
}

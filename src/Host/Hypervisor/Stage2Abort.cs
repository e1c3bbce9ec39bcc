namespace Emulator.Host.Hypervisor;

/// <summary>The kind of stage-2 fault, from the fault status code of ESR_EL2.</summary>
public enum Stage2FaultKind
{
    AddressSize,
    Translation,
    AccessFlag,
    Permission,
    Other,
}

/// <summary>
/// A stage-2 abort as EL2 sees it: ESR_EL2 (EC 0x20 instruction abort or 0x24 data abort from a
/// lower EL, with the ISS fields), FAR_EL2 (the VA) and HPFAR_EL2 (FIPA = IPA[47:12] in bits
/// [43:4]), decoded the way KVM's kvm_vcpu_* accessors do.
/// </summary>
public readonly record struct Stage2Abort(uint Esr, ulong Far, ulong Hpfar)
{
    public uint Ec => Esr >> 26;

    public bool IsInstructionFetch => Ec == 0x20;

    /// <summary>The faulting IPA: HPFAR_EL2.FIPA with the page offset from FAR_EL2.</summary>
    public ulong Ipa => ((Hpfar >> 4) << 12) | (Far & 0xFFF);

    public bool Isv => (Esr & (1u << 24)) != 0;

    public int AccessSizeLog2 => (int)((Esr >> 22) & 3);

    public bool SignExtend => (Esr & (1u << 21)) != 0;

    public int Srt => (int)((Esr >> 16) & 31);

    public bool SixtyFourBit => (Esr & (1u << 15)) != 0;

    public bool CacheMaintenance => !IsInstructionFetch && (Esr & (1u << 8)) != 0;

    public bool S1Ptw => (Esr & (1u << 7)) != 0;

    /// <summary>kvm_is_write_fault: a stage-1 walk counts as a write (it may update descriptors); a maintenance instruction does not.</summary>
    public bool IsWrite => !IsInstructionFetch && (S1Ptw || ((Esr & (1u << 6)) != 0 && !CacheMaintenance));

    public Stage2FaultKind FaultKind => ((Esr & 0x3F) >> 2) switch
    {
        0 => Stage2FaultKind.AddressSize,
        1 => Stage2FaultKind.Translation,
        2 => Stage2FaultKind.AccessFlag,
        3 => Stage2FaultKind.Permission,
        _ => Stage2FaultKind.Other,
    };

    public string AccessName => IsInstructionFetch ? "fetch" : S1Ptw ? "stage-1 walk" : CacheMaintenance ? "maintenance" : IsWrite ? "write" : "read";
}
